#pragma once

#include "common/result.h"
#include "config/settings.h"
#include "status/appstatus.h"
#include "status/coverage.h"
#include "storage/runrecord.h"

#include <QList>

namespace ascsync::ui {

// The main window's reads, each run whole on a worker thread (runInBackground): they open their own API
// client and destination on that thread and close them before returning.

// Every configured app's report requests and what the destination holds of them. A destination that cannot
// be opened is not an error: the report says so (destinationNote) and still shows Apple's side.
Result<status::StatusReport> collectStatusFor(const config::Settings &settings);

// What the destination knows of every app, report and date (status::computeCoverage), as of now. An empty
// report for a destination that does not exist yet.
Result<status::CoverageReport> readCoverageFor(const config::Settings &settings);

// The destination's most recent sync runs, newest first.
Result<QList<storage::RunRecord>> readRunHistory(const config::Settings &settings, int limit);

} // namespace ascsync::ui
