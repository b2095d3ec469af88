#pragma once

#include <QLatin1StringView>
#include <QString>

namespace ascsync::reports {

// PostgreSQL truncates identifiers beyond NAMEDATALEN - 1 bytes; SQLite has no limit, so the stricter one
// wins.
inline constexpr qsizetype MaxIdentifierLength = 63;

// Eight hex digits of SHA-256 over the UTF-8 of `text`: the same on every run, machine and Qt version
// (unlike qHash), because table and column names derived from it must never change.
QString stableHash(QStringView text);

enum class CamelCase { Keep, Split };

// Lower-case ASCII words joined by single '_': accents are removed (é -> e), apostrophes dropped, and any
// other character that is not an ASCII letter or digit separates words. With CamelCase::Split a capital
// inside a word starts a new one (`visibleTime` -> `visible_time`, `HTTPServer` -> `http_server`), except
// after a single letter (`iPad` -> `ipad`).
QString snakeCase(QStringView text, CamelCase camel);

// Makes `snake` (the output of snakeCase) a safe SQL identifier `[a-z][a-z0-9_]*` of at most
// MaxIdentifierLength bytes: `prefix` goes before a leading digit, an empty name becomes `prefix` plus the
// hash of `original`, and a name that is cut (or `forceHash`) ends in `_` plus that hash, so different
// originals stay different.
QString safeIdentifier(QString snake, QStringView original, QLatin1StringView prefix, bool forceHash = false);

// `base` followed by `suffix`, with `base` shortened so the whole fits MaxIdentifierLength.
QString identifierWithSuffix(QStringView base, QStringView suffix);

} // namespace ascsync::reports
