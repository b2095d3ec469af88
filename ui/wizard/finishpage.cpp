#include "finishpage.h"

#include "apiconnection.h"
#include "credentialseditor.h"
#include "setupwizard.h"

#include "core/schedule/syncschedule.h"
#include "core/storage/destinationspec.h"
#include "ui/common/backgroundtask.h"
#include "ui/common/validationlabel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

QString scheduleOf(const config::ScheduleSetting &setting)
{
    const auto schedule = setting.schedule();
    return schedule ? schedule->describe() : u"\"%1\""_s.arg(setting.text());
}

QString summaryOf(const config::Settings &settings, bool keyInKeychain)
{
    const auto destination = storage::DestinationSpec::parse(settings.destination, settings.schema);
    const QString apps = settings.apps.isEmpty()
                             ? FinishPage::tr("every app the key sees")
                             : FinishPage::tr("%1 selected apps").arg(settings.apps.size());
    QStringList lines;
    lines << FinishPage::tr("Key %1 of issuer %2, %3.")
                 .arg(settings.keyId, settings.issuerId,
                      keyInKeychain ? FinishPage::tr("stored in your keychain on Finish")
                                    : FinishPage::tr("read from %1").arg(settings.keyFile));
    lines << FinishPage::tr("Reports of %1: %2.").arg(apps, settings.streams.toStrings().join(u", "_s));
    lines << FinishPage::tr("Into %1, schema %2.")
                 .arg(destination ? destination->describe() : settings.destination, settings.schema);
    lines << FinishPage::tr(
                 "Syncs %1, re-checking the last %2 days each time for corrected data; new columns: %3.")
                 .arg(scheduleOf(settings.schedule))
                 .arg(settings.backfillDays)
                 .arg(storage::migrationPolicyName(settings.migrationPolicy));
    if (settings.vendorNumber.isEmpty()) {
        lines << FinishPage::tr("No vendor number: sales and finance reports are skipped.");
    }
    return lines.join(u'\n');
}

} // namespace

