#pragma once

#include "appprofile.h"

#include <QList>

namespace ascsync::sandbox {

// Creates the developer account's apps from the seed: realistic names, bundle ids, SKUs, Apple IDs, sizes
// and traits. App 0 is the big one (daily Detailed files with thousands of rows); from three apps on, the
// last one is tiny (days with fewer than 5 users); from two apps on, app 1 launched during the history
// after a pre-order period.
class AppFactory {
public:
    static QList<AppProfile> create(quint64 seed, int count, double trafficScale = 1.0);
    static QString vendorNumberFor(quint64 seed); // 8 digits
};

} // namespace ascsync::sandbox
