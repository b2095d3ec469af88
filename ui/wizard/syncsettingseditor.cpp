#include "syncsettingseditor.h"

#include "analyticsreportseditor.h"

#include "core/schedule/syncschedule.h"
#include "core/sync/rawarchive.h"
#include "ui/common/validationlabel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimeEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

// The entries of the schedule combo box; "every few hours" takes its N from a second box.
enum ScheduleEntry { Manual, Hourly, EveryFewHours, Daily, Weekly, Unknown };
const int kEveryHoursChoices[] = {2, 3, 4, 6, 8, 12};

// Apple keeps analytics instances 35 days: a longer backfill would ask for data that no longer exists.
constexpr int kMaxBackfillDays = 35;

QLabel *explanation(const QString &text)
{
    // One line each: word-wrapped labels get a wrong height inside a QFormLayout row.
    auto *label = new QLabel(text);
    label->setIndent(24); // under the radio button's text, not its circle
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.92);
    label->setFont(font);
    return label;
}

// A size limit as the user would type it, without rounding: "20G" for whole units, bytes otherwise.
QString sizeText(qint64 bytes)
{
    if (bytes <= 0) {
        return {};
    }
    static const char units[] = {'T', 'G', 'M', 'K'};
    for (int i = 0; i < 4; ++i) {
        const qint64 unit = qint64(1) << (10 * (4 - i));
        if (bytes % unit == 0) {
            return QString::number(bytes / unit) + QLatin1Char(units[i]);
        }
    }
    return QString::number(bytes);
}

} // namespace

