#pragma once

#include "core/common/result.h"

#include <QString>

namespace ascsync::ui {

// The per-field checks of config::validate(), one field at a time, so each message appears under its own
// field with the very words the command line would use.
Status checkVendorNumber(const QString &vendorNumber);
Status checkSchemaName(const QString &schema);
Status checkApiBaseUrl(const QString &url);

} // namespace ascsync::ui
