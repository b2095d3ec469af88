#pragma once

#include "apirouter.h"

#include "sandbox/data/world.h"

namespace ascsync::sandbox {

// GET /v1/apps and GET /v1/apps/{id} (API-NOTES §4.1): filters by id, bundle id, name and SKU (exact
// values, comma-separated lists), sort, sparse fields and paging.
class AppsEndpoints {
public:
    explicit AppsEndpoints(const World &world);

    void registerRoutes(ApiRouter &router) const;

    static const SimApp *findApp(const World &world, const QString &id);

private:
    HttpReply list(const ApiCall &call) const;
    HttpReply get(const ApiCall &call) const;

    const World &m_world;
};

} // namespace ascsync::sandbox