SyncSettingsEditor::SyncSettingsEditor(QWidget *parent)
    : QWidget(parent)
    , m_schedule(new QComboBox)
    , m_everyHours(new QComboBox)
    , m_weekday(new QComboBox)
    , m_at(new QTimeEdit)
    , m_scheduleMessage(new ValidationLabel)
    , m_backfillDays(new QSpinBox)
    , m_evolve(new QRadioButton(tr("&Evolve (recommended)")))
    , m_ignore(new QRadioButton(tr("&Ignore new columns")))
    , m_fail(new QRadioButton(tr("&Fail")))
    , m_analytics(new QCheckBox(tr("&Analytics reports (downloads, engagement, usage…)")))
    , m_reports(new AnalyticsReportsEditor)
    , m_sales(new QCheckBox(tr("Sa&les and trends")))
    , m_finance(new QCheckBox(tr("Fi&nance")))
    , m_familiesMessage(new ValidationLabel)
    , m_archiveFolder(new QLineEdit)
    , m_archiveMaxSize(new QLineEdit)
    , m_archiveMaxAge(new QSpinBox)
    , m_archiveMessage(new ValidationLabel)
{
    nameFields();
    m_schedule->addItem(tr("Manually (Sync now)"), Manual);
    m_schedule->addItem(tr("Every hour"), Hourly);
    m_schedule->addItem(tr("Every few hours"), EveryFewHours);
    m_schedule->addItem(tr("Every day at"), Daily);
    m_schedule->addItem(tr("Every week on"), Weekly);
    for (const int hours : kEveryHoursChoices) {
        m_everyHours->addItem(tr("%1 hours").arg(hours), hours);
    }
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        m_weekday->addItem(QLocale().dayName(day), day);
    }
    m_at->setDisplayFormat(u"HH:mm"_s);
    m_backfillDays->setRange(0, kMaxBackfillDays);
    m_backfillDays->setSuffix(tr(" days"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    addScheduleRows(form);
    form->addRow(tr("New columns:"), makePolicyColumn());
    form->addRow(tr("Reports:"), makeFamiliesColumn());
    QWidget *archive = makeArchiveRow();
    form->addRow(tr("Raw a&rchive:"), archive);
    qobject_cast<QLabel *>(form->labelForField(archive))->setBuddy(m_archiveFolder);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addStretch(1);

    setTabOrder(m_schedule, m_everyHours);
    setTabOrder(m_everyHours, m_weekday);
    setTabOrder(m_weekday, m_at);
    setTabOrder(m_at, m_backfillDays);
    setTabOrder(m_backfillDays, m_evolve);
    setTabOrder(m_evolve, m_ignore);
    setTabOrder(m_ignore, m_fail);
    setTabOrder(m_fail, m_analytics);
    setTabOrder(m_analytics, m_reports);
    setTabOrder(m_reports, m_sales);
    setTabOrder(m_sales, m_finance);
    setTabOrder(m_finance, m_archiveFolder);

    watchFields();
    load(config::Settings());
}

// Object names: what the tests and the screenshot tour find the fields by.
void SyncSettingsEditor::nameFields()
{
    m_schedule->setObjectName(u"scheduleCombo"_s);
    m_everyHours->setObjectName(u"scheduleHoursCombo"_s);
    m_weekday->setObjectName(u"scheduleWeekdayCombo"_s);
    m_at->setObjectName(u"scheduleTimeEdit"_s);
    m_scheduleMessage->setObjectName(u"scheduleMessage"_s);
    m_backfillDays->setObjectName(u"backfillDaysSpin"_s);
    m_evolve->setObjectName(u"migrationEvolveRadio"_s);
    m_ignore->setObjectName(u"migrationIgnoreRadio"_s);
    m_fail->setObjectName(u"migrationFailRadio"_s);
    m_analytics->setObjectName(u"analyticsCheck"_s);
    m_sales->setObjectName(u"salesCheck"_s);
    m_finance->setObjectName(u"financeCheck"_s);
    m_familiesMessage->setObjectName(u"familiesMessage"_s);
}

void SyncSettingsEditor::addScheduleRows(QFormLayout *form)
{
    auto *scheduleRow = new QHBoxLayout;
    scheduleRow->addWidget(m_schedule);
    scheduleRow->addWidget(m_everyHours);
    scheduleRow->addWidget(m_weekday);
    scheduleRow->addWidget(m_at);
    scheduleRow->addStretch(1);
    auto *scheduleColumn = new QVBoxLayout;
    scheduleColumn->setSpacing(2);
    scheduleColumn->addLayout(scheduleRow);
    scheduleColumn->addWidget(m_scheduleMessage);
    auto *backfillRow = new QHBoxLayout;
    backfillRow->addWidget(m_backfillDays);
    backfillRow->addWidget(
        new QLabel(tr("re-checked each sync for corrected data; the first sync takes all history")));
    backfillRow->addStretch(1);

    form->addRow(tr("Pull &schedule:"), scheduleColumn);
    form->addRow(tr("&Backfill:"), backfillRow);
    qobject_cast<QLabel *>(form->labelForField(scheduleColumn))->setBuddy(m_schedule);
    qobject_cast<QLabel *>(form->labelForField(backfillRow))->setBuddy(m_backfillDays);
}

QLayout *SyncSettingsEditor::makePolicyColumn()
{
    auto *policies = new QButtonGroup(this);
    policies->addButton(m_evolve);
    policies->addButton(m_ignore);
    policies->addButton(m_fail);

    auto *policyBox = new QVBoxLayout;
    policyBox->setSpacing(2);
    policyBox->addWidget(m_evolve);
    policyBox->addWidget(explanation(tr("When Apple adds a column, add it to the table; nothing is lost.")));
    policyBox->addWidget(m_ignore);
    policyBox->addWidget(
        explanation(tr("Keep the table as it is and report the columns that were skipped.")));
    policyBox->addWidget(m_fail);
    policyBox->addWidget(explanation(tr("Stop that report and change nothing, so you can decide.")));
    return policyBox;
}

QLayout *SyncSettingsEditor::makeFamiliesColumn()
{
    auto *families = new QVBoxLayout;
    families->setSpacing(2);
    families->addWidget(m_analytics);
    families->addWidget(m_reports);
    families->addWidget(explanation(
        tr("Each report costs one request per app on each day's first sync, of Apple's ~3,600 an hour.")));
    families->addWidget(m_sales);
    families->addWidget(m_finance);
    families->addWidget(m_familiesMessage);
    return families;
}

// Every field re-checks the settings when it changes.
void SyncSettingsEditor::watchFields()
{
    connect(m_schedule, &QComboBox::currentIndexChanged, this, &SyncSettingsEditor::check);
    connect(m_everyHours, &QComboBox::currentIndexChanged, this, &SyncSettingsEditor::check);
    connect(m_weekday, &QComboBox::currentIndexChanged, this, &SyncSettingsEditor::check);
    connect(m_at, &QTimeEdit::timeChanged, this, &SyncSettingsEditor::check);
    connect(m_backfillDays, &QSpinBox::valueChanged, this, &SyncSettingsEditor::check);
    for (QAbstractButton *button : std::initializer_list<QAbstractButton *>{
             m_evolve, m_ignore, m_fail, m_analytics, m_sales, m_finance}) {
        connect(button, &QAbstractButton::toggled, this, &SyncSettingsEditor::check);
    }
    connect(m_reports, &AnalyticsReportsEditor::changed, this, &SyncSettingsEditor::check);
    connect(m_archiveFolder, &QLineEdit::textChanged, this, &SyncSettingsEditor::check);
    connect(m_archiveMaxSize, &QLineEdit::textChanged, this, &SyncSettingsEditor::check);
    connect(m_archiveMaxAge, &QSpinBox::valueChanged, this, &SyncSettingsEditor::check);
}

void SyncSettingsEditor::load(const config::Settings &settings)
{
    // One grammar with `ascsync schedule` (core/schedule): what it accepts, the editor shows.
    m_unknownSchedule.clear();
    if (const int unknown = m_schedule->findData(Unknown); unknown >= 0) {
        m_schedule->removeItem(unknown);
    }
    const auto schedule = settings.schedule.schedule();
    if (!schedule) {
        m_unknownSchedule = settings.schedule.text();
        m_schedule->addItem(tr("As in the settings file: %1").arg(settings.schedule.text()), Unknown);
        m_schedule->setCurrentIndex(m_schedule->findData(Unknown));
    } else {
        using Kind = schedule::SyncSchedule::Kind;
        ScheduleEntry entry = Manual;
        switch (schedule->kind) {
        case Kind::Manual:
            entry = Manual;
            break;
        case Kind::EveryHours:
            entry = schedule->everyHours == 1 ? Hourly : EveryFewHours;
            break;
        case Kind::Daily:
            entry = Daily;
            break;
        case Kind::Weekly:
            entry = Weekly;
            break;
        }
        m_schedule->setCurrentIndex(m_schedule->findData(entry));
        if (const int hours = m_everyHours->findData(schedule->everyHours); hours >= 0) {
            m_everyHours->setCurrentIndex(hours);
        }
        m_weekday->setCurrentIndex(m_weekday->findData(schedule->weekday));
        m_at->setTime(schedule->at);
    }
    m_backfillDays->setValue(std::min(settings.backfillDays, kMaxBackfillDays));
    m_evolve->setChecked(settings.migrationPolicy == storage::MigrationPolicy::Evolve);
    m_ignore->setChecked(settings.migrationPolicy == storage::MigrationPolicy::Ignore);
    m_fail->setChecked(settings.migrationPolicy == storage::MigrationPolicy::Fail);
    m_detailedStreams.clear();
    using Family = reports::StreamSelection::Family;
    for (const auto &choice : settings.streams.choices()) {
        if (!choice.detail.isEmpty()) {
            m_detailedStreams << choice.toString();
        }
    }
    const bool analytics = settings.streams.includes(Family::Analytics);
    m_analytics->setChecked(analytics);
    m_reports->setStreams((analytics ? settings.streams : config::Settings().streams).toStrings());
    m_sales->setChecked(settings.streams.includes(Family::Sales));
    m_finance->setChecked(settings.streams.includes(Family::Finance));
    m_archiveFolder->setText(settings.archiveDirectory);
    m_archiveMaxSize->setText(sizeText(settings.archiveMaxBytes));
    m_archiveMaxAge->setValue(settings.archiveMaxAgeDays);
    check();
}

QWidget *SyncSettingsEditor::makeArchiveRow()
{
    m_archiveFolder->setObjectName(u"archiveFolderEdit"_s);
    m_archiveMaxSize->setObjectName(u"archiveMaxSizeEdit"_s);
    m_archiveMaxAge->setObjectName(u"archiveMaxAgeSpin"_s);
    m_archiveMessage->setObjectName(u"archiveMessage"_s);
    m_archiveFolder->setPlaceholderText(tr("Off: no copies are kept"));
    m_archiveMaxSize->setPlaceholderText(tr("no limit"));
    m_archiveMaxSize->setMaximumWidth(100);
    m_archiveMaxAge->setRange(0, 36500);
    m_archiveMaxAge->setSuffix(tr(" days"));
    m_archiveMaxAge->setSpecialValueText(tr("no limit"));
    auto *browse = new QPushButton(tr("Bro&wse…"));
    browse->setObjectName(u"archiveBrowseButton"_s);
    connect(browse, &QPushButton::clicked, this, &SyncSettingsEditor::chooseArchiveFolder);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_archiveFolder, 1);
    folderRow->addWidget(browse);
    auto *limitsRow = new QHBoxLayout;
    limitsRow->addWidget(new QLabel(tr("at most")));
    limitsRow->addWidget(m_archiveMaxSize);
    limitsRow->addWidget(new QLabel(tr("and")));
    limitsRow->addWidget(m_archiveMaxAge);
    limitsRow->addWidget(new QLabel(tr("old; the oldest downloads go first")));
    limitsRow->addStretch(1);
    auto *column = new QWidget;
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(folderRow);
    layout->addLayout(limitsRow);
    layout->addWidget(m_archiveMessage);
    return column;
}

