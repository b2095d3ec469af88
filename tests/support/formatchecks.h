#pragma once

#include <QStringView>

// Checks for the OpenAPI `format` values Apple's document uses on strings. Unknown formats (int64, duration,
// number, binary) are annotations only, as JSON Schema says, and are not checked.
namespace ascsync::testsupport::formats {

// Full-date of RFC 3339: exactly YYYY-MM-DD and a real calendar day (2024-02-30 is rejected).
bool isDate(QStringView text);
// Date-time of RFC 3339: YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM); the offset is mandatory.
bool isDateTime(QStringView text);
// Loose absolute URI: a scheme, a colon, something after it and no whitespace or control characters;
// http(s) additionally needs "//host".
bool isUri(QStringView text);
// Loose URI reference (relative or absolute): no whitespace or control characters.
bool isUriReference(QStringView text);
// Loose e-mail address: one '@' with something on both sides and no whitespace.
bool isEmail(QStringView text);

} // namespace ascsync::testsupport::formats
