#pragma once

#include "core/common/result.h"
#include "core/config/secretstore.h"
#include "core/config/settings.h"
#include "core/storage/destinationspec.h"

#include <QWidget>

class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;

namespace ascsync::ui {

class ValidationLabel;

// Where the reports go: a SQLite file (the default, under the user's data folder) or a PostgreSQL database,
// plus the schema name. "Test connection" opens the destination through core/storage on a worker thread.
// The PostgreSQL password is held only until it is saved to the keychain. Used by the wizard's Destination
// page and the settings dialog's Destination tab.
class DestinationEditor : public QWidget {
    Q_OBJECT
public:
    DestinationEditor(config::SecretStore &secrets, QWidget *parent = nullptr);
    ~DestinationEditor() override;

    void load(const config::Settings &settings);
    void applyTo(config::Settings &settings) const;

    bool isValid() const;
    bool isTesting() const { return m_testing; }
    Result<storage::DestinationSpec> spec() const;
    // What the user typed; empty: keep the keychain's entry (or let libpq find one).
    QString password() const;

public Q_SLOTS:
    void testConnection();

Q_SIGNALS:
    void changed();

private:
    void buildLayout();
    void showKind(bool sqlite);
    void check();
    void chooseSqliteFile();
    void runTest(const storage::DestinationSpec &spec, const QString &password);
    void updateTestButton();

    config::SecretStore &m_secrets;
    QRadioButton *m_sqlite;
    QRadioButton *m_postgres;
    QStackedWidget *m_stack;
    QLineEdit *m_sqlitePath;
    QPushButton *m_browse;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    ValidationLabel *m_specMessage;
    QLineEdit *m_schema;
    ValidationLabel *m_schemaMessage;
    QPushButton *m_test;
    ValidationLabel *m_testMessage;

    bool m_specValid = false;
    bool m_schemaValid = false;
    bool m_testing = false;
    int m_testGeneration = 0;
};

} // namespace ascsync::ui
