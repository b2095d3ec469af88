#include "replay.h"

#include "rawarchive.h"
#include "unitloader.h"

#include "core/reports/tablenames.h"

#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

namespace {

bool selected(const ReplayOptions &options, const ArchivedUnit &unit)
{
    if (options.streams.isEmpty())
        return true;
    const auto &choices = options.streams.choices();
    return std::any_of(choices.begin(), choices.end(), [&](const reports::StreamSelection::Choice &choice) {
        const QString family = reports::familyName(choice.family);
        if (family != unit.family)
            return false;
        if (choice.detail.isEmpty())
            return true;
        if (choice.family == reports::StreamSelection::Family::Analytics)
            return choice.detail == reports::analyticsTableName(unit.load.instance.reportName);
        return unit.load.record.stream == family + u'/' + choice.detail.toUpper();
    });
}

// The sync's order: analytics first, oldest processing date first, a snapshot before the ongoing instance of
// the same day (at equal processing dates the later load wins); then sales and finance. Within that, the
// order they were downloaded in.
void sortLikeSync(QList<ArchivedUnit> &units)
{
    static const QStringList families{u"analytics"_s, u"sales"_s, u"finance"_s};
    std::stable_sort(units.begin(), units.end(), [](const ArchivedUnit &a, const ArchivedUnit &b) {
        const qsizetype fa = families.indexOf(a.family);
        const qsizetype fb = families.indexOf(b.family);
        if (fa != fb)
            return fa < fb;
        if (a.family != u"analytics"_s)
            return false; // already in download order
        const storage::InstanceRecord &ia = a.load.instance;
        const storage::InstanceRecord &ib = b.load.instance;
        if (ia.processingDate != ib.processingDate)
            return ia.processingDate < ib.processingDate;
        const bool snapshotA = ia.accessType == u"ONE_TIME_SNAPSHOT"_s;
        const bool snapshotB = ib.accessType == u"ONE_TIME_SNAPSHOT"_s;
        return snapshotA && !snapshotB;
    });
}

class Replay {
public:
    Replay(storage::Destination &destination, const ReplayOptions &options, SyncObserver &observer)
        : m_destination(destination)
        , m_options(options)
        , m_observer(observer)
    {}

    void run(QList<ArchivedUnit> units)
    {
        sortLikeSync(units);
        const int total = int(units.size());
        int done = 0;
        m_observer.progress(u"replay"_s, done, total);
        for (const ArchivedUnit &unit : std::as_const(units)) {
            replayUnit(unit);
            m_observer.progress(u"replay"_s, ++done, total);
        }
    }

    void failed(const QString &text)
    {
        ++summary.unitsFailed;
        summary.failures << text;
        m_observer.message(SyncObserver::Level::Error, text);
    }

    SyncSummary summary;

private:
    void replayUnit(const ArchivedUnit &unit)
    {
        const QString what = u"%1 (%2)"_s.arg(unit.load.record.source, QFileInfo(unit.sidecar).path());
        if (const Status intact = RawArchive::verify(unit); !intact) {
            failed(u"%1: %2"_s.arg(what, intact.errorMessage()));
            return;
        }
        const auto known = m_destination.findLoad(unit.load.record.stream, unit.load.record.unitKey);
        if (!known) {
            failed(u"%1: %2"_s.arg(what, known.errorMessage()));
            return;
        }
        if (known->has_value() && (*known)->checksum == unit.load.record.checksum) {
            ++summary.unitsUpToDate;
            return;
        }
        UnitLoad load = unit.load;
        load.policy = m_options.policy;
        const auto result = loadUnit(m_destination, load);
        if (!result) {
            failed(u"%1: %2"_s.arg(what, result.errorMessage()));
            return;
        }
        ++summary.unitsLoaded;
        summary.rowsLoaded += result->rowsLoaded;
        summary.rowsReplaced += result->rowsReplaced;
        for (const QString &note : result->notes) {
            summary.notes << what + u": "_s + note;
            m_observer.message(SyncObserver::Level::Warning, what + u": "_s + note);
        }
    }

    storage::Destination &m_destination;
    const ReplayOptions &m_options;
    SyncObserver &m_observer;
};

} // namespace

Status checkArchiveFolder(const QString &archiveDirectory)
{
    if (archiveDirectory.isEmpty() || !QFileInfo(archiveDirectory).isDir()) {
        return makeError(u"archive"_s,
                         u"There is no archive folder at \"%1\". Pass the folder a sync kept its files in "
                         u"(`ascsync sync --archive DIR`)."_s.arg(archiveDirectory));
    }
    return {};
}

Result<SyncSummary> runReplay(storage::Destination &destination, const ReplayOptions &options,
                              SyncObserver &observer)
{
    if (const Status folder = checkArchiveFolder(options.archiveDirectory); !folder)
        return folder.error();
    auto lock = destination.acquireSyncLock();
    if (!lock)
        return lock.error();
    const RawArchive archive(options.archiveDirectory);
    QStringList problems;
    QList<ArchivedUnit> units = archive.units(problems);
    Replay replay(destination, options, observer);
    for (const QString &problem : std::as_const(problems))
        replay.failed(problem);
    units.removeIf([&](const ArchivedUnit &unit) { return !selected(options, unit); });
    if (units.isEmpty() && problems.isEmpty()) {
        observer.message(SyncObserver::Level::Warning,
                         u"The archive %1 holds no unit of the selected streams."_s.arg(archive.root()));
    }
    replay.run(units);
    return replay.summary;
}

} // namespace ascsync::sync