void SyncSettingsEditor::chooseArchiveFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Choose the raw archive folder"), m_archiveFolder->text());
    if (!folder.isEmpty()) {
        m_archiveFolder->setText(QDir::toNativeSeparators(folder));
    }
}

Status SyncSettingsEditor::archiveStatus() const
{
    const QString size = m_archiveMaxSize->text().trimmed();
    if (!size.isEmpty() && !sync::parseArchiveSize(size)) {
        return makeError(u"settings.archiveMaxBytes"_s,
                         tr("The size limit must be a size like 20G or 500M (empty: no limit)."));
    }
    config::Settings archive;
    applyTo(archive);
    return config::validateArchive(archive);
}

void SyncSettingsEditor::checkArchive()
{
    if (const Status valid = archiveStatus(); !valid) {
        m_archiveMessage->showError(valid.errorMessage());
        return;
    }
    config::Settings archive;
    applyTo(archive);
    if (archive.archiveDirectory.isEmpty()) {
        m_archiveMessage->clearMessage();
    } else {
        m_archiveMessage->showProgress(
            tr("Every downloaded report file is kept there, as Apple sent it; `ascsync replay` rebuilds the "
               "tables from it without Apple."));
    }
}

void SyncSettingsEditor::applyTo(config::Settings &settings) const
{
    settings.schedule = config::ScheduleSetting::fromText(scheduleText());
    settings.backfillDays = m_backfillDays->value();
    settings.migrationPolicy = m_ignore->isChecked() ? storage::MigrationPolicy::Ignore
                               : m_fail->isChecked() ? storage::MigrationPolicy::Fail
                                                     : storage::MigrationPolicy::Evolve;
    QStringList streams;
    const auto add = [&](QCheckBox *box, const QString &family) {
        if (!box->isChecked()) {
            return;
        }
        // A family narrowed to some streams on the command line stays narrowed.
        bool narrowed = false;
        for (const QString &stream : m_detailedStreams) {
            if (stream.section(u':', 0, 0) == family) {
                streams << stream;
                narrowed = true;
            }
        }
        if (!narrowed) {
            streams << family;
        }
    };
    if (m_analytics->isChecked()) {
        streams << m_reports->streams();
    }
    add(m_sales, u"sales"_s);
    add(m_finance, u"finance"_s);
    settings.streams = reports::StreamSelection::of(streams);
    settings.archiveDirectory = m_archiveFolder->text().trimmed();
    settings.archiveMaxBytes = sync::parseArchiveSize(m_archiveMaxSize->text()).value_or(0);
    if (m_archiveMaxSize->text().trimmed().isEmpty()) {
        settings.archiveMaxBytes = 0;
    }
    settings.archiveMaxAgeDays = m_archiveMaxAge->value();
}

