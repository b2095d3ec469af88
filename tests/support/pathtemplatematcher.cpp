#include "pathtemplatematcher.h"

using namespace Qt::StringLiterals;

namespace ascsync::testsupport {

namespace {

QStringView pathOnly(QStringView path)
{
    // "https://api.appstoreconnect.apple.com/v1/apps?limit=200" -> "/v1/apps"
    if (const qsizetype scheme = path.indexOf(u"://"_s); scheme > 0) {
        const qsizetype slash = path.indexOf(u'/', scheme + 3);
        path = slash < 0 ? QStringView() : path.sliced(slash);
    }
    if (const qsizetype cut = path.indexOf(u'?'); cut >= 0)
        path = path.first(cut);
    if (const qsizetype cut = path.indexOf(u'#'); cut >= 0)
        path = path.first(cut);
    return path;
}

} // namespace

void PathTemplateMatcher::add(const QString &pathTemplate, const QString &method)
{
    const QStringList segments = pathTemplate.split(u'/');
    QList<Template> &group = m_bySegmentCount[segments.size()];
    for (Template &existing : group) {
        if (existing.text == pathTemplate) {
            existing.methods.insert(method.toLower());
            return;
        }
    }
    Template entry{pathTemplate, segments, {}, {method.toLower()}};
    for (const QString &segment : segments)
        entry.isParameter.append(segment.size() > 2 && segment.startsWith(u'{') && segment.endsWith(u'}'));
    group.append(std::move(entry));
}

bool PathTemplateMatcher::moreLiteral(const Template &candidate, const Template &best)
{
    for (qsizetype i = 0; i < candidate.isParameter.size(); ++i) {
        if (candidate.isParameter.at(i) != best.isParameter.at(i))
            return !candidate.isParameter.at(i);
    }
    return false;
}

QString PathTemplateMatcher::match(const QString &method, const QString &concretePath) const
{
    const QList<QStringView> segments = pathOnly(concretePath).split(u'/');
    const auto group = m_bySegmentCount.constFind(segments.size());
    if (group == m_bySegmentCount.cend())
        return {};
    const QString wantedMethod = method.toLower();

    const Template *best = nullptr;
    for (const Template &candidate : *group) {
        if (!wantedMethod.isEmpty() && !candidate.methods.contains(wantedMethod))
            continue;
        bool matches = true;
        for (qsizetype i = 0; i < segments.size() && matches; ++i) {
            matches = candidate.isParameter.at(i) ? !segments.at(i).isEmpty()
                                                  : segments.at(i) == candidate.segments.at(i);
        }
        if (matches && (best == nullptr || moreLiteral(candidate, *best)))
            best = &candidate;
    }
    return best == nullptr ? QString() : best->text;
}

} // namespace ascsync::testsupport
