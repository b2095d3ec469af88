#include "mainwindow.h"

#include "activitylogpanel.h"
#include "coveragedialog.h"
#include "runhistorymodel.h"
#include "statustablemodel.h"
#include "syncprogresspanel.h"
#include "syncrunner.h"
#include "syncscheduler.h"
#include "synctrayicon.h"
#include "themeicons.h"

#include "ascsync/version.h"
#include "core/config/secretstore.h"
#include "core/status/statusqueries.h"
#include "core/sync/syncsetup.h"
#include "ui/admin/adminsetupdialog.h"
#include "ui/common/backgroundtask.h"
#include "ui/common/uilog.h"
#include "ui/dashboard/dashboardwidget.h"
#include "ui/wizard/settingsdialog.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaMethod>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

constexpr int kHistoryRuns = 20;
constexpr int kActivityDockHeight = 130;
enum Page { EmptyStatePage, HomePage };

// Window geometry and layout are not settings (Settings holds what ascsync does, not how its window looks),
// so they live in a file of their own beside the settings.
QString windowStatePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(u"window-state.ini"_s);
}

} // namespace

MainWindow::MainWindow(QString settingsPath, config::SecretStore *secrets, QWidget *parent)
    : QMainWindow(parent)
    , m_settingsPath(std::move(settingsPath))
    , m_secrets(secrets
                    ? secrets
                    : new config::SecretStore(QStringLiteral(ASCSYNC_APP_ID), std::chrono::seconds(20), this))
    , m_statusModel(new StatusTableModel(this))
    , m_historyModel(new RunHistoryModel(this))
    , m_runner(new SyncRunner(this))
    , m_scheduler(new SyncScheduler(this))
    , m_tray(new SyncTrayIcon(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(u"ascsync"_s);
    setWindowIcon(QApplication::windowIcon());

    m_log = new ActivityLogPanel(this);
    m_log->setObjectName(u"activityLog"_s);
    auto *logDock = new QDockWidget(u"Activity"_s, this);
    logDock->setObjectName(u"activityDock"_s);
    logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);

    m_pages = new QStackedWidget(this);
    m_pages->insertWidget(EmptyStatePage, buildEmptyState());
    m_pages->insertWidget(HomePage, buildHome());
    setCentralWidget(m_pages);
    buildActions();
    statusBar()->addPermanentWidget(m_scheduleLabel = new QLabel(this));
    m_scheduleLabel->setObjectName(u"scheduleLabel"_s);

    connect(m_runner, &SyncRunner::started, this, &MainWindow::onSyncStarted);
    connect(m_runner, &SyncRunner::message, m_log, &ActivityLogPanel::append);
    connect(m_runner, &SyncRunner::progress, m_progress, &SyncProgressPanel::setProgress);
    connect(m_runner, &SyncRunner::unitActivity, this, [this](const sync::UnitActivity &activity) {
        m_progress->setUnitActivity(activity);
        if (activity.phase == sync::UnitActivity::Phase::Finished && !activity.app.isEmpty()) {
            StatusTableModel::LoadTally &tally = m_syncTally[activity.app];
            ++tally.units;
            tally.rows += activity.rows;
        }
    });
    connect(m_runner, &SyncRunner::finished, this, &MainWindow::onSyncFinished);
    connect(m_progress, &SyncProgressPanel::cancelRequested, this, &MainWindow::cancelSync);
    connect(m_scheduler, &SyncScheduler::due, this, [this] {
        m_log->append(ActivityLevel::Info,
                      u"Scheduled sync ("_s + m_scheduler->schedule().describe() + u")."_s);
        syncNow();
    });
    connect(m_scheduler, &SyncScheduler::nextRunChanged, this, [this](const QDateTime &next) {
        m_scheduleLabel->setText(next.isValid()
                                     ? u"Next sync: "_s + QLocale().toString(next, QLocale::ShortFormat)
                                     : u"Syncs only on demand"_s);
    });
    connect(m_tray, &SyncTrayIcon::syncRequested, this, &MainWindow::syncNow);
    connect(m_tray, &SyncTrayIcon::showRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_tray, &SyncTrayIcon::quitRequested, this, &MainWindow::quitApplication);

    restoreWindowState();
    reloadSettings();
}

MainWindow::~MainWindow() = default;

bool MainWindow::isSyncRunning() const
{
    return m_runner->isRunning();
}

