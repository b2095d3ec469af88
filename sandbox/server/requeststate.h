#pragma once

#include "sandbox/data/world.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace ascsync::sandbox {

// One analytics report request (API-NOTES §4.3-§4.5) as the simulator remembers it.
struct ReportRequest {
    QString id;
    QString appId;
    AccessType access = AccessType::Ongoing;
    QDate createdOn;              // simulated day of creation
    QDateTime reportsAvailableAt; // wall clock: Apple's generation delay ends here; before, no reports
    QDate readyDate;              // simulated day the reports became available (World::instances' readyDate)
    QDate stoppedOn;              // valid when the request was stopped for inactivity

    bool stoppedDueToInactivity() const { return stoppedOn.isValid(); }
};

// The report requests of every app, persisted in state.json (when a path is given) after each change so
// that a restarted simulator still knows what a client created or deleted.
class RequestState {
public:
    struct StartState {
        QList<SimApp> apps;
        int enabledApps = 0; // the first N apps get both kinds of request, created long ago
        QDate historyStart;
        QDate today;
    };

    RequestState(quint64 seed, QString stateFilePath);

    // Reads state.json if it exists and belongs to the same universe (seed and apps), otherwise starts
    // from `start`.
    bool loadOrInitialize(const StartState &start, QString *error);

    QList<ReportRequest> requestsOf(const QString &appId) const;
    const ReportRequest *find(const QString &id) const;
    const ReportRequest *findByAccess(const QString &appId, AccessType access) const;
    const QList<ReportRequest> &all() const { return m_requests; }

    // A new request whose reports appear `delaySeconds` after `now`; persisted before it returns.
    ReportRequest create(const QString &appId, AccessType access, const QDateTime &now, int delaySeconds,
                         QDate today, QString *error);
    bool remove(const QString &id, QString *error);

private:
    void initialize(const StartState &start);
    QString mintId(const QString &appId, AccessType access);
    bool save(QString *error) const;

    quint64 m_seed;
    QString m_path;
    QString m_universe;
    int m_nextSerial = 1;
    QList<ReportRequest> m_requests;
};

} // namespace ascsync::sandbox
