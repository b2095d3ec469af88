#include "sqlidentifier.h"

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

bool hasControlCharacter(QStringView name)
{
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

// The name as it can be shown in a message: control characters become '?'.
QString printable(QStringView name)
{
    QString shown = name.toString();
    for (QChar &c : shown) {
        if (c.category() == QChar::Other_Control)
            c = u'?';
    }
    return shown;
}

bool hasBrokenSurrogate(QStringView name)
{
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        if (c.isHighSurrogate()) {
            if (i + 1 >= name.size() || !name[i + 1].isLowSurrogate())
                return true;
            ++i;
        } else if (c.isLowSurrogate()) {
            return true;
        }
    }
    return false;
}

} // namespace

Status checkIdentifier(QStringView name, QStringView what)
{
    if (name.isEmpty())
        return makeError(u"storage.identifier.empty"_s,
                         u"A %1 name is empty: every %1 needs a name."_s.arg(what));
    if (hasControlCharacter(name)) {
        return makeError(u"storage.identifier.control"_s,
                         u"The %1 name \"%2\" contains a control character (tab, newline, NUL...), which a "
                         "database name cannot hold: rename it."_s.arg(what, printable(name)));
    }
    if (hasBrokenSurrogate(name)) {
        return makeError(
            u"storage.identifier.encoding"_s,
            u"A %1 name contains broken Unicode (a lone surrogate) and cannot be stored: rename it."_s.arg(
                what));
    }
    const qsizetype bytes = name.toUtf8().size();
    if (bytes > MaxIdentifierBytes) {
        return makeError(
            u"storage.identifier.tooLong"_s,
            u"The %1 name \"%2\" is %3 bytes long; databases allow at most %4 (PostgreSQL would cut "
            "it silently): use a shorter name."_s.arg(what, name.toString())
                .arg(bytes)
                .arg(MaxIdentifierBytes));
    }
    return {};
}

Status checkSchemaName(QStringView schema)
{
    if (schema.isEmpty())
        return makeError(u"storage.schema.empty"_s,
                         u"The schema name is empty: use for example apple_app_store."_s);
    if (schema.size() > MaxIdentifierBytes) {
        return makeError(
            u"storage.schema.tooLong"_s,
            u"The schema name is %1 characters long; at most %2 are allowed."_s.arg(schema.size())
                .arg(MaxIdentifierBytes));
    }
    for (qsizetype i = 0; i < schema.size(); ++i) {
        const char16_t c = schema[i].unicode();
        const bool letter = (c >= u'a' && c <= u'z') || c == u'_';
        const bool digit = c >= u'0' && c <= u'9';
        if (!letter && !(digit && i > 0)) {
            return makeError(
                u"storage.schema.invalid"_s,
                u"The schema name \"%1\" may only hold lower-case letters a-z, digits and '_', and "
                "must not start with a digit (for example apple_app_store)."_s.arg(schema.toString()));
        }
    }
    // main and temp are SQLite's own databases; pg_* and information_schema are PostgreSQL's.
    if (schema == u"main" || schema == u"temp" || schema == u"information_schema" ||
        schema.startsWith(u"pg_")) {
        return makeError(
            u"storage.schema.reserved"_s,
            u"The schema name \"%1\" is reserved by the database: choose another one, for example "
            "apple_app_store."_s.arg(schema.toString()));
    }
    return {};
}

QString quoteIdentifier(QStringView name)
{
    QString quoted;
    quoted.reserve(name.size() + 2);
    quoted += u'"';
    for (const QChar c : name) {
        if (c == u'"')
            quoted += u'"';
        quoted += c;
    }
    quoted += u'"';
    return quoted;
}

QString qualifiedName(QStringView schema, QStringView table)
{
    return quoteIdentifier(schema) + u'.' + quoteIdentifier(table);
}

} // namespace ascsync::storage
