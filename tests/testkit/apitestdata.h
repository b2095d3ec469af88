#pragma once

// Apple-shaped error documents for the API client tests. They live outside the test's .cpp because moc
// misreads raw string literals that appear before a Q_OBJECT class.

#include <QByteArray>

inline const QByteArray kError500 =
    R"({"errors":[{"status":"500","code":"UNEXPECTED_ERROR","title":"x","detail":"boom"}]})";
inline const QByteArray kError401 =
    R"({"errors":[{"status":"401","code":"NOT_AUTHORIZED","title":"Authentication credentials are missing or invalid.","detail":"Provide a properly configured and signed bearer token"}]})";

inline const QByteArray kRateLimited429 =
    R"({"errors":[{"status":"429","code":"RATE_LIMIT_EXCEEDED","title":"The request rate limit has been reached.","detail":"wait"}]})";
inline const QByteArray kNoSales404 =
    R"({"errors":[{"status":"404","code":"NOT_FOUND","title":"The specified resource does not exist","detail":"There were no sales for the date specified."}]})";
inline const QByteArray kSegmentsPage =
    R"({"data":[{"type":"analyticsReportSegments","id":"s1","attributes":{"checksum":"abc","sizeInBytes":42,"url":"https://files.example/s1?sig=1"}}],"links":{"self":"x"}})";
inline const QByteArray kInstancesPage =
    R"({"data":[{"type":"analyticsReportInstances","id":"i1","attributes":{"granularity":"DAILY","processingDate":"2026-03-04"}}],"links":{"self":"x"}})";
