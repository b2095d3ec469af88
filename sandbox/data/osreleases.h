#pragma once

#include <QDate>
#include <QList>
#include <QString>

namespace ascsync::sandbox {

// Public OS releases per device family, so a row's "Platform Version" is one that existed on its Date and
// the newest release ramps up over a few weeks. iPhone and iPad rows both say "iOS x" (API-NOTES §5.3).
class OsReleases {
public:
    struct Release {
        QString label; // "iOS 18.1", "macOS 15.1", "visionOS 2.1"
        QDate date;
    };
    struct Share {
        QString label;
        double weight;
    };

    static QString platformOf(const QString &device); // "iOS", "macOS", "tvOS", "visionOS"
    static const QList<Release> &releases(const QString &platform);
    // The versions in use on `date` with their shares (empty before the platform's first release).
    static QList<Share> sharesOn(const QString &device, QDate date);
    // A plausible build string for a release label, e.g. "iOS 18.1" -> "22B83".
    static QString buildOf(const QString &label);
};

} // namespace ascsync::sandbox
