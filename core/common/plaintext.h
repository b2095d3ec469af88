#pragma once

#include <QString>
#include <QStringView>

namespace ascsync {

// Server text (app names, report names, Apple's error `detail`) made safe for a terminal or a one-line log:
// every control character (C0, DEL, C1, line and paragraph separators, bidirectional overrides) becomes a
// visible escape such as "\n", "\x1b" or "\u202e", so an ESC sequence cannot rewrite the screen and a
// newline cannot fake a row. Backslashes are left alone; printable text is unchanged.
QString escapeControlCharacters(QStringView text);

// The same for a message of several lines written by ascsync itself: line breaks and tabs are kept, every
// other control character (an ESC sequence from server text inside the message) is escaped.
QString escapeForTerminal(QStringView text);

// True when `text` holds a character escapeControlCharacters() would escape.
bool hasControlCharacters(QStringView text);

} // namespace ascsync