QWidget *MainWindow::buildEmptyState()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"emptyStatePage"_s);
    auto *title = new QLabel(u"<h2>Run setup</h2>"_s, page);
    auto *text = new QLabel(u"ascsync is not set up yet. Setup asks for your App Store Connect key (kept in "
                            u"your system's keychain), which apps to sync and where to put the data."_s,
                            page);
    text->setWordWrap(true);
    auto *button = new QPushButton(u"&Run setup…"_s, page);
    button->setObjectName(u"runSetupButton"_s);
    button->setDefault(true);
    connect(button, &QPushButton::clicked, this, [this] {
        if (isSignalConnected(QMetaMethod::fromSignal(&MainWindow::setupRequested))) {
            Q_EMIT setupRequested();
            return;
        }
        QMessageBox::information(
            this, u"Run setup"_s,
            u"Set ascsync up from a terminal with `ascsync login --issuer-id ID --key-id "
            u"KID --key-file AuthKey_KID.p8`, then reopen this window."_s);
    });
    auto *layout = new QVBoxLayout(page);
    layout->addStretch();
    layout->addWidget(title, 0, Qt::AlignHCenter);
    // Full width with centred lines: a wrapped label given only its own hint width is cut off.
    text->setAlignment(Qt::AlignHCenter);
    layout->addWidget(text);
    layout->addWidget(button, 0, Qt::AlignHCenter);
    layout->addStretch();
    return page;
}

QWidget *MainWindow::buildHome()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"homePage"_s);
    // Built in the order Tab visits them: header buttons, the table, the progress, the other tabs.
    QLayout *header = buildHeader(page);
    QTableView *statusView = buildStatusView(page);
    m_progress = new SyncProgressPanel(page);
    m_progress->setObjectName(u"syncProgress"_s);

    // The apps are what the window is for: the table takes all the height the compact progress leaves.
    auto *apps = new QWidget(page);
    apps->setObjectName(u"appsPage"_s);
    auto *appsLayout = new QVBoxLayout(apps);
    appsLayout->addLayout(header);
    appsLayout->addWidget(statusView, 1);
    appsLayout->addWidget(m_progress);
    QWidget *history = buildHistory(page);

    m_dashboard = new DashboardWidget(page);
    m_dashboard->setObjectName(u"dashboard"_s);

    m_tabs = new QTabWidget(page);
    m_tabs->setObjectName(u"mainTabs"_s);
    m_tabs->addTab(apps, u"&Apps"_s);
    m_tabs->addTab(m_dashboard, u"&Dashboard"_s);
    m_tabs->addTab(history, u"&History"_s);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    return page;
}

// The headline that says where the apps stand, and the buttons that act on them.
QLayout *MainWindow::buildHeader(QWidget *page)
{
    m_headline = new QLabel(u"Checking your apps with App Store Connect…"_s, page);
    m_headline->setObjectName(u"statusHeadline"_s);
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::PlainText); // may name apps
    QFont bigger = m_headline->font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.2);
    bigger.setBold(true);
    m_headline->setFont(bigger);
    m_adminButton = new QPushButton(themeIcon(u"dialog-password"_s, QStyle::SP_DialogYesButton),
                                    u"Ad&min Setup…"_s, page);
    m_adminButton->setObjectName(u"adminSetupButton"_s);
    m_adminButton->setToolTip(u"Enable analytics reports for apps that lack report requests (needs an Admin "
                              u"key, used in memory only)"_s);
    connect(m_adminButton, &QPushButton::clicked, this, &MainWindow::openAdminSetup);
    m_coverageButton = new QPushButton(u"&Coverage…"_s, page);
    m_coverageButton->setObjectName(u"coverageButton"_s);
    m_coverageButton->setToolTip(u"A calendar per app and report: which days are loaded, missing or not "
                                 u"published yet (double-click an app to open it for that app)"_s);
    connect(m_coverageButton, &QPushButton::clicked, this, [this] { openCoverage(); });
    m_syncButton =
        new QPushButton(themeIcon(u"view-refresh"_s, QStyle::SP_BrowserReload), u"Sync &now"_s, page);
    m_syncButton->setObjectName(u"syncNowButton"_s);
    connect(m_syncButton, &QPushButton::clicked, this, &MainWindow::syncNow);
    auto *header = new QHBoxLayout;
    header->addWidget(m_headline, 1);
    header->addWidget(m_adminButton);
    header->addWidget(m_coverageButton);
    header->addWidget(m_syncButton);
    return header;
}

