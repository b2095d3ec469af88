#include "sqltext.h"

namespace ascsync {

namespace {

// Skips the quoted text or comment that starts at `i`; returns the index after it (or `i` when none starts).
qsizetype skipQuotedOrComment(QStringView sql, qsizetype i)
{
    const QChar c = sql[i];
    const QChar next = i + 1 < sql.size() ? sql[i + 1] : QChar();
    if (c == u'\'' || c == u'"') {
        for (qsizetype j = i + 1; j < sql.size(); ++j) {
            if (sql[j] == c) {
                if (j + 1 < sql.size() && sql[j + 1] == c) {
                    ++j; // a doubled quote is part of the text
                    continue;
                }
                return j + 1;
            }
        }
        return sql.size();
    }
    if (c == u'-' && next == u'-') {
        const qsizetype end = sql.indexOf(u'\n', i);
        return end < 0 ? sql.size() : end + 1;
    }
    if (c == u'/' && next == u'*') {
        const qsizetype end = sql.indexOf(u"*/", i + 2);
        return end < 0 ? sql.size() : end + 2;
    }
    return i;
}

} // namespace

int countSqlStatements(QStringView sql)
{
    int statements = 0;
    bool inStatement = false;
    for (qsizetype i = 0; i < sql.size();) {
        if (const qsizetype after = skipQuotedOrComment(sql, i); after != i) {
            const bool comment = sql[i] == u'-' || sql[i] == u'/';
            inStatement = inStatement || !comment;
            i = after;
            continue;
        }
        if (sql[i] == u';') {
            statements += inStatement ? 1 : 0;
            inStatement = false;
        } else if (!sql[i].isSpace()) {
            inStatement = true;
        }
        ++i;
    }
    return statements + (inStatement ? 1 : 0);
}

} // namespace ascsync
