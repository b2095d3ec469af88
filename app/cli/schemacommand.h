#pragma once

#include <QStringList>

namespace ascsync::cli {

// `ascsync schema [--format markdown|json|mermaid] [--destination URI]`: the data dictionary. Without a
// destination (flag or ASCSYNC_DESTINATION) it describes ascsync's catalogue, the text of docs/schema.md;
// with one, the tables that destination really has.
int runSchemaCommand(const QStringList &arguments);

} // namespace ascsync::cli