QTableView *MainWindow::buildStatusView(QWidget *page)
{
    m_statusView = new QTableView(page);
    m_statusView->setObjectName(u"statusTable"_s);
    m_statusView->setModel(m_statusModel);
    m_statusView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_statusView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_statusView->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_statusView->verticalHeader()->hide();
    m_statusView->horizontalHeader()->setStretchLastSection(true);
    m_statusView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_statusView->horizontalHeader()->setSectionResizeMode(StatusTableModel::NextStepColumn,
                                                           QHeaderView::Stretch);
    connect(m_statusView, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        openCoverage(index.data(StatusTableModel::AppIdRole).toString());
    });
    return m_statusView;
}

QWidget *MainWindow::buildHistory(QWidget *page)
{
    auto *history = new QWidget(page);
    history->setObjectName(u"historyPage"_s);
    auto *historyView = new QTableView(history);
    historyView->setObjectName(u"runHistoryView"_s);
    historyView->setModel(m_historyModel);
    historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    historyView->setTabKeyNavigation(false);
    historyView->verticalHeader()->hide();
    historyView->horizontalHeader()->setStretchLastSection(true);
    auto *historyTitle =
        new QLabel(u"Recent syncs (also the scheduled ones run without this window)"_s, history);
    auto *historyLayout = new QVBoxLayout(history);
    historyLayout->addWidget(historyTitle);
    historyLayout->addWidget(historyView, 1);
    return history;
}

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(u"&File"_s);
    QAction *settingsAction =
        file->addAction(themeIcon(u"preferences-system"_s, QStyle::SP_FileDialogDetailedView),
                        u"&Settings…"_s, this, &MainWindow::openSettingsDialog);
    settingsAction->setObjectName(u"settingsAction"_s);
    settingsAction->setShortcut(QKeySequence::Preferences);
    file->addSeparator();
    QAction *quit = file->addAction(themeIcon(u"application-exit"_s, QStyle::SP_DialogCloseButton),
                                    u"&Quit"_s, this, &MainWindow::quitApplication);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *syncMenu = menuBar()->addMenu(u"&Sync"_s);
    m_syncAction = syncMenu->addAction(themeIcon(u"view-refresh"_s, QStyle::SP_BrowserReload), u"&Sync now"_s,
                                       this, &MainWindow::syncNow);
    m_syncAction->setObjectName(u"syncNowAction"_s);
    m_syncAction->setShortcut(Qt::CTRL | Qt::Key_R);
    m_cancelAction = syncMenu->addAction(themeIcon(u"process-stop"_s, QStyle::SP_BrowserStop),
                                         u"&Cancel sync"_s, this, &MainWindow::cancelSync);
    m_cancelAction->setObjectName(u"cancelSyncAction"_s);
    m_cancelAction->setEnabled(false);
    QAction *refresh = syncMenu->addAction(u"&Refresh status"_s, this, &MainWindow::refreshStatus);
    refresh->setObjectName(u"refreshStatusAction"_s);
    refresh->setShortcut(QKeySequence::Refresh);

    QMenu *tools = menuBar()->addMenu(u"&Tools"_s);
    QAction *admin = tools->addAction(u"&Admin Setup…"_s, this, &MainWindow::openAdminSetup);
    admin->setObjectName(u"adminSetupAction"_s);

    QMenu *view = menuBar()->addMenu(u"&View"_s);
    if (auto *dock = findChild<QDockWidget *>(u"activityDock"_s)) {
        QAction *toggle = dock->toggleViewAction();
        toggle->setShortcut(Qt::CTRL | Qt::Key_L);
        view->addAction(toggle);
    }

    QToolBar *toolbar = addToolBar(u"Main"_s);
    toolbar->setObjectName(u"mainToolbar"_s);
    toolbar->addAction(m_syncAction);
    toolbar->addAction(m_cancelAction);
    toolbar->addAction(settingsAction);
}

void MainWindow::useSettingsFile(const QString &path)
{
    m_settingsPath = path;
    reloadSettings();
}

void MainWindow::reloadSettings()
{
    m_configured = QFileInfo::exists(m_settingsPath);
    if (m_configured) {
        const auto loaded = config::SettingsFile::load(m_settingsPath);
        if (!loaded) {
            m_configured = false;
            m_log->append(ActivityLevel::Error, loaded.errorMessage());
        } else if (const Status valid = config::validate(loaded.value()); !valid) {
            m_configured = false;
            m_log->append(ActivityLevel::Error, valid.errorMessage());
        } else {
            m_settings = loaded.value();
        }
    }
    applySettings();
}

