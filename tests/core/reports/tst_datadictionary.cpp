// The data dictionary: the catalogue agrees with the loader's own rules (table names, column names and
// types), every column has a meaning, relations follow the _instance columns, the three renderings are
// well-formed, hostile names are escaped, and docs/schema.md is what the generator writes today.
#include "ascsync/testpaths.h"
#include "core/reports/columncatalogue.h"
#include "core/reports/columnnames.h"
#include "core/reports/datadictionary.h"
#include "core/reports/dictionaryformat.h"
#include "core/reports/identifierrules.h"
#include "core/reports/salesstreams.h"
#include "core/reports/tablenames.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::reports;

namespace {

bool isSafeIdentifier(const QString &name)
{
    static const QRegularExpression safe(u"^_?[a-z][a-z0-9_]*$"_s);
    return safe.match(name).hasMatch() && name.toUtf8().size() <= MaxIdentifierLength;
}

QString typeOf(ColumnType type)
{
    switch (type) {
    case ColumnType::Date:
        return u"date"_s;
    case ColumnType::Decimal:
        return u"decimal"_s;
    case ColumnType::Integer:
        return u"integer"_s;
    case ColumnType::Text:
        break;
    }
    return u"text"_s;
}

QStringList ownColumns(const DictionaryTable &table)
{
    QStringList names;
    for (const DictionaryColumn &column : table.columns) {
        if (column.name.startsWith(u'_'))
            names << column.name;
    }
    return names;
}

} // namespace

