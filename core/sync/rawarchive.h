#pragma once

#include "unitloader.h"

#include "core/common/result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ascsync::sync {

// How much the raw archive may keep; 0 means no limit.
struct ArchiveLimits {
    qint64 maxBytes = 0;
    int maxAgeDays = 0;
};

// "20G", "500M", "1.5T", "4096" (bytes) -> bytes; nullopt when it is not a size. "0" is no limit.
std::optional<qint64> parseArchiveSize(const QString &text);
// Bytes as the user would write them back ("1.5 GiB").
QString describeBytes(qint64 bytes);

// One unit kept in the archive: its sidecar, the UnitLoad it rebuilds (files made absolute) and what the
// files must hash to.
struct ArchivedUnit {
    QString sidecar; // absolute path of the unit's JSON sidecar
    QString family;  // analytics | sales | finance
    QDateTime downloadedAt;
    UnitLoad load;
    QStringList md5;  // per file of load.files
    qint64 bytes = 0; // the files and the sidecar on disk
};

struct ArchivePruning {
    int units = 0;
    qint64 bytes = 0;
    QStringList what; // one line per unit pruned: its source and download time
};

// The opt-in raw archive (README "Raw archive"): every original gzip file a sync downloads, byte for byte,
// under a layout built only from validated parts:
//   analytics/<app id>/<report>/<granularity>/<processing date>/<instance id>/<segment id>.tsv.gz
//   sales/<vendor>/<type>/<subtype>/<frequency>/<version>/<report date>.tsv.gz
//   finance/<vendor>/<type>/<region>/<fiscal month>.tsv.gz
// Each unit (an analytics instance, a sales or finance file) has one JSON sidecar (instance.json, or
// <date>.json beside the file) holding what the loader needs to load it again without Apple. Every file is
// written to a temporary name, checked against the checksum Apple gave (analytics) or the one the sync
// computed (sales, finance) and only then renamed into place; the sidecar is written last, so a unit without
// one is incomplete and ignored.
class RawArchive {
public:
    explicit RawArchive(QString root);

    QString root() const { return m_root; }
    // Creates the folder (owner only) when it does not exist yet.
    Status open() const;
    // Keeps a copy of the unit's files and its sidecar. `unit.files` must be the downloaded files.
    Status keep(const UnitLoad &unit, const QDateTime &downloadedAt) const;
    // Every complete unit, oldest download first; sidecars that cannot be read are in `problems`.
    QList<ArchivedUnit> units(QStringList &problems) const;
    // Removes whole units, oldest download first, until the archive respects `limits`.
    Result<ArchivePruning> prune(const ArchiveLimits &limits, const QDateTime &now) const;
    // The unit's files are present and hash to what the sidecar says (a truncated or altered file does not).
    static Status verify(const ArchivedUnit &unit);

private:
    QString m_root;
};

} // namespace ascsync::sync