void MainWindow::applySettings()
{
    m_pages->setCurrentIndex(m_configured ? HomePage : EmptyStatePage);
    m_syncAction->setEnabled(m_configured && !isSyncRunning());
    m_syncButton->setEnabled(m_configured && !isSyncRunning());
    schedule::SyncSchedule manual;
    manual.kind = schedule::SyncSchedule::Kind::Manual;
    if (!m_configured) {
        m_scheduler->setSchedule(manual);
        return;
    }
    if (const auto parsed = m_settings.schedule.schedule()) {
        m_scheduler->setSchedule(parsed.value());
    } else {
        m_scheduler->setSchedule(manual);
        m_log->append(ActivityLevel::Warning, parsed.errorMessage());
    }
    m_dashboard->setSettings(m_settings);
    refreshStatus();
    loadRunHistory();
}

void MainWindow::syncNow()
{
    if (!m_configured || isSyncRunning()) {
        return;
    }
    // Pick up changes made meanwhile by the settings dialog or the CLI.
    if (const auto loaded = config::SettingsFile::load(m_settingsPath); loaded && config::validate(*loaded)) {
        m_settings = loaded.value();
    }
    m_runner->start(m_settings);
}

void MainWindow::cancelSync()
{
    if (isSyncRunning()) {
        m_log->append(ActivityLevel::Info, u"Cancelling the sync…"_s);
        m_runner->cancel();
    }
}

void MainWindow::onSyncStarted()
{
    m_syncAction->setEnabled(false);
    m_syncButton->setEnabled(false);
    m_cancelAction->setEnabled(true);
    m_progress->runStarted();
    m_syncTally.clear();
    m_tray->setSyncRunning(true);
    m_log->append(ActivityLevel::Info, u"Sync started."_s);
}

void MainWindow::onSyncFinished(const SyncOutcome &outcome)
{
    m_syncAction->setEnabled(m_configured);
    m_syncButton->setEnabled(m_configured);
    m_cancelAction->setEnabled(false);
    const QString headline = outcome.headline();
    m_progress->runFinished(headline, outcome.ok());
    m_tray->setSyncRunning(false);
    m_tray->setLastSync(headline, outcome.ok());
    const ActivityLevel level = outcome.ok()                                   ? ActivityLevel::Info
                                : outcome.started && outcome.summary.cancelled ? ActivityLevel::Warning
                                                                               : ActivityLevel::Error;
    m_log->append(level, headline);
    if (outcome.started) {
        for (const QString &failure : outcome.summary.failures) {
            m_log->append(ActivityLevel::Error, failure);
        }
        m_historyModel->setRuns(outcome.history);
        m_statusModel->setLastSync(m_syncTally);
        m_dashboard->refresh();
    }
    refreshStatus();
    Q_EMIT syncFinished(outcome.ok());
    if (m_quitting) {
        QApplication::quit();
    }
}

void MainWindow::refreshStatus()
{
    if (!m_configured) {
        return;
    }
    const int generation = ++m_statusGeneration;
    m_statusClient.reset(); // a check under way is dropped with its client
    status::StatusQuery query;
    query.notCreatedYet = u"The destination does not exist yet: click Sync now."_s;
    query.openOptions = backgroundReadOptions();
    // The destination's side on a worker thread (database reads block), Apple's side in this thread.
    runInBackground(
        this,
        [settings = m_settings, query] {
            config::SecretStore secrets;
            return status::destinationFactsFor(settings, secrets, query);
        },
        [this, generation, query](status::DestinationFacts facts) {
            if (generation == m_statusGeneration) {
                askAppleForStatus(generation, status::statusOptionsFor(m_settings, query), std::move(facts));
            }
        });
}

void MainWindow::askAppleForStatus(int generation, const status::StatusOptions &options,
                                   status::DestinationFacts facts)
{
    sync::openApiClientAsync(
        m_settings, *m_secrets,
        [this, generation, options,
         facts = std::move(facts)](Result<std::unique_ptr<api::ApiClient>> client) {
            if (generation != m_statusGeneration) {
                return;
            }
            if (!client) {
                showStatusResult(client.error());
                return;
            }
            m_statusClient = std::move(client).value();
            status::collectStatusAsync(
                *m_statusClient, facts, options,
                [this](const Result<status::StatusReport> &report) { showStatusResult(report); });
        });
}

void MainWindow::showStatusResult(const Result<status::StatusReport> &report)
{
    if (report) {
        showStatus(report.value());
    } else {
        showStatusError(report.errorMessage());
    }
    Q_EMIT statusRefreshed();
}

