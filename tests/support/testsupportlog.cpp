#include "testsupportlog.h"

namespace ascsync::testsupport {
Q_LOGGING_CATEGORY(lcTestSupport, "ascsync.tests.support", QtInfoMsg)
} // namespace ascsync::testsupport
