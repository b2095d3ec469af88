#include "coveragedialog.h"

#include "coveragecalendar.h"

#include "core/config/secretstore.h"
#include "core/status/statusqueries.h"
#include "ui/common/backgroundtask.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

CoverageDialog::CoverageDialog(const config::Settings &settings, QHash<QString, QString> appNames,
                               QString appId, QWidget *parent)
    : QDialog(parent)
    , m_appNames(std::move(appNames))
    , m_appId(std::move(appId))
{
    setObjectName(u"coverageDialog"_s);
    setWindowTitle(u"Coverage"_s);
    m_note = new QLabel(u"Computing the coverage of your destination…"_s, this);
    m_note->setObjectName(u"coverageNote"_s);
    m_note->setWordWrap(true);
    m_calendar = new CoverageCalendar(this);
    m_calendar->setEnabled(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_calendar, 1);
    layout->addWidget(buttons);
    resize(640, 560);

    runInBackground(
        this,
        [settings] {
            config::SecretStore secrets;
            return status::coverageFor(settings, secrets, {}, QDateTime::currentDateTimeUtc(),
                                       backgroundReadOptions());
        },
        [this](Result<status::CoverageReport> report) {
            if (report) {
                m_calendar->setReport(report.value(), m_appNames);
                if (!m_appId.isEmpty())
                    m_calendar->selectSeries(m_appId);
                m_calendar->setEnabled(true);
                m_note->setText(u"Each day of each report: loaded, no data, not published yet, published but "
                                u"not loaded yet, missing, or deleted before it was loaded. Hover a day for "
                                u"its instance."_s);
            } else {
                m_note->setText(u"Could not compute the coverage: "_s + report.errorMessage());
            }
            Q_EMIT coverageShown();
        });
}

} // namespace ascsync::ui
