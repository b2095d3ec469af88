#pragma once

#include "salesstreams.h"

#include "core/common/result.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace ascsync::reports {

// Apple moves Sales and Trends reports to new versions and then answers the old `filter[version]` with a 400
// naming the latest one (API-NOTES §6.1: "The latest version for this report is 1_4"). These helpers pick
// the version to send and read Apple's answer, which is untrusted text.

// A version as Apple spells it: digits, one underscore, digits ("1_3"), at most 3 digits each side.
bool isValidReportVersion(QStringView version);

// Orders two valid versions numerically ("1_10" after "1_9"); negative, zero or positive.
int compareReportVersions(QStringView left, QStringView right);

// The version named by Apple's error detail ("... The latest version for this report is 1_4."), or nothing
// when the text does not say it in exactly that form or names something that is not a valid version.
// Long text is not searched (Apple's detail is one sentence).
std::optional<QString> latestVersionNamed(QStringView detail);

// The store key of one stream for versions learned from Apple: "SUBSCRIPTION/SUMMARY/DAILY".
QString versionStreamKey(const SalesStream &stream);

// The _ascsync_meta key under which a sync records the version Apple named for a stream.
QString learnedVersionMetaKey(const QString &streamKey);

// User-chosen versions, from the settings or --report-version: "TYPE=1_4" or "TYPE/SUBTYPE/FREQUENCY=1_4"
// (upper case). Returns the map key -> version, or an error naming the bad entry.
Result<QMap<QString, QString>> parseVersionOverrides(const QStringList &entries);

// The version to send for `stream`: the user's choice for the exact stream, else for its report type, else
// the catalogue's default; a version Apple named earlier (`learned`) wins when it is newer, so a retired
// version is not asked for again.
QString versionToSend(const SalesStream &stream, const QMap<QString, QString> &overrides,
                      const QString &learned);

} // namespace ascsync::reports
