// `ascsync schema` as a user runs it: the catalogue (byte for byte the generator's docs/schema.md), JSON and
// Mermaid output, a destination's own tables, and the exit codes of a wrong format or a missing file.
#include "ascsync/testpaths.h"
#include "core/reports/datadictionary.h"
#include "core/reports/dictionaryformat.h"
#include "core/storage/destination.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QString err;
};

} // namespace

class TestSchemaCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Runs `ascsync schema <arguments>` with no destination in the environment and a settings file that
    // does not exist, so nothing of the machine running the test leaks in.
    Run runSchema(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"ASCSYNC_DESTINATION"_s);
        environment.insert(u"ASCSYNC_CONFIG"_s, m_dir.filePath(u"no-settings.conf"_s));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(ASCSYNC_CLI_PATH), QStringList{u"schema"_s} + arguments);
        Run run;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            run.err = u"ascsync schema did not finish"_s;
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void catalogueIsTheCommittedDoc()
    {
        const Run run = runSchema({});
        QCOMPARE(run.exitCode, 0);
        QFile doc(QStringLiteral(ASCSYNC_SOURCE_DIR "/docs/schema.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(run.out), QString::fromUtf8(doc.readAll()));
        QCOMPARE(QString::fromUtf8(run.out), reports::dictionaryMarkdown(reports::catalogueDictionary()));
    }

    void jsonAndMermaid()
    {
        const Run json = runSchema({u"--format"_s, u"json"_s, u"--schema"_s, u"reports"_s});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(root.value(u"schema"_s).toString(), u"reports"_s);
        QCOMPARE(root.value(u"source"_s).toString(), u"catalogue"_s);
        QCOMPARE(root.value(u"tables"_s).toArray().size(), reports::catalogueDictionary().tables.size());

        const Run mermaid = runSchema({u"--format"_s, u"mermaid"_s});
        QCOMPARE(mermaid.exitCode, 0);
        QVERIFY(mermaid.out.startsWith("erDiagram\n"));
        QVERIFY(mermaid.out.contains("    downloads }o--|| _ascsync_instances : \"_instance\"\n"));
    }

    void describesADestination()
    {
        const QString path = m_dir.filePath(u"described.db"_s);
        {
            const auto spec = storage::DestinationSpec::parse(u"sqlite:"_s + path);
            QVERIFY(spec.ok());
            auto opened = storage::Destination::open(spec.value());
            QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
            const auto prepared = (*opened)->prepareTable(
                u"sessions"_s, {{u"sessions"_s, ColumnType::Decimal}},
                {{u"_instance"_s, ColumnType::Integer}}, storage::MigrationPolicy::Evolve);
            QVERIFY2(prepared.ok(), qPrintable(prepared.errorMessage()));
        }
        const Run run = runSchema({u"--format"_s, u"json"_s, u"--destination"_s, u"sqlite:"_s + path});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(root.value(u"source"_s).toString(), u"destination"_s);
        QStringList tables;
        for (const QJsonValue &table : root.value(u"tables"_s).toArray())
            tables << table.toObject().value(u"name"_s).toString();
        QVERIFY2(tables.contains(u"sessions"_s), qPrintable(tables.join(u',')));
        QVERIFY(tables.contains(u"_ascsync_meta"_s));
        QVERIFY(!tables.contains(u"downloads"_s)); // only what the destination has
    }

    void wrongFormatIsAUsageError()
    {
        const Run run = runSchema({u"--format"_s, u"html"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"markdown, json or mermaid"_s), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void missingSqliteFileIsNotCreated()
    {
        const QString path = m_dir.filePath(u"missing.db"_s);
        const Run run = runSchema({u"--destination"_s, u"sqlite:"_s + path});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"ascsync sync"_s), qPrintable(run.err));
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestSchemaCli)
#include "tst_schemacli.moc"