bool SyncSettingsEditor::isValid() const
{
    return (m_analytics->isChecked() || m_sales->isChecked() || m_finance->isChecked()) &&
           (!m_analytics->isChecked() || m_reports->checkedCount() > 0) &&
           schedule::SyncSchedule::parse(scheduleText()).ok() && archiveStatus().ok();
}

void SyncSettingsEditor::setVendorNumberKnown(bool known)
{
    m_vendorNumberKnown = known;
    check();
}

QString SyncSettingsEditor::scheduleText() const
{
    schedule::SyncSchedule chosen;
    switch (m_schedule->currentData().toInt()) {
    case Manual:
        chosen.kind = schedule::SyncSchedule::Kind::Manual;
        break;
    case Hourly:
        chosen.kind = schedule::SyncSchedule::Kind::EveryHours;
        chosen.everyHours = 1;
        break;
    case EveryFewHours:
        chosen.kind = schedule::SyncSchedule::Kind::EveryHours;
        chosen.everyHours = m_everyHours->currentData().toInt();
        break;
    case Daily:
        chosen.kind = schedule::SyncSchedule::Kind::Daily;
        chosen.at = m_at->time();
        break;
    case Weekly:
        chosen.kind = schedule::SyncSchedule::Kind::Weekly;
        chosen.weekday = m_weekday->currentData().toInt();
        chosen.at = m_at->time();
        break;
    default:
        return m_unknownSchedule;
    }
    return chosen.toString();
}

