#include "destinationeditor.h"

#include "fieldchecks.h"

#include "core/storage/destination.h"
#include "ui/common/backgroundtask.h"
#include "ui/common/fieldcolumn.h"
#include "ui/common/uilog.h"
#include "ui/common/validationlabel.h"

#include <QButtonGroup>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

QString sqlitePathOf(const QString &destination)
{
    return destination.startsWith(u"sqlite:"_s) ? destination.mid(7) : QString();
}

} // namespace

DestinationEditor::DestinationEditor(config::SecretStore &secrets, QWidget *parent)
    : QWidget(parent)
    , m_secrets(secrets)
    , m_sqlite(new QRadioButton(tr("A &SQLite file on this computer (simplest)")))
    , m_postgres(new QRadioButton(tr("A &PostgreSQL database")))
    , m_stack(new QStackedWidget)
    , m_sqlitePath(new QLineEdit)
    , m_browse(new QPushButton(tr("Browse…")))
    , m_host(new QLineEdit)
    , m_port(new QSpinBox)
    , m_database(new QLineEdit)
    , m_user(new QLineEdit)
    , m_password(new QLineEdit)
    , m_specMessage(new ValidationLabel)
    , m_schema(new QLineEdit)
    , m_schemaMessage(new ValidationLabel)
    , m_test(new QPushButton(tr("Test connection")))
    , m_testMessage(new ValidationLabel)
{
    m_sqlite->setObjectName(u"sqliteRadio"_s);
    m_postgres->setObjectName(u"postgresRadio"_s);
    m_sqlitePath->setObjectName(u"sqlitePathEdit"_s);
    m_browse->setObjectName(u"sqliteBrowseButton"_s);
    m_host->setObjectName(u"pgHostEdit"_s);
    m_port->setObjectName(u"pgPortSpin"_s);
    m_database->setObjectName(u"pgDatabaseEdit"_s);
    m_user->setObjectName(u"pgUserEdit"_s);
    m_password->setObjectName(u"pgPasswordEdit"_s);
    m_specMessage->setObjectName(u"destinationMessage"_s);
    m_schema->setObjectName(u"schemaEdit"_s);
    m_schemaMessage->setObjectName(u"schemaMessage"_s);
    m_test->setObjectName(u"testDestinationButton"_s);
    m_testMessage->setObjectName(u"destinationTestMessage"_s);

    auto *kinds = new QButtonGroup(this);
    kinds->addButton(m_sqlite);
    kinds->addButton(m_postgres);
    m_sqlite->setChecked(true);
    m_port->setRange(1, 65535);
    m_port->setValue(storage::DestinationSpec::DefaultPostgresPort);
    m_host->setPlaceholderText(u"localhost"_s);
    m_database->setPlaceholderText(u"analytics"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("stored in your keychain; leave empty to use ~/.pgpass"));
    m_schema->setText(storage::DestinationSpec::defaultSchema());
    buildLayout();

    connect(m_sqlite, &QRadioButton::toggled, this, [this](bool sqlite) {
        showKind(sqlite);
        check();
    });
    for (QLineEdit *edit : {m_sqlitePath, m_host, m_database, m_user, m_password, m_schema}) {
        connect(edit, &QLineEdit::textChanged, this, &DestinationEditor::check);
    }
    connect(m_port, &QSpinBox::valueChanged, this, &DestinationEditor::check);
    connect(m_browse, &QPushButton::clicked, this, &DestinationEditor::chooseSqliteFile);
    connect(m_test, &QPushButton::clicked, this, &DestinationEditor::testConnection);
    load(config::Settings());
}

DestinationEditor::~DestinationEditor() = default;

