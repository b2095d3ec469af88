#include "streamselection.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

std::optional<StreamSelection::Family> familyFrom(QStringView name)
{
    using Family = StreamSelection::Family;
    for (const Family family : {Family::Analytics, Family::Sales, Family::Finance}) {
        if (name == familyName(family))
            return family;
    }
    return std::nullopt;
}

Error unknownStream(const QString &text)
{
    return makeError(u"settings.streams"_s, u"Unknown stream \"%1\": use analytics, analytics:TABLE, sales, "
                                            "sales:TYPE/SUBTYPE/FREQUENCY or finance."_s.arg(text));
}

} // namespace

QString familyName(StreamSelection::Family family)
{
    switch (family) {
    case StreamSelection::Family::Analytics:
        return u"analytics"_s;
    case StreamSelection::Family::Sales:
        return u"sales"_s;
    case StreamSelection::Family::Finance:
        return u"finance"_s;
    }
    return {};
}

QString StreamSelection::Choice::toString() const
{
    return detail.isEmpty() ? familyName(family) : familyName(family) + u':' + detail;
}

Result<StreamSelection> StreamSelection::parse(const QStringList &texts)
{
    StreamSelection selection;
    for (const QString &text : texts) {
        const qsizetype colon = text.indexOf(u':');
        const auto family = familyFrom(QStringView(text).left(colon));
        const QString detail = colon < 0 ? QString() : text.mid(colon + 1);
        // Finance has no narrower choice, and "analytics:" names nothing.
        if (!family || (colon >= 0 && (detail.isEmpty() || *family == Family::Finance)))
            return unknownStream(text);
        const Choice choice{*family, detail};
        if (!selection.m_choices.contains(choice))
            selection.m_choices << choice;
    }
    return selection;
}

StreamSelection StreamSelection::of(const QStringList &texts)
{
    auto parsed = parse(texts);
    Q_ASSERT_X(parsed.ok(), "StreamSelection::of", qPrintable(parsed.errorMessage()));
    return parsed ? std::move(parsed).value() : StreamSelection();
}

QStringList StreamSelection::toStrings() const
{
    QStringList texts;
    for (const Choice &choice : m_choices)
        texts << choice.toString();
    return texts;
}

bool StreamSelection::includes(Family family) const
{
    return std::any_of(m_choices.begin(), m_choices.end(),
                       [family](const Choice &choice) { return choice.family == family; });
}

bool StreamSelection::includesWhole(Family family) const
{
    return m_choices.contains(Choice{family, QString()});
}

bool StreamSelection::includesAnalyticsTable(const QString &table) const
{
    return includesWhole(Family::Analytics) || m_choices.contains(Choice{Family::Analytics, table});
}

QStringList StreamSelection::detailsOf(Family family) const
{
    QStringList details;
    for (const Choice &choice : m_choices) {
        if (choice.family == family && !choice.detail.isEmpty())
            details << choice.detail;
    }
    return details;
}

} // namespace ascsync::reports