void SyncSettingsEditor::check()
{
    const int entry = m_schedule->currentData().toInt();
    m_everyHours->setVisible(entry == EveryFewHours);
    m_weekday->setVisible(entry == Weekly);
    m_at->setVisible(entry == Daily || entry == Weekly);
    if (const auto parsed = schedule::SyncSchedule::parse(scheduleText()); !parsed) {
        m_scheduleMessage->showError(parsed.errorMessage());
    } else if (!parsed->isManual()) {
        m_scheduleMessage->showProgress(tr("Syncs %1 (local time).").arg(parsed->describe()));
    } else {
        m_scheduleMessage->clearMessage();
    }
    if (!m_evolve->isChecked() && !m_ignore->isChecked() && !m_fail->isChecked()) {
        m_evolve->setChecked(true); // re-enters check()
        return;
    }
    m_reports->setEnabled(m_analytics->isChecked());
    if (!m_analytics->isChecked() && !m_sales->isChecked() && !m_finance->isChecked()) {
        m_familiesMessage->showError(tr("Choose at least one kind of report to sync."));
    } else if (m_analytics->isChecked() && m_reports->checkedCount() == 0) {
        m_familiesMessage->showError(
            tr("Choose at least one analytics report, or untick Analytics reports."));
    } else if (!m_vendorNumberKnown && (m_sales->isChecked() || m_finance->isChecked())) {
        m_familiesMessage->showProgress(
            tr("Sales and finance reports need a vendor number (on the Apps page); "
               "without it they are skipped."));
    } else {
        m_familiesMessage->clearMessage();
    }
    checkArchive();
    Q_EMIT changed();
}

} // namespace ascsync::ui
