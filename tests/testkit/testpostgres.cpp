#include "testpostgres.h"

#include "ascsync/testpaths.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

QString sharedDir()
{
    const QString fromEnvironment = qEnvironmentVariable("ASCSYNC_SHARED_DIR");
    return fromEnvironment.isEmpty() ? QStringLiteral(ASCSYNC_SOURCE_DIR "/../shared") : fromEnvironment;
}

TestPostgres::TestPostgres()
    : m_host(qEnvironmentVariable("ASCSYNC_TEST_PG_HOST"))
    , m_port(qEnvironmentVariable("ASCSYNC_TEST_PG_PORT"))
    , m_user(qEnvironmentVariable("ASCSYNC_TEST_PG_USER"))
    , m_password(qEnvironmentVariable("ASCSYNC_TEST_PG_PASSWORD"))
    , m_database(qEnvironmentVariable("ASCSYNC_TEST_PG_DATABASE"))
{}

QString TestPostgres::url() const
{
    return url(m_database);
}

QString TestPostgres::url(const QString &database) const
{
    return u"postgresql://%1@%2:%3/%4"_s.arg(m_user, m_host, m_port, database);
}

QStringList TestPostgres::environment() const
{
    return {u"PGPASSWORD="_s + m_password};
}

bool TestPostgres::exec(const QString &sql, const QString &database) const
{
    const QString name = QUuid::createUuid().toString();
    bool done = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(m_host);
        db.setPort(m_port.toInt());
        db.setUserName(m_user);
        db.setPassword(m_password);
        db.setDatabaseName(database.isEmpty() ? m_database : database);
        if (!db.open()) {
            qWarning("%s", qPrintable(db.lastError().text()));
        } else {
            QSqlQuery query(db);
            done = query.exec(sql);
            if (!done)
                qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(name);
    return done;
}

bool TestPostgres::dropSchema(const QString &schema) const
{
    return exec(u"DROP SCHEMA IF EXISTS \"%1\" CASCADE"_s.arg(schema));
}
