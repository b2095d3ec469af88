#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace ascsync::testsupport {

// Maps a concrete request path ("/v1/apps/123/analyticsReportRequests") to the spec's path template
// ("/v1/apps/{id}/analyticsReportRequests"). A `{param}` segment matches any one non-empty segment; when
// several templates match, the one with a literal segment at the first place where they differ wins
// ("/v1/things/latest" beats "/v1/things/{id}").
class PathTemplateMatcher {
public:
    // Declares that `pathTemplate` supports `method` (any case).
    void add(const QString &pathTemplate, const QString &method);

    // The best template for `concretePath` that supports `method`, or an empty string. An empty method
    // accepts any. Query string and fragment are ignored; a full URL ("https://host/v1/apps") is reduced to
    // its path.
    QString match(const QString &method, const QString &concretePath) const;

private:
    struct Template {
        QString text;
        QStringList segments;
        QList<bool> isParameter;
        QSet<QString> methods; // lower case
    };
    static bool moreLiteral(const Template &candidate, const Template &best);

    QHash<qsizetype, QList<Template>> m_bySegmentCount;
};

} // namespace ascsync::testsupport