void DestinationEditor::buildLayout()
{
    auto *sqlitePage = new QWidget;
    auto *sqliteForm = new QFormLayout(sqlitePage);
    sqliteForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    sqliteForm->setContentsMargins(0, 0, 0, 0);
    auto *sqliteRow = new QHBoxLayout;
    sqliteRow->addWidget(m_sqlitePath, 1);
    sqliteRow->addWidget(m_browse);
    sqliteForm->addRow(tr("&File:"), sqliteRow);
    qobject_cast<QLabel *>(sqliteForm->labelForField(sqliteRow))->setBuddy(m_sqlitePath);

    auto *postgresPage = new QWidget;
    auto *postgresForm = new QFormLayout(postgresPage);
    postgresForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    postgresForm->setContentsMargins(0, 0, 0, 0);
    auto *hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(new QLabel(tr("Port:")));
    hostRow->addWidget(m_port);
    postgresForm->addRow(tr("&Host:"), hostRow);
    postgresForm->addRow(tr("&Database:"), m_database);
    postgresForm->addRow(tr("&User:"), m_user);
    postgresForm->addRow(tr("Pass&word:"), m_password);
    qobject_cast<QLabel *>(postgresForm->labelForField(hostRow))->setBuddy(m_host);
    m_stack->addWidget(sqlitePage);
    m_stack->addWidget(postgresPage);

    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addStretch(1);

    auto *schemaForm = new QFormLayout;
    schemaForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    schemaForm->addRow(tr("S&chema:"), fieldColumn(m_schema, m_schemaMessage));
    auto *schemaHelp =
        new QLabel(tr("Every table goes into it, e.g. apple_app_store.downloads (also on SQLite)."));
    schemaForm->addRow(QString(), schemaHelp);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_sqlite);
    layout->addWidget(m_postgres);
    layout->addSpacing(4);
    layout->addWidget(m_stack);
    layout->addWidget(m_specMessage);
    layout->addLayout(testRow);
    layout->addWidget(m_testMessage);
    layout->addSpacing(8);
    layout->addLayout(schemaForm);
    layout->addStretch(1);

    setTabOrder(m_sqlite, m_postgres);
    setTabOrder(m_postgres, m_sqlitePath);
    setTabOrder(m_sqlitePath, m_browse);
    setTabOrder(m_browse, m_host);
    setTabOrder(m_host, m_port);
    setTabOrder(m_port, m_database);
    setTabOrder(m_database, m_user);
    setTabOrder(m_user, m_password);
    setTabOrder(m_password, m_test);
    setTabOrder(m_test, m_schema);
}

void DestinationEditor::load(const config::Settings &settings)
{
    const QString destination =
        settings.destination.isEmpty() ? config::Settings::defaultDestination() : settings.destination;
    const auto parsed = storage::DestinationSpec::parse(destination, settings.schema);
    const bool postgres = parsed && parsed->kind() == storage::DestinationSpec::Kind::Postgres;
    if (postgres) {
        m_host->setText(parsed->host());
        m_port->setValue(parsed->port());
        m_database->setText(parsed->database());
        m_user->setText(parsed->user());
        m_sqlitePath->setText(sqlitePathOf(config::Settings::defaultDestination()));
    } else {
        m_sqlitePath->setText(parsed ? parsed->sqlitePath() : sqlitePathOf(destination));
    }
    m_password->clear();
    m_schema->setText(settings.schema);
    (postgres ? m_postgres : m_sqlite)->setChecked(true);
    showKind(!postgres);
    check();
}

void DestinationEditor::applyTo(config::Settings &settings) const
{
    if (const auto parsed = spec()) {
        settings.destination = parsed->toString();
    }
    settings.schema = m_schema->text().trimmed();
}

bool DestinationEditor::isValid() const
{
    return m_specValid && m_schemaValid;
}

Result<storage::DestinationSpec> DestinationEditor::spec() const
{
    const QString schema = m_schema->text().trimmed();
    if (m_sqlite->isChecked()) {
        if (m_sqlitePath->text().trimmed().isEmpty()) {
            return makeError(u"destination.empty"_s, tr("Choose where the SQLite file goes."));
        }
        return storage::DestinationSpec::parse(u"sqlite:"_s + m_sqlitePath->text().trimmed(), schema);
    }
    if (m_host->text().trimmed().isEmpty() || m_database->text().trimmed().isEmpty() ||
        m_user->text().trimmed().isEmpty()) {
        return makeError(
            u"destination.incomplete"_s,
            tr("Enter the PostgreSQL host, database and user (ask your database administrator)."));
    }
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(m_user->text().trimmed());
    url.setHost(m_host->text().trimmed());
    url.setPort(m_port->value());
    url.setPath(u"/"_s + m_database->text().trimmed());
    return storage::DestinationSpec::parse(url.toString(), schema);
}

QString DestinationEditor::password() const
{
    return m_postgres->isChecked() ? m_password->text() : QString();
}