void MainWindow::showStatus(const status::StatusReport &report)
{
    m_statusModel->setReport(report);
    const QString headline = report.headline();
    m_headline->setText(headline.isEmpty() ? u"Every app has its report requests."_s : headline);
    m_adminButton->setDefault(report.appsWithoutRequests() > 0);
    // A new gap is worth a warning once; the status table's tooltip keeps listing it.
    for (const status::AppStatus &app : report.apps) {
        for (const QString &gap : app.gaps) {
            if (!m_reportedGaps.contains(gap)) {
                m_reportedGaps.insert(gap);
                m_log->append(ActivityLevel::Warning, gap);
            }
        }
    }
    if (!report.destinationChecked && !report.destinationNote.isEmpty()) {
        m_log->append(ActivityLevel::Info, report.destinationNote);
    }
}

void MainWindow::showStatusError(const QString &message)
{
    m_headline->setText(u"Could not check your apps."_s);
    m_headline->setToolTip(message);
    m_log->append(ActivityLevel::Error, u"Checking your apps failed: "_s + message);
}

void MainWindow::loadRunHistory()
{
    runInBackground(
        this,
        [settings = m_settings] {
            config::SecretStore secrets;
            return status::recentRunsFor(settings, secrets, kHistoryRuns, backgroundReadOptions());
        },
        [this](Result<QList<storage::RunRecord>> runs) {
            if (runs) {
                m_historyModel->setRuns(runs.value());
            } else {
                m_log->append(ActivityLevel::Warning,
                              u"The sync history could not be read: "_s + runs.errorMessage());
            }
        });
}

void MainWindow::openAdminSetup()
{
    auto *dialog = new AdminSetupDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, &MainWindow::refreshStatus);
    dialog->open();
}

void MainWindow::openCoverage(const QString &appId)
{
    QString shown = appId;
    const QModelIndexList selected =
        m_statusView->selectionModel() ? m_statusView->selectionModel()->selectedRows() : QModelIndexList();
    if (shown.isEmpty() && !selected.isEmpty())
        shown = selected.constFirst().data(StatusTableModel::AppIdRole).toString();
    QHash<QString, QString> names;
    for (const status::AppStatus &app : m_statusModel->report().apps)
        names.insert(app.appId, app.name);
    auto *dialog = new CoverageDialog(m_settings, names, shown, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openSettingsDialog()
{
    config::Settings current = m_settings;
    if (!m_configured) {
        current.destination = config::Settings::defaultDestination();
    }
    auto *dialog = new SettingsDialog(*m_secrets, m_settingsPath, current, this);
    dialog->setObjectName(u"settingsDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The dialog has written the file (and the keychain) when this arrives.
    connect(dialog, &SettingsDialog::settingsSaved, this, &MainWindow::reloadSettings);
    dialog->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    if (m_tray->isAvailable() && !m_quitting) {
        // Scheduled syncs need the app running: closing the window keeps it in the tray.
        hide();
        m_log->append(
            ActivityLevel::Info,
            u"ascsync keeps running in the system tray for scheduled syncs; choose Quit in its menu "
            u"to stop."_s);
        event->ignore();
        return;
    }
    if (isSyncRunning()) {
        // Finish cleanly: the engine stops at its next request; the quit follows its finished().
        m_quitting = true;
        m_runner->cancel();
        hide();
        event->ignore();
        return;
    }
    event->accept();
}

void MainWindow::quitApplication()
{
    m_quitting = true;
    saveWindowState();
    if (isSyncRunning()) {
        m_runner->cancel();
        hide();
        return; // onSyncFinished quits
    }
    QApplication::quit();
}

void MainWindow::restoreWindowState()
{
    const QSettings state(windowStatePath(), QSettings::IniFormat);
    if (!restoreGeometry(state.value(u"mainWindow/geometry"_s).toByteArray())) {
        resize(1100, 760);
    }
    if (!restoreState(state.value(u"mainWindow/state"_s).toByteArray())) {
        // A few lines of activity by default; the apps table keeps the rest.
        if (auto *dock = findChild<QDockWidget *>(u"activityDock"_s)) {
            resizeDocks({dock}, {kActivityDockHeight}, Qt::Vertical);
        }
    }
    m_tabs->setCurrentIndex(state.value(u"mainWindow/tab"_s, 0).toInt());
}

void MainWindow::saveWindowState() const
{
    QSettings state(windowStatePath(), QSettings::IniFormat);
    state.setValue(u"mainWindow/geometry"_s, saveGeometry());
    state.setValue(u"mainWindow/state"_s, saveState());
    state.setValue(u"mainWindow/tab"_s, m_tabs->currentIndex());
}

} // namespace ascsync::ui