class TestDataDictionary : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tableNamesFollowTheLoader()
    {
        const DataDictionary dictionary = catalogueDictionary();
        QSet<QString> seen;
        for (const DictionaryTable &table : dictionary.tables) {
            QVERIFY2(isSafeIdentifier(table.name), qPrintable(table.name));
            QVERIFY2(!seen.contains(table.name), qPrintable(u"twice: "_s + table.name));
            seen.insert(table.name);
            QVERIFY2(!table.meaning.isEmpty(), qPrintable(table.name));
            if (table.kind == TableKind::Analytics)
                QCOMPARE(table.name, analyticsTableName(table.source));
            if (table.kind == TableKind::Sales)
                QCOMPARE(table.name,
                         salesTableName(table.source.section(u'/', 0, 0), table.source.section(u'/', 1)));
            if (table.kind == TableKind::Finance)
                QCOMPARE(table.name, financeTableName(table.source));
            if (table.kind == TableKind::Bookkeeping)
                QVERIFY2(table.name.startsWith(u"_ascsync_"_s), qPrintable(table.name));
        }
        for (const QString &name :
             {u"_ascsync_meta"_s, u"_ascsync_instances"_s, u"_ascsync_instance_days"_s, u"_ascsync_loads"_s,
              u"_ascsync_runs"_s, u"_ascsync_lock"_s, u"downloads"_s, u"downloads_detailed"_s,
              u"discovery_and_engagement"_s, u"sessions"_s, u"installation_and_deletion"_s, u"crashes"_s,
              u"purchases"_s, u"pre_orders"_s, u"web_preview_engagement"_s, u"carplay_app_usage"_s,
              u"financial"_s, u"finance_detail"_s}) {
            QVERIFY2(seen.contains(name), qPrintable(u"missing: "_s + name));
        }
        // Every Sales and Trends combination Apple offers has its table.
        for (const SalesStream &stream : salesStreams())
            QVERIFY(seen.contains(salesTableName(stream.reportType, stream.reportSubType)));
    }

    void columnsFollowTheLoader()
    {
        for (const DictionaryTable &table : catalogueDictionary().tables) {
            for (const DictionaryColumn &column : table.columns) {
                const QString where = table.name + u'.' + column.name;
                QVERIFY2(!column.meaning.isEmpty(), qPrintable(u"no meaning: "_s + where));
                QVERIFY2(isSafeIdentifier(column.name), qPrintable(where));
                if (column.header.isEmpty()) {
                    // ascsync's own columns: on report tables they start with '_'.
                    QVERIFY2(table.kind == TableKind::Bookkeeping || column.name.startsWith(u'_'),
                             qPrintable(where));
                    continue;
                }
                QCOMPARE(column.name, columnName(column.header));
                QCOMPARE(column.type, typeOf(columnTypeFor(column.header)));
            }
        }
    }

    void analyticsRowsCarryOnlyTheInstanceKey()
    {
        for (const DictionaryTable &table : catalogueDictionary().tables) {
            if (table.kind == TableKind::Analytics) {
                QCOMPARE(ownColumns(table), QStringList{u"_instance"_s});
                QCOMPARE(table.column(u"_instance")->references, u"_ascsync_instances.instance_key"_s);
                QCOMPARE(table.column(u"_instance")->type, u"integer"_s);
                QCOMPARE(table.siblings,
                         QStringList({table.name + u"_weekly"_s, table.name + u"_monthly"_s}));
            } else if (table.kind == TableKind::Sales) {
                QCOMPARE(ownColumns(table),
                         QStringList({u"_frequency"_s, u"_report_date"_s, u"_vendor_number"_s, u"_version"_s,
                                      u"_loaded_at"_s}));
            } else if (table.kind == TableKind::Finance) {
                QCOMPARE(ownColumns(table), QStringList({u"_region_code"_s, u"_fiscal_month"_s,
                                                         u"_vendor_number"_s, u"_loaded_at"_s}));
            }
        }
    }

    void conversionQueryColumnsExist()
    {
        // reference/conversion-rate.sql reads these; sums of them must divide without truncation.
        const DataDictionary dictionary = catalogueDictionary();
        const DictionaryTable *engagement = dictionary.table(u"discovery_and_engagement");
        const DictionaryTable *downloads = dictionary.table(u"downloads");
        QVERIFY(engagement && downloads);
        QVERIFY(engagement->column(u"event"));
        QCOMPARE(engagement->column(u"unique_counts")->type, u"decimal"_s);
        QVERIFY(downloads->column(u"download_type"));
        QCOMPARE(downloads->column(u"counts")->type, u"decimal"_s);
        QCOMPARE(downloads->column(u"date")->type, u"date"_s);
    }

    void standardLeavesOutDetailedOnlyColumns()
    {
        const DataDictionary dictionary = catalogueDictionary();
        for (const QString &column : {u"source_info"_s, u"campaign"_s, u"page_title"_s}) {
            QVERIFY2(!dictionary.table(u"downloads")->column(column), qPrintable(column));
            QVERIFY2(dictionary.table(u"downloads_detailed")->column(column), qPrintable(column));
        }
        QVERIFY(dictionary.table(u"downloads")->column(u"source_type"));
    }

    void bookkeepingKeys()
    {
        const DataDictionary dictionary = catalogueDictionary();
        const DictionaryTable *instances = dictionary.table(u"_ascsync_instances");
        QVERIFY(instances);
        QVERIFY(instances->column(u"instance_key")->primaryKey);
        QVERIFY(instances->column(u"instance_id")->unique);
        for (const QString &column :
             {u"app_id"_s, u"report_id"_s, u"report_name"_s, u"table_name"_s, u"granularity"_s,
              u"processing_date"_s, u"access_type"_s, u"row_count"_s, u"checksums"_s, u"loaded_at"_s})
            QVERIFY2(instances->column(column), qPrintable(column));
        const DictionaryTable *days = dictionary.table(u"_ascsync_instance_days");
        QCOMPARE(days->column(u"instance_key")->references, u"_ascsync_instances.instance_key"_s);
        QCOMPARE(days->column(u"day")->type, u"date"_s);
    }

    void weeklyAndMonthlyTablesAreKnown()
    {
        const auto weekly = catalogueTable(u"downloads_detailed_weekly");
        QVERIFY(weekly);
        QCOMPARE(weekly->name, u"downloads_detailed_weekly"_s);
        QVERIFY2(weekly->meaning.contains(u"Weekly"_s), qPrintable(weekly->meaning));
        QVERIFY(weekly->column(u"campaign"));
        QVERIFY(catalogueTable(u"sessions_monthly"));
        QVERIFY(!catalogueTable(u"sales_summary_weekly")); // only analytics tables have granularity siblings
        QVERIFY(!catalogueTable(u"no_such_table"));
        QVERIFY(tableMeaning(u"no_such_table").isEmpty());
    }

    void columnMeanings()
    {
        // The report's own text wins over the common one, which serves tables the catalogue does not know.
        QCOMPARE(columnMeaning(u"downloads", u"counts"), u"Number of downloads of this kind."_s);
        QCOMPARE(columnMeaning(u"downloads_weekly", u"counts"), u"Number of downloads of this kind."_s);
        QVERIFY(columnMeaning(u"some_new_report", u"counts") != columnMeaning(u"downloads", u"counts"));
        QVERIFY(!columnMeaning(u"some_new_report", u"unique_devices").isEmpty());
        QVERIFY(columnMeaning(u"some_new_report", u"_instance").contains(u"_ascsync_instances"_s));
        QVERIFY(columnMeaning(u"downloads", u"no_such_column").isEmpty());
    }

    void relationsFollowInstanceColumns()
    {
        const DataDictionary dictionary = catalogueDictionary();
        int analytics = 0;
        for (const DictionaryTable &table : dictionary.tables)
            analytics += table.kind == TableKind::Analytics ? 1 : 0;
        int toInstances = 0;
        bool days = false;
        bool app = false;
        for (const DictionaryRelation &relation : dictionary.relations) {
            if (relation.fromColumn == u"_instance"_s && relation.toTable == u"_ascsync_instances"_s)
                ++toInstances;
            days = days || relation.fromTable == u"_ascsync_instance_days"_s;
            app = app || (relation.fromTable == u"_ascsync_instances"_s && relation.external);
        }
        QCOMPARE(toInstances, analytics);
        QVERIFY(days);
        QVERIFY(app);
    }

    void jsonDescribesEverything()
    {
        const DataDictionary dictionary = catalogueDictionary();
        const QByteArray text = renderDictionary(dictionary, DictionaryFormat::Json).toUtf8();
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(text, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject root = document.object();
        QCOMPARE(root.value(u"schema"_s).toString(), u"apple_app_store"_s);
        QCOMPARE(root.value(u"source"_s).toString(), u"catalogue"_s);
        QCOMPARE(root.value(u"tables"_s).toArray().size(), dictionary.tables.size());
        QCOMPARE(root.value(u"relations"_s).toArray().size(), dictionary.relations.size());
        const QJsonObject first = root.value(u"tables"_s).toArray().first().toObject();
        QCOMPARE(first.value(u"name"_s).toString(), dictionary.tables.first().name);
        QVERIFY(!first.value(u"columns"_s).toArray().isEmpty());
    }

    void mermaidNamesOnlyDeclaredEntities()
    {
        const QString diagram = renderDictionary(catalogueDictionary(), DictionaryFormat::Mermaid);
        QVERIFY(diagram.startsWith(u"erDiagram\n"_s));
        static const QRegularExpression entity(u"^    ([A-Za-z_][A-Za-z0-9_-]*) \\{$"_s,
                                               QRegularExpression::MultilineOption);
        static const QRegularExpression relation(
            u"^    ([A-Za-z_][A-Za-z0-9_-]*) \\}o--\\|\\| ([A-Za-z_][A-Za-z0-9_-]*) : \"[A-Za-z0-9_]+\"$"_s,
            QRegularExpression::MultilineOption);
        QSet<QString> declared;
        for (auto it = entity.globalMatch(diagram); it.hasNext();)
            declared.insert(it.next().captured(1));
        int relations = 0;
        for (auto it = relation.globalMatch(diagram); it.hasNext();) {
            const auto match = it.next();
            QVERIFY2(declared.contains(match.captured(1)), qPrintable(match.captured(1)));
            QVERIFY2(declared.contains(match.captured(2)), qPrintable(match.captured(2)));
            ++relations;
        }
        QCOMPARE(relations, catalogueDictionary().relations.size());
        QVERIFY(declared.contains(u"_ascsync_instances"_s));
        QVERIFY(declared.contains(u"downloads"_s));
    }

    void markdownHasDiagramJoinAndTables()
    {
        const QString markdown =
            renderDictionary(catalogueDictionary(u"my_schema"_s), DictionaryFormat::Markdown);
        QVERIFY(markdown.contains(u"```mermaid\nerDiagram\n"_s));
        QVERIFY(markdown.contains(u"JOIN my_schema._ascsync_instances i ON i.instance_key = d._instance"_s));
        QVERIFY(markdown.contains(u"### `downloads`\n"_s));
        QVERIFY(
            markdown.contains(u"| `counts` | Counts | decimal |  | Number of downloads of this kind. |"_s));
    }

    void hostileNamesAreEscaped()
    {
        // Names read from a database may hold anything: no raw control character reaches the output, and
        // no name can open a new table row or a new Mermaid statement.
        DataDictionary dictionary;
        dictionary.schema = u"s"_s;
        dictionary.fromDestination = true;
        DictionaryTable table;
        table.name = u"evil\nname\x1b[31m | x"_s;
        table.kind = TableKind::Bookkeeping; // the diagram lists every column of bookkeeping tables
        table.columns << DictionaryColumn{u"col\rumn|`x`"_s, u"text"_s, {}, u"a | b"_s, false, false, {}}
                      << DictionaryColumn{u"Pk"_s, u"text"_s, {}, {}, true, false, {}};
        dictionary.tables << table;
        DictionaryTable keyword; // Mermaid's keyword "end" as a name
        keyword.name = u"end"_s;
        keyword.kind = TableKind::Other;
        dictionary.tables << keyword;
        for (const DictionaryFormat format : {DictionaryFormat::Markdown, DictionaryFormat::Mermaid}) {
            const QString text = renderDictionary(dictionary, format);
            QVERIFY(!text.contains(QChar(0x1b)));
            QVERIFY(!text.contains(u'\r'));
            QVERIFY(!text.contains(u"evil\nname"_s));
        }
        const QString markdown = renderDictionary(dictionary, DictionaryFormat::Markdown);
        QVERIFY2(markdown.contains(u"| a \\| b |"_s), qPrintable(markdown));
        const QString mermaid = renderDictionary(dictionary, DictionaryFormat::Mermaid);
        QVERIFY2(mermaid.contains(u"    evil_name__31m___x {\n"_s), qPrintable(mermaid));
        // A column named like a key marker stays a name.
        QVERIFY2(mermaid.contains(u"        text Pk_ PK\n"_s), qPrintable(mermaid));
        QVERIFY2(mermaid.contains(u"    \"end\" {\n"_s), qPrintable(mermaid));
    }

    void formatNames()
    {
        QVERIFY(parseDictionaryFormat(u"markdown") == DictionaryFormat::Markdown);
        QVERIFY(parseDictionaryFormat(u"MD") == DictionaryFormat::Markdown);
        QVERIFY(parseDictionaryFormat(u"json") == DictionaryFormat::Json);
        QVERIFY(parseDictionaryFormat(u"Mermaid") == DictionaryFormat::Mermaid);
        QVERIFY(!parseDictionaryFormat(u"html"));
    }

    void committedSchemaDocIsCurrent()
    {
        QFile file(QStringLiteral(ASCSYNC_SOURCE_DIR "/docs/schema.md"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName() + u": "_s + file.errorString()));
        const QString committed = QString::fromUtf8(file.readAll());
        const QString generated = dictionaryMarkdown(catalogueDictionary());
        if (committed != generated) {
            const QStringList a = committed.split(u'\n');
            const QStringList b = generated.split(u'\n');
            qsizetype line = 0;
            while (line < a.size() && line < b.size() && a.at(line) == b.at(line))
                ++line;
            QFAIL(
                qPrintable(u"docs/schema.md is stale (first difference at line %1: \"%2\" should be \"%3\"). "
                           u"Run docs/update-schema-doc.sh and commit the result."_s.arg(line + 1)
                               .arg(a.value(line), b.value(line))));
        }
    }
};

QTEST_GUILESS_MAIN(TestDataDictionary)
#include "tst_datadictionary.moc"
