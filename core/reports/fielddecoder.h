#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace ascsync::reports {

// Turns the bytes of one TSV field into text without ever losing a byte: valid UTF-8 is read as UTF-8;
// anything else (old Latin-1/Windows-1252 exports, a file cut in a multi-byte sequence) is read as
// Windows-1252, never replaced by U+FFFD. `out` keeps its capacity when it is not shared, so a reused row
// decodes without allocating. Returns true when the Windows-1252 fallback was used, so callers can count it.
bool decodeField(QByteArrayView bytes, QString &out);

// The byte form of decodeField for loads that never build a QString: `bytes` read as Windows-1252 (the
// fallback for a field that is not valid UTF-8) and appended to `out` as UTF-8.
void appendWindows1252AsUtf8(QByteArrayView bytes, QByteArray &out);

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(QByteArrayView bytes);

} // namespace ascsync::reports
