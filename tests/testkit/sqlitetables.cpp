#include "sqlitetables.h"

#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// Runs `work` on a private connection to `path`.
template <typename Work> void withDatabase(const QString &path, Work work)
{
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (db.open()) {
            work(db);
        }
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

QStringList sqliteColumns(const QString &path, const QString &table)
{
    QStringList names;
    withDatabase(path, [&](QSqlDatabase &db) {
        QSqlQuery columns(db);
        columns.exec(u"PRAGMA table_info(\"%1\")"_s.arg(table));
        while (columns.next()) {
            names << columns.value(1).toString();
        }
    });
    return names;
}

QByteArray sqliteFingerprint(const QString &path, const QString &table, const QStringList &without,
                             const QString &where)
{
    QStringList names;
    for (const QString &column : sqliteColumns(path, table)) {
        if (column == u"_instance"_s && !without.contains(column)) {
            // ascsync numbers instances in load order, which differs between destinations: compare the
            // instance each row belongs to by Apple's id instead.
            names << u"(SELECT instance_id FROM _ascsync_instances i WHERE i.instance_key = t._instance)"_s;
        } else if (column != u"_loaded_at"_s && !without.contains(column)) {
            names << u"\"%1\""_s.arg(column);
        }
    }
    if (names.isEmpty()) {
        return "no table";
    }
    QByteArray digest = "query failed";
    withDatabase(path, [&](QSqlDatabase &db) {
        QSqlQuery rows(db);
        const QString filter = where.isEmpty() ? QString() : u" WHERE "_s + where;
        if (!rows.exec(u"SELECT %1 FROM \"%2\" t%3 ORDER BY %1"_s.arg(names.join(u", "_s), table, filter))) {
            digest = rows.lastError().text().toUtf8();
            return;
        }
        QCryptographicHash hash(QCryptographicHash::Sha256);
        qint64 count = 0;
        while (rows.next()) {
            ++count;
            for (qsizetype i = 0; i < names.size(); ++i) {
                hash.addData(rows.value(int(i)).toString().toUtf8().append('\t'));
            }
            hash.addData("\n");
        }
        digest = QByteArray::number(count) + ':' + hash.result().toHex();
    });
    return digest;
}

QStringList sqliteValues(const QString &path, const QString &sql)
{
    QStringList values{u"error: cannot open "_s + path};
    withDatabase(path, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (!query.exec(sql)) {
            values = {u"error: "_s + query.lastError().text()};
            return;
        }
        values.clear();
        while (query.next()) {
            values << (query.value(0).isNull() ? u"<NULL>"_s : query.value(0).toString());
        }
    });
    return values;
}
