#pragma once

#include <QStringList>

// The storage suites start their own executable as a second process (`--child MODE DESTINATION SCHEMA ...`)
// to test what only another process can show: a sync lock held elsewhere, and a process killed in mid-load.
//   lock DEST SCHEMA         takes the sync lock, prints "locked", holds it until stdin closes
//   load DEST SCHEMA ROWS    takes the lock, starts replacing batch 'base' of table events (adding a column,
//                            deleting rows, recording a load), streams ROWS rows, prints "loading", then
//                            waits for stdin to close -- or to be killed
// The PostgreSQL password comes from ASCSYNC_TEST_PG_PASSWORD, as for the parent.
int runStorageChild(const QStringList &arguments);

inline constexpr char StorageChildFlag[] = "--child";
