#pragma once

#include "core/common/result.h"
#include "core/storage/destinationspec.h"

#include <QString>

#include <memory>

namespace ascsync::sync {

// Where a sync's downloads wait for their load when no work directory is set: one private folder (0700)
// per destination in the user's cache (~/.cache/ascsync/downloads/<hash of the destination and schema>), so
// it is never shared with another user and a run killed mid-download leaves files only there. A run holds the
// destination's sync lock, so whatever the folder holds at the start is a killed run's leftovers: open()
// empties it, and the folder is removed again when the object goes.
class DownloadFolder {
public:
    static QString pathFor(const storage::DestinationSpec &destination);
    static Result<std::unique_ptr<DownloadFolder>> open(const storage::DestinationSpec &destination);
    ~DownloadFolder();
    DownloadFolder(const DownloadFolder &) = delete;
    DownloadFolder &operator=(const DownloadFolder &) = delete;

    QString path() const { return m_path; }

private:
    explicit DownloadFolder(QString path);
    QString m_path;
};

} // namespace ascsync::sync
