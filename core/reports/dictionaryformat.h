#pragma once

#include "datadictionary.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace ascsync::reports {

enum class DictionaryFormat { Markdown, Json, Mermaid };

// "markdown" (also "md"), "json", "mermaid"; case-insensitive.
std::optional<DictionaryFormat> parseDictionaryFormat(QStringView name);

// The dictionary as a Markdown page (an introduction, the Mermaid ER diagram, the join to an instance, then
// every table with its columns), as JSON, or as the Mermaid ER diagram alone. The output depends on nothing
// but the dictionary, so docs/schema.md can be compared with it byte for byte. Names read from a database
// are shown with control characters escaped.
QString renderDictionary(const DataDictionary &dictionary, DictionaryFormat format);

QString dictionaryMarkdown(const DataDictionary &dictionary);
QJsonObject dictionaryJson(const DataDictionary &dictionary);
QString dictionaryMermaid(const DataDictionary &dictionary);

} // namespace ascsync::reports
