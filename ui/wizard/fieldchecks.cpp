#include "fieldchecks.h"

#include "core/config/settings.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

// Each check validates otherwise-default settings, which are valid, so the only possible complaint is about
// the field under test.

Status checkVendorNumber(const QString &vendorNumber)
{
    config::Settings settings;
    settings.vendorNumber = vendorNumber.trimmed();
    return config::validate(settings);
}

Status checkSchemaName(const QString &schema)
{
    if (schema.trimmed().isEmpty()) {
        return makeError(u"settings.schema"_s, u"Enter a schema name; apple_app_store is the usual one."_s);
    }
    config::Settings settings;
    settings.schema = schema.trimmed();
    return config::validate(settings);
}

Status checkApiBaseUrl(const QString &url)
{
    config::Settings settings;
    settings.apiBaseUrl = QUrl(url.trimmed());
    return config::validate(settings);
}

} // namespace ascsync::ui
