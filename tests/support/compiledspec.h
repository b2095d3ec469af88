#pragma once

#include "schemanode.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace ascsync::testsupport {

// Everything the validator needs from Apple's OpenAPI document, immutable once built (safe to share between
// threads and between copies of a validator).
struct CompiledSpec {
    // What one operation declares for one status code ("200", "4XX" or "default").
    struct Response {
        int schema = -1;          // node of the JSON body schema; -1 when the response declares no JSON body
        QStringList contentTypes; // every declared media type, for messages ("application/a-gzip")
    };
    // Responses of one operation, keyed by the status key exactly as the spec writes it.
    using Operation = QHash<QString, Response>;

    std::vector<SchemaNode> nodes;
    QHash<QString, int> nodeByPointer;                    // "#/components/schemas/App" -> index in nodes
    QHash<QString, QHash<QString, Operation>> operations; // path template -> lower-case method -> operation
};

} // namespace ascsync::testsupport
