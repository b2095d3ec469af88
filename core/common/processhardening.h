#pragma once

#include "result.h"

namespace ascsync {

// Keeps a secret held in this process's memory (the Admin key) out of core dumps and away from other
// processes of the same user: no core file (RLIMIT_CORE 0) and not dumpable (no ptrace attach, no
// /proc/PID/mem for them). Call it before the secret is read. It lasts until the process ends, which is what
// we want: a copy of the key may linger in freed memory even after it was wiped.
Status keepSecretsOutOfCoreDumps();

} // namespace ascsync
