#include "osreleases.h"

#include "stablehash.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

QList<OsReleases::Release> timeline(const QString &platform,
                                    const QList<std::pair<const char16_t *, QDate>> &items)
{
    QList<OsReleases::Release> releases;
    for (const auto &[version, date] : items)
        releases.append({platform + u' ' + QString::fromUtf16(version), date});
    return releases;
}

QHash<QString, QList<OsReleases::Release>> buildReleases()
{
    QHash<QString, QList<OsReleases::Release>> all;
    all.insert(u"iOS"_s, timeline(u"iOS"_s, {{u"16.7", QDate(2023, 9, 21)},
                                             {u"17.0", QDate(2023, 9, 18)},
                                             {u"17.1", QDate(2023, 10, 25)},
                                             {u"17.2", QDate(2023, 12, 11)},
                                             {u"17.3", QDate(2024, 1, 22)},
                                             {u"17.4", QDate(2024, 3, 5)},
                                             {u"17.5", QDate(2024, 5, 13)},
                                             {u"17.6", QDate(2024, 7, 29)},
                                             {u"18.0", QDate(2024, 9, 16)},
                                             {u"18.1", QDate(2024, 10, 28)},
                                             {u"18.2", QDate(2024, 12, 11)},
                                             {u"18.3", QDate(2025, 1, 27)},
                                             {u"18.4", QDate(2025, 3, 31)},
                                             {u"18.5", QDate(2025, 5, 12)},
                                             {u"18.6", QDate(2025, 7, 29)},
                                             {u"26.0", QDate(2025, 9, 15)},
                                             {u"26.1", QDate(2025, 11, 3)},
                                             {u"26.2", QDate(2025, 12, 15)}}));
    all.insert(u"macOS"_s, timeline(u"macOS"_s, {{u"14.0", QDate(2023, 9, 26)},
                                                 {u"14.2", QDate(2023, 12, 11)},
                                                 {u"14.4", QDate(2024, 3, 7)},
                                                 {u"14.5", QDate(2024, 5, 13)},
                                                 {u"14.6", QDate(2024, 7, 29)},
                                                 {u"15.0", QDate(2024, 9, 16)},
                                                 {u"15.1", QDate(2024, 10, 28)},
                                                 {u"15.2", QDate(2024, 12, 11)},
                                                 {u"15.3", QDate(2025, 1, 27)},
                                                 {u"15.4", QDate(2025, 3, 31)},
                                                 {u"15.5", QDate(2025, 5, 12)},
                                                 {u"15.6", QDate(2025, 7, 29)},
                                                 {u"26.0", QDate(2025, 9, 15)},
                                                 {u"26.1", QDate(2025, 11, 3)}}));
    all.insert(u"tvOS"_s, timeline(u"tvOS"_s, {{u"17.0", QDate(2023, 9, 18)},
                                               {u"17.2", QDate(2023, 12, 11)},
                                               {u"17.4", QDate(2024, 3, 5)},
                                               {u"17.5", QDate(2024, 5, 13)},
                                               {u"18.0", QDate(2024, 9, 16)},
                                               {u"18.1", QDate(2024, 10, 28)},
                                               {u"18.2", QDate(2024, 12, 11)},
                                               {u"18.3", QDate(2025, 1, 27)},
                                               {u"18.4", QDate(2025, 3, 31)},
                                               {u"18.5", QDate(2025, 5, 12)},
                                               {u"26.0", QDate(2025, 9, 15)},
                                               {u"26.1", QDate(2025, 11, 3)}}));
    all.insert(u"visionOS"_s, timeline(u"visionOS"_s, {{u"1.0", QDate(2024, 2, 2)},
                                                       {u"1.1", QDate(2024, 3, 7)},
                                                       {u"1.2", QDate(2024, 5, 13)},
                                                       {u"1.3", QDate(2024, 7, 29)},
                                                       {u"2.0", QDate(2024, 9, 16)},
                                                       {u"2.1", QDate(2024, 10, 28)},
                                                       {u"2.2", QDate(2024, 12, 11)},
                                                       {u"2.3", QDate(2025, 1, 27)},
                                                       {u"2.4", QDate(2025, 3, 31)},
                                                       {u"2.5", QDate(2025, 5, 12)},
                                                       {u"26.0", QDate(2025, 9, 15)},
                                                       {u"26.1", QDate(2025, 11, 3)}}));
    for (auto &list : all)
        std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) { return a.date < b.date; });
    return all;
}

} // namespace

QString OsReleases::platformOf(const QString &device)
{
    if (device == u"Mac")
        return u"macOS"_s;
    if (device == u"Apple TV")
        return u"tvOS"_s;
    if (device == u"Apple Vision Pro")
        return u"visionOS"_s;
    return u"iOS"_s; // iPhone and iPad
}

const QList<OsReleases::Release> &OsReleases::releases(const QString &platform)
{
    static const QHash<QString, QList<Release>> all = buildReleases();
    static const QList<Release> none;
    const auto it = all.constFind(platform);
    return it == all.cend() ? none : *it;
}

QList<OsReleases::Share> OsReleases::sharesOn(const QString &device, QDate date)
{
    static constexpr double kByAge[] = {0.40, 0.28, 0.15, 0.10, 0.07}; // newest first
    const QList<Release> &list = releases(platformOf(device));
    QList<Share> shares;
    for (qsizetype i = list.size() - 1; i >= 0 && shares.size() < 5; --i) {
        if (list[i].date > date)
            continue;
        double weight = kByAge[shares.size()];
        if (shares.isEmpty()) {
            // A release takes about three weeks to reach its usual share.
            weight *= std::min(1.0, double(list[i].date.daysTo(date) + 1) / 21.0);
        }
        shares.append({list[i].label, weight});
    }
    return shares;
}

QString OsReleases::buildOf(const QString &label)
{
    const qsizetype space = label.indexOf(u' ');
    const QStringList parts = label.mid(space + 1).split(u'.');
    const int major = parts.value(0).toInt();
    const int minor = parts.value(1).toInt();
    // Darwin-style: the build train number grows with each major release, the letter with each minor one.
    const int train = major >= 26 ? 23 : major + 4; // iOS 17 -> 21, iOS 18 -> 22, iOS 26 -> 23
    const int number = 10 + int(StableHash(7).add(label).value() % 240);
    return QString::number(train) + QChar(u'A' + minor) + QString::number(number);
}

} // namespace ascsync::sandbox
