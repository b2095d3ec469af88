#include "adminsetupdialog.h"

#include "core/admin/requestcollector.h"
#include "core/common/processhardening.h"
#include "core/common/secureerase.h"
#include "core/sync/syncsetup.h"
#include "ui/common/uilog.h"
#include "ui/main/themeicons.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

QString needsText(const admin::AppRequests &app, const QList<admin::AdminAction> &actions)
{
    QStringList needs;
    for (const admin::AdminAction &action : actions) {
        if (action.appId != app.appId) {
            continue;
        }
        needs << (action.kind == admin::AdminAction::Kind::DeleteStopped
                      ? u"delete the stopped ONGOING request"_s
                      : u"create %1"_s.arg(action.accessType));
    }
    return needs.join(u", "_s);
}

bool isGood(admin::ActionOutcome::Kind kind)
{
    return kind == admin::ActionOutcome::Kind::Created || kind == admin::ActionOutcome::Kind::AlreadyExists ||
           kind == admin::ActionOutcome::Kind::Deleted;
}

} // namespace

AdminSetupDialog::AdminSetupDialog(const config::Settings &settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_issuerId(new QLineEdit(this))
    , m_keyId(new QLineEdit(this))
    , m_keyFile(new QLineEdit(this))
    , m_keyPem(new QPlainTextEdit(this))
    , m_checkButton(new QPushButton(u"&Check apps"_s, this))
    , m_summary(new QLabel(this))
    , m_apps(new QListWidget(this))
    , m_commands(new QPlainTextEdit(this))
    , m_expiry(new QLabel(this))
    , m_copyAll(new QPushButton(u"Copy &all commands"_s, this))
    , m_copyApp(new QPushButton(u"Copy commands for this a&pp"_s, this))
    , m_send(new QPushButton(u"Send requests &now"_s, this))
    , m_results(new QListWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(u"adminSetupDialog"_s);
    setWindowTitle(u"Admin Setup"_s);
    auto *intro = new QLabel(
        u"Apple generates an app's analytics reports only after an Admin has enabled them once: one ongoing "
        u"and one one-time snapshot report request per app. Enter an Admin API key (Users and Access ▸ "
        u"Integrations) to do it here."_s,
        this);
    intro->setWordWrap(true);
    auto *privacy = new QLabel(
        u"<b>Your Admin key stays in this computer's memory while this window is open and is never saved or "
        u"sent.</b> ascsync signs a token with it that is valid for at most 20 minutes; only that token goes "
        u"to Apple, when you click Send or run the commands yourself."_s,
        this);
    privacy->setObjectName(u"adminPrivacyNote"_s);
    privacy->setWordWrap(true);

    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(privacy);
    // The key and the apps it finds side by side: the commands below get the height.
    auto *top = new QHBoxLayout;
    top->addLayout(buildKeyColumn(), 1);
    top->addWidget(buildAppsBox(), 1);
    layout->addLayout(top);
    layout->addWidget(buildCommandsBox(), 1);
    layout->addWidget(m_buttons);
    // Wide enough for the curl lines, and within a 1280x800 screen.
    resize(1040, 740);

    // Before any key is read, as `ascsync admin-commands` does: no core dump, no same-user debugger.
    if (const Status hardened = keepSecretsOutOfCoreDumps(); !hardened) {
        m_checkButton->setEnabled(false);
        m_summary->setText(hardened.errorMessage());
    }
}

// The Admin key's fields and the button that reads the apps with it.
QLayout *AdminSetupDialog::buildKeyColumn()
{
    m_issuerId->setObjectName(u"adminIssuerId"_s);
    m_issuerId->setPlaceholderText(u"57246542-96fe-1a63-e053-0824d011072a"_s);
    m_keyId->setObjectName(u"adminKeyId"_s);
    m_keyId->setPlaceholderText(u"2X9R4HXF34"_s);
    m_keyFile->setObjectName(u"adminKeyFile"_s);
    m_keyFile->setPlaceholderText(u"AuthKey_<KEY ID>.p8"_s);
    auto *browse = new QPushButton(u"&Browse…"_s, this);
    browse->setObjectName(u"adminBrowseKeyButton"_s);
    connect(browse, &QPushButton::clicked, this, &AdminSetupDialog::chooseKeyFile);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_keyFile, 1);
    fileRow->addWidget(browse);
    m_keyPem->setObjectName(u"adminKeyPem"_s);
    m_keyPem->setPlaceholderText(u"…or paste the key: -----BEGIN PRIVATE KEY----- …"_s);
    m_keyPem->setTabChangesFocus(true);
    m_keyPem->setMaximumHeight(m_keyPem->fontMetrics().lineSpacing() * 4);
    m_keyPem->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *form = new QFormLayout;
    form->addRow(u"Admin &Issuer ID:"_s, m_issuerId);
    form->addRow(u"Admin &Key ID:"_s, m_keyId);
    auto *fileLabel = new QLabel(u"Key &file:"_s, this);
    fileLabel->setBuddy(m_keyFile);
    form->addRow(fileLabel, fileRow);
    form->addRow(u"Or &paste:"_s, m_keyPem);
    m_checkButton->setObjectName(u"adminCheckButton"_s);
    m_checkButton->setDefault(true);
    connect(m_checkButton, &QPushButton::clicked, this, &AdminSetupDialog::checkApps);

    auto *keyColumn = new QVBoxLayout;
    keyColumn->addLayout(form);
    keyColumn->addWidget(m_checkButton, 0, Qt::AlignRight);
    keyColumn->addStretch();
    return keyColumn;
}

