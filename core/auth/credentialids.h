#pragma once

#include "core/common/result.h"

#include <QString>

namespace ascsync::auth {

// Issuer ID: the UUID shown above the key list in App Store Connect (Users and Access > Integrations).
// Returns the normalised (trimmed, lower-case) ID or a message saying what is wrong with it.
Result<QString> validateIssuerId(const QString &input);

// Key ID: 10 characters, A-Z and 0-9, the part of AuthKey_<KEYID>.p8 between "_" and ".p8".
// Returns the trimmed ID or a message saying what is wrong with it.
Result<QString> validateKeyId(const QString &input);

} // namespace ascsync::auth
