#include "credentialseditor.h"

#include "apiconnection.h"
#include "fieldchecks.h"

#include "core/auth/credentialids.h"
#include "core/common/secureerase.h"
#include "core/config/apikeystore.h"
#include "ui/common/demosandbox.h"
#include "ui/common/fieldcolumn.h"
#include "ui/common/filedroplineedit.h"
#include "ui/common/uilog.h"
#include "ui/common/validationlabel.h"

#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

constexpr qint64 kMaxKeyFileBytes = 64 * 1024; // a .p8 is about 250 bytes

// AuthKey_<KEYID>.p8 names its key: a chosen file can fill in an empty Key ID.
QString keyIdFromFileName(const QString &path)
{
    static const QRegularExpression name(u"^AuthKey_([A-Z0-9]{10})\\.p8$"_s);
    const auto match = name.match(QFileInfo(path).fileName());
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace

CredentialsEditor::CredentialsEditor(config::SecretStore &secrets, QWidget *parent)
    : QWidget(parent)
    , m_secrets(secrets)
    , m_issuerId(new QLineEdit)
    , m_issuerIdMessage(new ValidationLabel)
    , m_keyId(new QLineEdit)
    , m_keyIdMessage(new ValidationLabel)
    , m_keyFile(new FileDropLineEdit)
    , m_browse(new QPushButton(tr("Browse…")))
    , m_keyFileMessage(new ValidationLabel)
    , m_keepKeyFile(new QCheckBox(tr("Keep using the key file instead of the keychain")))
    , m_advancedToggle(new QToolButton)
    , m_apiBaseUrl(new QLineEdit)
    , m_apiBaseUrlMessage(new ValidationLabel)
    , m_test(new QPushButton(tr("Test connection")))
    , m_testMessage(new ValidationLabel)
{
    m_issuerId->setObjectName(u"issuerIdEdit"_s);
    m_issuerIdMessage->setObjectName(u"issuerIdMessage"_s);
    m_keyId->setObjectName(u"keyIdEdit"_s);
    m_keyIdMessage->setObjectName(u"keyIdMessage"_s);
    m_keyFile->setObjectName(u"keyFileEdit"_s);
    m_browse->setObjectName(u"keyFileBrowseButton"_s);
    m_keyFileMessage->setObjectName(u"keyFileMessage"_s);
    m_keepKeyFile->setObjectName(u"keepKeyFileCheck"_s);
    m_advancedToggle->setObjectName(u"advancedToggle"_s);
    m_apiBaseUrl->setObjectName(u"apiBaseUrlEdit"_s);
    m_apiBaseUrlMessage->setObjectName(u"apiBaseUrlMessage"_s);
    m_test->setObjectName(u"testConnectionButton"_s);
    m_testMessage->setObjectName(u"connectionMessage"_s);

    m_issuerId->setPlaceholderText(u"57246542-96fe-1a63-e053-0824d011072a"_s);
    m_keyId->setPlaceholderText(u"2X9R4HXF34"_s);
    m_keyFile->setPlaceholderText(tr("AuthKey_2X9R4HXF34.p8 — drop the file here or click Browse"));
    m_keepKeyFile->setToolTip(
        tr("For computers without a keychain: ascsync then reads the key from this file "
           "each time, so keep it where it is and readable only by you."));
    m_apiBaseUrl->setText(config::Settings().apiBaseUrl.toString());
    m_advancedToggle->setText(tr("Advanced"));
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    m_advancedToggle->setAutoRaise(true);
    // A disclosure triangle, not a button that looks pressed while open.
    m_advancedToggle->setStyleSheet(u"QToolButton { border: none; padding: 2px 0px; }"_s);
    buildLayout();

    connect(m_issuerId, &QLineEdit::textChanged, this, [this] {
        checkIssuerId();
        checkKeyFile(); // a stored key belongs to its issuer
        fieldEdited();
    });
    connect(m_keyId, &QLineEdit::textChanged, this, [this] {
        checkKeyId();
        checkKeyFile(); // the file-name hint compares both
        fieldEdited();
    });
    connect(m_keyFile, &QLineEdit::textChanged, this, [this] {
        checkKeyFile();
        fieldEdited();
    });
    connect(m_apiBaseUrl, &QLineEdit::textChanged, this, [this] {
        checkApiBaseUrl();
        fieldEdited();
    });
    connect(m_keepKeyFile, &QCheckBox::toggled, this, [this] {
        updateTestButton();
        Q_EMIT changed();
    });
    connect(m_browse, &QPushButton::clicked, this, &CredentialsEditor::chooseKeyFile);
    connect(m_advancedToggle, &QToolButton::toggled, this, [this](bool open) {
        m_form->setRowVisible(m_advanced, open);
        m_advancedToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
    connect(m_test, &QPushButton::clicked, this, &CredentialsEditor::testConnection);
    checkIssuerId();
    checkKeyId();
    checkKeyFile();
    checkApiBaseUrl();
    updateTestButton();
}

CredentialsEditor::~CredentialsEditor()
{
    secureErase(m_pem);
}

void CredentialsEditor::buildLayout()
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    const auto addRow = [form](const QString &label, QWidget *buddy, QWidget *field) {
        auto *text = new QLabel(label);
        text->setBuddy(buddy);
        form->addRow(text, field);
    };
    addRow(tr("&Issuer ID:"), m_issuerId, fieldColumn(m_issuerId, m_issuerIdMessage));
    addRow(tr("&Key ID:"), m_keyId, fieldColumn(m_keyId, m_keyIdMessage));
    addRow(tr("Key &file (.p8):"), m_keyFile, fieldColumn(m_keyFile, m_keyFileMessage, m_browse));
    form->addRow(QString(), m_keepKeyFile);
    form->addRow(m_advancedToggle);
    // The URL shares the form's label column, so it lines up with the fields above when shown.
    m_advanced = fieldColumn(m_apiBaseUrl, m_apiBaseUrlMessage);
    addRow(tr("API &base URL:"), m_apiBaseUrl, m_advanced);
    form->setRowVisible(m_advanced, false);
    m_form = form;

    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addSpacing(8);
    layout->addLayout(testRow);
    layout->addWidget(m_testMessage);
    layout->addStretch(1);

    setTabOrder(m_issuerId, m_keyId);
    setTabOrder(m_keyId, m_keyFile);
    setTabOrder(m_keyFile, m_browse);
    setTabOrder(m_browse, m_keepKeyFile);
    setTabOrder(m_keepKeyFile, m_advancedToggle);
    setTabOrder(m_advancedToggle, m_apiBaseUrl);
    setTabOrder(m_apiBaseUrl, m_test);
}

void CredentialsEditor::load(const config::Settings &settings)
{
    m_storedKeyAvailable = !settings.keyId.isEmpty() && settings.keyFile.isEmpty();
    m_storedIssuerId = settings.issuerId;
    m_storedKeyId = settings.keyId;
    m_issuerId->setText(settings.issuerId);
    m_keyId->setText(settings.keyId);
    m_keyFile->setText(settings.keyFile);
    m_keepKeyFile->setChecked(!settings.keyFile.isEmpty());
    m_apiBaseUrl->setText(settings.apiBaseUrl.toString());
    m_advancedToggle->setChecked(settings.apiBaseUrl != config::Settings().apiBaseUrl);
    checkKeyFile();
    invalidateTest();
}

void CredentialsEditor::loadDemo(const DemoAccount &account)
{
    m_storedKeyAvailable = false;
    m_issuerId->setText(account.issuerId);
    m_keyId->setText(account.keyId);
    m_keyFile->setText(account.keyFile);
    m_keepKeyFile->setChecked(false);
    m_apiBaseUrl->setText(account.apiBaseUrl.toString());
    m_advancedToggle->setChecked(true);
    invalidateTest();
}

void CredentialsEditor::applyTo(config::Settings &settings) const
{
    const auto issuer = auth::validateIssuerId(m_issuerId->text());
    settings.issuerId = issuer ? issuer.value() : m_issuerId->text().trimmed();
    settings.keyId = m_keyId->text().trimmed();
    settings.keyFile =
        m_keepKeyFile->isChecked() ? QFileInfo(m_keyFile->text().trimmed()).absoluteFilePath() : QString();
    settings.apiBaseUrl = QUrl(m_apiBaseUrl->text().trimmed());
}

bool CredentialsEditor::isValid() const
{
    const bool keepFileNeedsFile = !m_keepKeyFile->isChecked() || !m_keyFile->text().trimmed().isEmpty();
    return m_issuerIdValid && m_keyIdValid && m_keyFileValid && m_apiBaseUrlValid && keepFileNeedsFile;
}

QString CredentialsEditor::chosenKeyFile() const
{
    const QString path = m_keyFile->text().trimmed();
    return path.isEmpty() || !m_keyFileValid ? QString() : QFileInfo(path).absoluteFilePath();
}

QByteArray CredentialsEditor::keyPemToStore() const
{
    return m_keepKeyFile->isChecked() ? QByteArray() : m_pem;
}

void CredentialsEditor::checkIssuerId()
{
    const QString text = m_issuerId->text();
    const auto id = auth::validateIssuerId(text);
    m_issuerIdValid = id.ok();
    if (id || text.trimmed().isEmpty()) {
        m_issuerIdMessage->clearMessage();
    } else {
        m_issuerIdMessage->showError(id.errorMessage());
    }
}

void CredentialsEditor::checkKeyId()
{
    const QString text = m_keyId->text();
    const auto id = auth::validateKeyId(text);
    m_keyIdValid = id.ok();
    if (id || text.trimmed().isEmpty()) {
        m_keyIdMessage->clearMessage();
    } else {
        m_keyIdMessage->showError(id.errorMessage());
    }
}

void CredentialsEditor::checkKeyFile()
{
    const QString path = m_keyFile->text().trimmed();
    secureErase(m_pem);
    m_pem.clear();
    m_key.reset();
    if (path.isEmpty()) {
        m_keyFileValid = storedKeyApplies();
        if (m_keyFileValid) {
            m_keyFileMessage->showProgress(
                tr("The key stored in your keychain is used. Choose a file only to replace it."));
        } else if (m_storedKeyAvailable) {
            m_keyFileMessage->showError(tr("The keychain holds the key of Key ID %1 only. Choose the .p8 "
                                           "file of the key you entered.")
                                            .arg(m_storedKeyId));
        } else {
            m_keyFileMessage->clearMessage();
        }
        return;
    }
    // P8Key::fromFile names the precise problem (missing, unreadable, a certificate, the wrong curve...).
    const auto key = auth::P8Key::fromFile(path);
    if (!key) {
        m_keyFileValid = false;
        m_keyFileMessage->showError(key.errorMessage());
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_keyFileValid = false;
        m_keyFileMessage->showError(tr("%1 cannot be read: %2.").arg(path, file.errorString()));
        return;
    }
    m_pem = file.read(kMaxKeyFileBytes);
    m_key = key.value();
    m_keyFileValid = true;
    const QString named = keyIdFromFileName(path);
    if (!named.isEmpty() && m_keyId->text().trimmed().isEmpty()) {
        m_keyId->setText(named); // re-enters checkKeyFile through textChanged; harmless
        return;
    }
    if (!named.isEmpty() && named != m_keyId->text().trimmed()) {
        m_keyFileMessage->showProgress(
            tr("A valid key. Note: its file name says Key ID %1, but the Key ID field "
               "says %2.")
                .arg(named, m_keyId->text().trimmed()));
        return;
    }
    m_keyFileMessage->showSuccess(tr("A valid App Store Connect key."));
}

bool CredentialsEditor::storedKeyApplies() const
{
    // ApiKeyStore files a key under its issuer and key ID: other IDs would look for a key that is not there.
    const auto issuer = auth::validateIssuerId(m_issuerId->text());
    const QString issuerId = issuer ? issuer.value() : m_issuerId->text().trimmed();
    return m_storedKeyAvailable && issuerId == m_storedIssuerId && m_keyId->text().trimmed() == m_storedKeyId;
}

void CredentialsEditor::checkApiBaseUrl()
{
    const Status valid = ui::checkApiBaseUrl(m_apiBaseUrl->text());
    m_apiBaseUrlValid = valid.ok();
    if (valid) {
        m_apiBaseUrlMessage->clearMessage();
    } else {
        m_apiBaseUrlMessage->showError(valid.errorMessage());
        m_advancedToggle->setChecked(true); // never hide a field that blocks the user
    }
}

void CredentialsEditor::fieldEdited()
{
    invalidateTest();
}

void CredentialsEditor::invalidateTest()
{
    ++m_testGeneration;
    m_client.reset(); // a test under way is dropped with its client
    m_testing = false;
    m_tested = false;
    m_apps.clear();
    m_testMessage->clearMessage();
    updateTestButton();
    Q_EMIT changed();
}

void CredentialsEditor::chooseKeyFile()
{
    const QString start =
        m_keyFile->text().isEmpty() ? QString() : QFileInfo(m_keyFile->text()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose your App Store Connect key"), start,
                                                      tr("App Store Connect keys (*.p8);;All files (*)"));
    if (!path.isEmpty()) {
        m_keyFile->setText(path);
    }
}

void CredentialsEditor::testConnection()
{
    if (!isValid() || m_testing) {
        return;
    }
    config::Settings settings;
    applyTo(settings);
    if (m_key) {
        runTest(settings, *m_key);
        return;
    }
    // The settings dialog with the key already in the keychain: read it first (asynchronously).
    m_testing = true;
    updateTestButton();
    m_testMessage->showProgress(tr("Reading the key from your keychain…"));
    const int generation = m_testGeneration;
    const QPointer<CredentialsEditor> self(this);
    m_secrets.read(config::ApiKeyStore::account(settings), config::ApiKeyStore::entryName(settings),
                   [self, generation, settings](Result<QByteArray> pem) {
                       if (!self || generation != self->m_testGeneration) {
                           return;
                       }
                       if (!pem) {
                           self->m_testing = false;
                           self->updateTestButton();
                           self->m_testMessage->showError(pem.errorMessage());
                           Q_EMIT self->changed();
                           return;
                       }
                       const auto key = auth::P8Key::fromPem(std::move(pem).value());
                       if (!key) {
                           self->m_testing = false;
                           self->updateTestButton();
                           self->m_testMessage->showError(key.errorMessage());
                           Q_EMIT self->changed();
                           return;
                       }
                       self->m_key = key.value();
                       self->runTest(settings, key.value());
                   });
}

void CredentialsEditor::runTest(const config::Settings &settings, const auth::P8Key &key)
{
    m_testing = true;
    updateTestButton();
    m_testMessage->showProgress(tr("Connecting to %1…").arg(settings.apiBaseUrl.host()));
    Q_EMIT changed();
    // In this thread: the client answers from the event loop. A newer test or an edited field replaces the
    // client, which drops this one's answer.
    m_client = makeApiClient(settings, key);
    api::listAppsAsync(*m_client, [this](const Result<QList<api::AppInfo>> &apps) { showTestResult(apps); });
}

void CredentialsEditor::showTestResult(const Result<QList<api::AppInfo>> &apps)
{
    m_testing = false;
    if (!apps) {
        qCInfo(lcUi) << "connection test failed:" << apps.error().code;
        m_testMessage->showError(tr("The connection test failed: %1").arg(apps.errorMessage()));
    } else if (apps->isEmpty()) {
        m_testMessage->showError(tr("The key works, but it sees no apps. Give the key access to your apps in "
                                    "App Store Connect (Users and Access), then test again."));
    } else {
        m_tested = true;
        m_apps = apps.value();
        m_testMessage->showSuccess(m_apps.size() == 1
                                       ? tr("Connected. The key sees 1 app.")
                                       : tr("Connected. The key sees %1 apps.").arg(m_apps.size()));
        Q_EMIT appsListed(m_apps);
    }
    updateTestButton();
    Q_EMIT changed();
}

void CredentialsEditor::updateTestButton()
{
    m_test->setEnabled(isValid() && !m_testing);
    m_test->setText(m_testing ? tr("Testing…") : tr("Test connection"));
}

} // namespace ascsync::ui