QGroupBox *AdminSetupDialog::buildAppsBox()
{
    m_summary->setObjectName(u"adminSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText); // it shows app names and Apple's text: never rich text
    m_apps->setObjectName(u"adminAppsList"_s);
    m_apps->setAccessibleName(u"Apps without report requests"_s);
    m_apps->setMaximumHeight(fontMetrics().lineSpacing() * 6);
    connect(m_apps, &QListWidget::currentRowChanged, this,
            [this] { m_copyApp->setEnabled(m_apps->currentItem()); });
    auto *appsBox = new QGroupBox(u"Apps without report requests"_s, this);
    auto *appsLayout = new QVBoxLayout(appsBox);
    appsLayout->addWidget(m_summary);
    appsLayout->addWidget(m_apps);
    return appsBox;
}

// The curl commands, the buttons that copy or send them, and the results of sending.
QGroupBox *AdminSetupDialog::buildCommandsBox()
{
    m_commands->setObjectName(u"adminCurlView"_s);
    m_commands->setReadOnly(true);
    m_commands->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_commands->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_commands->setTabChangesFocus(true);
    m_commands->setAccessibleName(u"curl commands"_s);
    m_expiry->setObjectName(u"adminTokenExpiry"_s);
    // One line: a wrapped label inside the group box was clipped at some widths.
    m_expiry->setWordWrap(false);
    m_copyAll->setObjectName(u"copyAllCommandsButton"_s);
    m_copyApp->setObjectName(u"copyAppCommandsButton"_s);
    m_send->setObjectName(u"adminSendButton"_s);
    m_send->setIcon(themeIcon(u"mail-send"_s, QStyle::SP_ArrowForward));
    connect(m_copyAll, &QPushButton::clicked, this, &AdminSetupDialog::copyAllCommands);
    connect(m_copyApp, &QPushButton::clicked, this, &AdminSetupDialog::copySelectedAppCommands);
    connect(m_send, &QPushButton::clicked, this, &AdminSetupDialog::sendRequests);
    for (QPushButton *button : {m_copyAll, m_copyApp, m_send})
        button->setEnabled(false); // until there are commands
    // The commands are what people read and copy: they get the room; the lists stay a few lines high.
    const int line = fontMetrics().lineSpacing();
    m_commands->setMinimumHeight(line * 12);
    m_results->setMaximumHeight(line * 6);
    m_results->setObjectName(u"adminResultsList"_s);
    m_results->setAccessibleName(u"Results"_s);
    m_results->setWordWrap(true);
    m_results->hide(); // until there are results: the commands keep the room

    auto *commandsBox = new QGroupBox(u"Commands (run them in a terminal, or click Send)"_s, this);
    auto *commandsLayout = new QVBoxLayout(commandsBox);
    commandsLayout->addWidget(m_commands);
    commandsLayout->addWidget(m_expiry);
    auto *commandButtons = new QHBoxLayout;
    commandButtons->addWidget(m_copyAll);
    commandButtons->addWidget(m_copyApp);
    commandButtons->addStretch();
    commandButtons->addWidget(m_send);
    commandsLayout->addLayout(commandButtons);
    commandsLayout->addWidget(m_results);
    return commandsBox;
}

AdminSetupDialog::~AdminSetupDialog()
{
    if (m_busy) {
        QApplication::restoreOverrideCursor(); // the worker's answer will not come back to this dialog
    }
    forgetKey();
}

void AdminSetupDialog::setAdminCredentials(const QString &issuerId, const QString &keyId,
                                           const QString &keyFile)
{
    m_issuerId->setText(issuerId);
    m_keyId->setText(keyId);
    m_keyFile->setText(keyFile);
}

void AdminSetupDialog::chooseKeyFile()
{
    const QString path = QFileDialog::getOpenFileName(this, u"Choose the Admin key"_s, QString(),
                                                      u"App Store Connect keys (*.p8);;All files (*)"_s);
    if (!path.isEmpty()) {
        m_keyFile->setText(path);
    }
}

void AdminSetupDialog::checkApps()
{
    if (m_busy) {
        return;
    }
    AdminKeyInput input;
    input.issuerId = m_issuerId->text();
    input.keyId = m_keyId->text();
    input.keyFile = m_keyFile->text().trimmed();
    QString pasted = m_keyPem->toPlainText();
    input.pem = pasted.toUtf8();
    secureErase(pasted);
    // Once parsed, the key lives in the plan; the pasted text is not needed any more.
    m_keyPem->clear();
    m_plan.reset();
    m_outcomes.clear();
    m_results->clear();
    m_results->hide();
    auto adminKey = readAdminKey(std::move(input));
    if (!adminKey) {
        showError(adminKey.errorMessage());
        Q_EMIT planReady(false);
        return;
    }
    setBusy(true, u"Checking your apps' report requests…"_s);
    m_checkKey = adminKey.value();
    m_adminClient =
        sync::makeApiClient(sync::apiOptionsFrom(m_settings), m_checkKey->key, m_checkKey->claims);
    if (m_settings.keyId.isEmpty()) {
        collectRequests(*m_adminClient);
        return;
    }
    // The apps are read with the regular key when there is one: it is the key the syncs use and sees the
    // same apps (as `ascsync admin-commands` does).
    sync::openApiClientAsync(m_settings, m_secrets, [this](Result<std::unique_ptr<api::ApiClient>> regular) {
        if (!regular) {
            qCInfo(lcUi) << "admin setup reads the apps with the Admin key:" << regular.error().code;
            collectRequests(*m_adminClient);
            return;
        }
        m_regularClient = std::move(regular).value();
        collectRequests(*m_regularClient);
    });
}

void AdminSetupDialog::collectRequests(api::ApiClient &view)
{
    admin::collectAppRequestsAsync(view, m_settings.apps, [this](Result<QList<admin::AppRequests>> apps) {
        setBusy(false);
        auto plan = apps ? admin::planFromRequests(m_settings, *m_checkKey, std::move(apps).value())
                         : Result<admin::AdminSetupPlan>(apps.error());
        if (plan) {
            showPlan(AdminPlan{std::move(plan).value(), *m_checkKey});
        } else {
            showError(plan.errorMessage());
        }
        m_checkKey.reset();
        Q_EMIT planReady(plan.ok());
    });
}

void AdminSetupDialog::showPlan(const AdminPlan &plan)
{
    m_plan = plan;
    m_apps->clear();
    for (const admin::AppRequests &app : plan.apps) {
        const QString needs = needsText(app, plan.actions);
        if (needs.isEmpty()) {
            continue;
        }
        auto *item = new QListWidgetItem(u"%1 (%2): %3"_s.arg(app.appName, app.appId, needs), m_apps);
        item->setData(Qt::UserRole, app.appId);
    }
    m_summary->setText(plan.appsNeedingSetup == 0
                           ? u"Every app has its report requests: nothing to do."_s
                           : u"You have %1 apps without report requests."_s.arg(plan.appsNeedingSetup));
    m_commands->setPlainText(plan.script);
    const qint64 minutes = QDateTime::currentDateTimeUtc().secsTo(plan.token.expiresAt) / 60;
    m_expiry->setText(
        u"The token in these commands expires at %1 (in about %2 minutes); then click Check apps "
        u"again."_s.arg(QLocale().toString(plan.token.expiresAt.toLocalTime().time(), QLocale::ShortFormat))
            .arg(minutes));
    const bool work = !plan.actions.isEmpty();
    m_copyAll->setEnabled(true);
    m_copyApp->setEnabled(work && m_apps->count() > 0);
    if (m_apps->count() > 0) {
        m_apps->setCurrentRow(0);
    }
    m_send->setEnabled(work);
}

void AdminSetupDialog::showError(const QString &message)
{
    m_summary->setText(message);
    m_apps->clear();
    m_commands->clear();
    m_expiry->clear();
}

void AdminSetupDialog::sendRequests()
{
    if (m_busy || !m_plan || m_plan->actions.isEmpty()) {
        return;
    }
    setBusy(true, u"Sending the report requests…"_s);
    m_results->clear();
    // In this thread: the client answers from the event loop, and the dialog's end drops it with its calls.
    m_sender = admin::makeSendingClient(m_settings, m_plan->adminKey, m_plan->actions);
    admin::sendActionsAsync(m_plan->actions, *m_sender,
                            [this](QList<admin::ActionOutcome> outcomes) { showOutcomes(outcomes); });
}

void AdminSetupDialog::showOutcomes(const QList<admin::ActionOutcome> &outcomes)
{
    setBusy(false);
    m_outcomes = outcomes;
    int good = 0;
    m_results->setVisible(!outcomes.isEmpty());
    for (const admin::ActionOutcome &outcome : outcomes) {
        auto *item = new QListWidgetItem(outcome.message, m_results);
        item->setIcon(isGood(outcome.kind) ? themeIcon(u"emblem-ok"_s, QStyle::SP_DialogApplyButton)
                                           : themeIcon(u"dialog-error"_s, QStyle::SP_MessageBoxCritical));
        good += isGood(outcome.kind) ? 1 : 0;
    }
    m_summary->setText(good == outcomes.size()
                           ? u"Done: Apple generates the first reports within 24 to 72 hours."_s
                           : u"%1 of %2 requests did not go through; see below."_s.arg(outcomes.size() - good)
                                 .arg(outcomes.size()));
    m_send->setEnabled(false); // the plan is spent; Check apps again for the new state
    Q_EMIT requestsSent();
}

void AdminSetupDialog::copyAllCommands()
{
    QApplication::clipboard()->setText(m_commands->toPlainText());
    warnClipboardHoldsToken();
}

void AdminSetupDialog::warnClipboardHoldsToken()
{
    if (!m_plan || m_plan->token.token.isEmpty()) {
        return;
    }
    m_summary->setText(
        u"Copied. The clipboard now holds an Admin token valid until %1 that can create and delete report "
        u"requests: paste it only into a terminal, and copy something else afterwards."_s.arg(
            QLocale().toString(m_plan->token.expiresAt.toLocalTime().time(), QLocale::ShortFormat)));
}

void AdminSetupDialog::copySelectedAppCommands()
{
    if (!m_plan || !m_apps->currentItem()) {
        return;
    }
    QApplication::clipboard()->setText(
        m_plan->scriptFor(m_apps->currentItem()->data(Qt::UserRole).toString(), m_settings.apiBaseUrl));
    warnClipboardHoldsToken();
}

void AdminSetupDialog::setBusy(bool busy, const QString &text)
{
    m_busy = busy;
    m_checkButton->setEnabled(!busy);
    m_send->setEnabled(!busy && m_plan && !m_plan->actions.isEmpty());
    if (busy) {
        m_summary->setText(text);
        QApplication::setOverrideCursor(Qt::BusyCursor);
    } else {
        QApplication::restoreOverrideCursor();
    }
}

void AdminSetupDialog::done(int result)
{
    forgetKey();
    QDialog::done(result);
}

void AdminSetupDialog::forgetKey()
{
    // Dropping the plan and the sending client frees the parsed key (OpenSSL clears private key material
    // when it frees it); a send still under way is dropped with its client.
    m_plan.reset();
    m_sender.reset();
    m_checkKey.reset();
    m_adminClient.reset();
    m_regularClient.reset();
    m_keyPem->clear();
    m_commands->clear();
}

} // namespace ascsync::ui
