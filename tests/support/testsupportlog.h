#pragma once

#include <QLoggingCategory>

namespace ascsync::testsupport {
// Diagnostics of the test-support helpers (QT_LOGGING_RULES="ascsync.tests.support.debug=true").
Q_DECLARE_LOGGING_CATEGORY(lcTestSupport)
} // namespace ascsync::testsupport
