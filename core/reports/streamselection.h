#pragma once

#include "core/common/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ascsync::reports {

// Which reports a sync or a replay covers, as the settings file (`sync/streams`), `--streams` and the desktop
// app's editors say it:
//   analytics                      every analytics report        analytics:TABLE   one, by its table name
//   sales                          the default Sales and Trends  sales:TYPE/SUBTYPE/FREQUENCY   one more
//   finance                        the finance reports
// One parser and one set of questions for every layer, so nobody splits "family:detail" strings by hand.
class StreamSelection {
public:
    enum class Family { Analytics, Sales, Finance };
    struct Choice {
        Family family = Family::Analytics;
        QString
            detail; // empty: the whole family; else the table (analytics) or TYPE/SUBTYPE/FREQUENCY (sales)
        QString toString() const;
        bool operator==(const Choice &) const = default;
    };

    StreamSelection() = default;
    // A clear message naming the accepted forms for the first text that is none of them.
    static Result<StreamSelection> parse(const QStringList &texts);
    // For texts known to be valid (defaults in the code); an invalid one is a programming error.
    static StreamSelection of(const QStringList &texts);

    // The texts parse() reads, in the order given, without repeats.
    QStringList toStrings() const;
    const QList<Choice> &choices() const { return m_choices; }
    bool isEmpty() const { return m_choices.isEmpty(); }

    // Anything of the family, whole or narrowed.
    bool includes(Family family) const;
    // The whole family ("analytics", "sales", "finance").
    bool includesWhole(Family family) const;
    // The analytics report with this table name: "analytics" or "analytics:TABLE".
    bool includesAnalyticsTable(const QString &table) const;
    // The details given for the family ("sales:SALES/SUMMARY/WEEKLY" gives "SALES/SUMMARY/WEEKLY").
    QStringList detailsOf(Family family) const;

    bool operator==(const StreamSelection &) const = default;

private:
    QList<Choice> m_choices;
};

QString familyName(StreamSelection::Family family);

} // namespace ascsync::reports