void DestinationEditor::showKind(bool sqlite)
{
    m_stack->setCurrentIndex(sqlite ? 0 : 1);
    // The stack is only as tall as the page shown, so the short SQLite form leaves no gap.
    for (int index = 0; index < m_stack->count(); ++index) {
        const bool shown = index == m_stack->currentIndex();
        m_stack->widget(index)->setSizePolicy(QSizePolicy::Preferred,
                                              shown ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    m_stack->adjustSize();
}

void DestinationEditor::check()
{
    ++m_testGeneration; // a running test is about other values now
    m_testing = false;
    m_testMessage->clearMessage();

    const Status schema = checkSchemaName(m_schema->text());
    m_schemaValid = schema.ok();
    if (schema) {
        m_schemaMessage->clearMessage();
    } else {
        m_schemaMessage->showError(schema.errorMessage());
    }
    const auto parsed = spec();
    m_specValid = parsed.ok();
    const bool untouchedPostgres = m_postgres->isChecked() && m_host->text().isEmpty() &&
                                   m_database->text().isEmpty() && m_user->text().isEmpty();
    if (parsed || untouchedPostgres) {
        m_specMessage->clearMessage();
    } else {
        m_specMessage->showError(parsed.errorMessage());
    }
    if (parsed && m_sqlite->isChecked()) {
        m_specMessage->showProgress(QFileInfo::exists(parsed->sqlitePath())
                                        ? tr("ascsync adds its tables to this existing file.")
                                        : tr("ascsync creates this file on the first sync."));
    }
    updateTestButton();
    Q_EMIT changed();
}

void DestinationEditor::chooseSqliteFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("SQLite file for the reports"), m_sqlitePath->text(),
        tr("SQLite databases (*.db *.sqlite);;All files (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty()) {
        m_sqlitePath->setText(path);
    }
}

void DestinationEditor::testConnection()
{
    const auto parsed = spec();
    if (!parsed || !m_schemaValid || m_testing) {
        return;
    }
    const QString typed = password();
    if (parsed->kind() != storage::DestinationSpec::Kind::Postgres || !typed.isEmpty() ||
        !qEnvironmentVariableIsEmpty("PGPASSWORD")) {
        runTest(parsed.value(), typed);
        return;
    }
    // As `ascsync` does (app/cli/destinationaccess.cpp): a password saved earlier is in the keychain; without
    // one, libpq may still find ~/.pgpass.
    m_testing = true;
    updateTestButton();
    const int generation = m_testGeneration;
    const QPointer<DestinationEditor> self(this);
    const storage::DestinationSpec destination = parsed.value();
    m_secrets.read(destination.toString(), u"password"_s,
                   [self, generation, destination](Result<QByteArray> stored) {
                       if (!self || generation != self->m_testGeneration) {
                           return;
                       }
                       self->runTest(destination, stored ? QString::fromUtf8(stored.value()) : QString());
                   });
}

void DestinationEditor::runTest(const storage::DestinationSpec &spec, const QString &password)
{
    m_testing = true;
    updateTestButton();
    m_testMessage->showProgress(tr("Opening %1…").arg(spec.describe()));
    Q_EMIT changed();
    const int generation = m_testGeneration;
    runInBackground(
        this,
        [spec, password]() -> Status {
            // Opened, checked and closed in this worker thread: QtSql connections belong to their thread.
            auto destination = storage::Destination::open(spec, password, backgroundReadOptions());
            if (!destination) {
                return destination.error();
            }
            return {};
        },
        [this, generation, spec](Status opened) {
            if (generation != m_testGeneration) {
                return;
            }
            m_testing = false;
            if (opened) {
                m_testMessage->showSuccess(tr("Connected to %1; the tables go into the schema %2.")
                                               .arg(spec.describe(), spec.schema()));
            } else {
                qCInfo(lcUi) << "destination test failed:" << opened.error().code;
                m_testMessage->showError(opened.errorMessage());
            }
            updateTestButton();
            Q_EMIT changed();
        });
}

void DestinationEditor::updateTestButton()
{
    m_test->setEnabled(isValid() && !m_testing);
    m_test->setText(m_testing ? tr("Testing…") : tr("Test connection"));
}

} // namespace ascsync::ui
