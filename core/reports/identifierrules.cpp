#include "identifierrules.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

constexpr qsizetype kHashLength = 8;

bool isAsciiLower(QChar c)
{
    return c >= u'a' && c <= u'z';
}

bool isAsciiUpper(QChar c)
{
    return c >= u'A' && c <= u'Z';
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isAsciiAlnum(QChar c)
{
    return isAsciiLower(c) || isAsciiUpper(c) || isAsciiDigit(c);
}

bool isApostrophe(QChar c)
{
    return c == u'\'' || c == u'\u2019';
}

void chopTrailingUnderscores(QString &text)
{
    while (text.endsWith(u'_')) {
        text.chop(1);
    }
}

} // namespace

QString stableHash(QStringView text)
{
    const QByteArray digest = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex().left(kHashLength));
}

QString snakeCase(QStringView text, CamelCase camel)
{
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size() + 8);
    qsizetype wordLength = 0;
    QChar previous;
    for (qsizetype i = 0; i < decomposed.size(); ++i) {
        const QChar c = decomposed.at(i);
        if (c.category() == QChar::Mark_NonSpacing || isApostrophe(c)) {
            continue;
        }
        if (!isAsciiAlnum(c)) {
            if (!out.isEmpty() && !out.endsWith(u'_')) {
                out.append(u'_');
            }
            wordLength = 0;
            previous = QChar();
            continue;
        }
        if (camel == CamelCase::Split && isAsciiUpper(c) && wordLength >= 2) {
            const QChar following = i + 1 < decomposed.size() ? decomposed.at(i + 1) : QChar();
            const bool afterLowerOrDigit = isAsciiLower(previous) || isAsciiDigit(previous);
            const bool endsAcronym = isAsciiUpper(previous) && isAsciiLower(following);
            if (afterLowerOrDigit || endsAcronym) {
                out.append(u'_');
                wordLength = 0;
            }
        }
        out.append(c.toLower());
        ++wordLength;
        previous = c;
    }
    chopTrailingUnderscores(out);
    return out;
}

QString safeIdentifier(QString snake, QStringView original, QLatin1StringView prefix, bool forceHash)
{
    if (snake.isEmpty()) {
        return prefix + stableHash(original);
    }
    if (isAsciiDigit(snake.front())) {
        snake.prepend(prefix);
    }
    if (forceHash || snake.size() > MaxIdentifierLength) {
        return identifierWithSuffix(snake, QString(u'_' + stableHash(original)));
    }
    return snake;
}

QString identifierWithSuffix(QStringView base, QStringView suffix)
{
    QString head = base.left(std::max<qsizetype>(0, MaxIdentifierLength - suffix.size())).toString();
    chopTrailingUnderscores(head);
    return head + suffix;
}

} // namespace ascsync::reports