FinishPage::FinishPage(SetupWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
    , m_summary(new QLabel)
    , m_requests(new ValidationLabel)
    , m_estimate(new ValidationLabel)
    , m_adminSetup(new QPushButton(tr("&Admin Setup…")))
    , m_saveMessage(new ValidationLabel)
{
    setTitle(tr("Ready"));
    setSubTitle(tr("Check the summary and click Finish to save. Nothing is saved before."));
    m_summary->setObjectName(u"summaryLabel"_s);
    m_requests->setObjectName(u"requestsMessage"_s);
    m_estimate->setObjectName(u"firstSyncEstimate"_s);
    m_adminSetup->setObjectName(u"adminSetupButton"_s);
    m_saveMessage->setObjectName(u"saveMessage"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_adminSetup->setVisible(false);
    m_adminSetup->setToolTip(tr("Analytics reports are enabled once per app with an Admin key. ascsync "
                                "prepares the requests; the Admin key stays in memory and is never saved."));

    auto *adminRow = new QHBoxLayout;
    adminRow->addWidget(m_adminSetup);
    adminRow->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addSpacing(12);
    layout->addWidget(m_requests);
    layout->addLayout(adminRow);
    layout->addWidget(m_estimate);
    layout->addStretch(1);
    layout->addWidget(m_saveMessage);

    connect(m_adminSetup, &QPushButton::clicked, this, &FinishPage::adminSetupRequested);
}

FinishPage::~FinishPage()
{
    if (m_estimateCancellation) {
        m_estimateCancellation->cancel();
    }
}

void FinishPage::initializePage()
{
    const config::Settings settings = m_wizard->settings();
    m_summary->setText(summaryOf(settings, settings.keyFile.isEmpty()));
    m_saveMessage->clearMessage();
    countAppsWithoutRequests();
    estimateFirstSync();
}

bool FinishPage::isComplete() const
{
    return !m_saving;
}

void FinishPage::setSaving(bool saving)
{
    m_saving = saving;
    if (saving) {
        m_saveMessage->showProgress(
            tr("Saving: the key goes to your keychain, the settings to %1…").arg(m_wizard->settingsPath()));
    }
    Q_EMIT completeChanged();
}

void FinishPage::showSaveError(const QString &message)
{
    m_saveMessage->showError(message);
}

void FinishPage::countAppsWithoutRequests()
{
    const auto key = m_wizard->credentialsEditor()->key();
    m_statusClient.reset(); // a check under way is dropped with its client
    m_countKnown = false;
    m_adminSetup->setVisible(false);
    if (!key) {
        m_requests->clearMessage();
        return;
    }
    m_requests->showProgress(tr("Checking which apps have analytics report requests…"));
    // In this thread: the client answers from the event loop.
    const config::Settings settings = m_wizard->settings();
    m_statusClient = makeApiClient(settings, *key);
    status::collectStatusAsync(
        *m_statusClient, status::readDestinationFacts(nullptr), requestStatusOptions(settings),
        [this](const Result<status::StatusReport> &report) { showRequestCount(report); });
}

void FinishPage::showRequestCount(const Result<status::StatusReport> &report)
{
    m_countKnown = true;
    if (!report) {
        m_requests->showError(tr("Could not check the report requests: %1 You can do it later under Admin "
                                 "Setup.")
                                  .arg(report.errorMessage()));
        m_adminSetup->setVisible(true);
    } else if (report->appsWithoutRequests() == 0) {
        m_requests->showSuccess(tr("Every app has its analytics report requests."));
    } else {
        // The headline is `ascsync status`'s own sentence, so the app and the CLI count alike.
        m_requests->showProgress(
            report->headline() + u' ' +
            (report->appsWithoutRequests() == 1
                 ? tr("Its analytics reports stay empty until someone with an Admin key "
                      "enables them (a one-time step).")
                 : tr("Their analytics reports stay empty until someone with an Admin key "
                      "enables them (a one-time step).")));
        m_adminSetup->setVisible(true);
    }
    Q_EMIT requestCountKnown();
}

void FinishPage::estimateFirstSync()
{
    const auto key = m_wizard->credentialsEditor()->key();
    ++m_estimateGeneration;
    if (m_estimateCancellation) {
        m_estimateCancellation->cancel();
    }
    if (!key) {
        m_estimate->clearMessage();
        return;
    }
    m_estimateCancellation = std::make_shared<ApiCancellation>();
    m_estimate->showProgress(tr("Estimating the first sync…"));
    const int generation = m_estimateGeneration;
    runInBackground(
        this,
        [settings = m_wizard->settings(), key = *key, cancellation = m_estimateCancellation] {
            return ui::estimateFirstSync(settings, key, *cancellation);
        },
        [this, generation](Result<sync::SyncPlan> plan) {
            if (generation == m_estimateGeneration) {
                showEstimate(plan);
            }
        });
}

void FinishPage::showEstimate(const Result<sync::SyncPlan> &plan)
{
    if (!plan) {
        m_estimate->showError(tr("Could not estimate the first sync: %1").arg(plan.errorMessage()));
        return;
    }
    QString text = tr("First sync: about %1 requests to App Store Connect for %2 new analytics report files")
                       .arg(plan->syncRequests())
                       .arg(plan->newInstances);
    if (plan->hoursOfBudget() > 0) {
        text += tr(", about %1 more hours of Apple's request budget (%2 an hour): each sync stops cleanly "
                   "when the budget is spent and the next one continues.")
                    .arg(plan->hoursOfBudget())
                    .arg(plan->budget->hourLimit);
    } else if (plan->budget) {
        text += tr(", within this hour's request budget (%1 of %2 left).")
                    .arg(plan->budget->remaining)
                    .arg(plan->budget->hourLimit);
    } else {
        text += u'.';
    }
    m_estimate->showProgress(text);
}

} // namespace ascsync::ui
