#include "syncplan.h"

#include "analyticssync.h"
#include "salessync.h"
#include "synccontext.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

namespace {

bool analyticsEnabled(const SyncOptions &options)
{
    return options.streams.includes(reports::StreamSelection::Family::Analytics);
}

QString megabytes(qint64 bytes)
{
    if (bytes < 1'000'000) {
        return QString::number(static_cast<double>(bytes) / 1e3, 'f', 0) + u" kB"_s;
    }
    return QString::number(static_cast<double>(bytes) / 1e6, 'f', bytes < 10'000'000 ? 1 : 0) + u" MB"_s;
}

} // namespace

int SyncPlan::hoursOfBudget() const
{
    if (!budget || budget->hourLimit <= 0) {
        return 0;
    }
    const int beyond = requestsToCome() - budget->remaining;
    return beyond <= 0 ? 0 : (beyond + budget->hourLimit - 1) / budget->hourLimit;
}

QJsonObject SyncPlan::toJson() const
{
    QJsonObject json{{u"apps"_s, apps},
                     {u"planningRequests"_s, planningRequests},
                     {u"requests"_s, QJsonObject{{u"instanceListings"_s, instanceListings},
                                                 {u"otherPlanning"_s, planningRequests - instanceListings},
                                                 {u"segmentListings"_s, newInstances},
                                                 {u"sales"_s, salesRequests},
                                                 {u"finance"_s, financeRequests}}},
                     {u"requestsToCome"_s, requestsToCome()},
                     {u"syncRequests"_s, syncRequests()},
                     {u"listingsSkipped"_s, listingsSkipped},
                     {u"newInstances"_s, newInstances},
                     {u"knownBytes"_s, knownBytes},
                     {u"unsizedInstances"_s, unsizedInstances},
                     {u"hoursOfBudget"_s, hoursOfBudget()},
                     {u"notes"_s, QJsonArray::fromStringList(notes)},
                     {u"failures"_s, QJsonArray::fromStringList(failures)}};
    if (budget) {
        json.insert(u"budget"_s,
                    QJsonObject{{u"hourLimit"_s, budget->hourLimit}, {u"remaining"_s, budget->remaining}});
    }
    return json;
}

QString SyncPlan::toText() const
{
    QString text = u"Plan for %1 apps:\n"_s.arg(apps);
    text += u"  planning: %1 requests (%2 instance listings; %3 reports not listed because no new instance "
            u"of them can exist yet)\n"_s.arg(planningRequests)
                .arg(instanceListings)
                .arg(listingsSkipped);
    text += u"  analytics: %1 new instances, one segment listing each"_s.arg(newInstances);
    if (newInstances > 0) {
        text += unsizedInstances == newInstances
                    ? u"; download size unknown until listed"_s
                    : u"; about %1 to download%2"_s.arg(
                          megabytes(knownBytes),
                          unsizedInstances > 0 ? u" plus %1 instances of unknown size"_s.arg(unsizedInstances)
                                               : QString());
    }
    text += u"\n  sales: %1 report files, finance: %2 report files (one request each)\n"_s.arg(salesRequests)
                .arg(financeRequests);
    text +=
        u"  the sync: about %1 requests (%2 after planning)\n"_s.arg(syncRequests()).arg(requestsToCome());
    if (!budget) {
        text += u"  Apple's request budget: not known (no response carried X-Rate-Limit)\n"_s;
    } else if (hoursOfBudget() == 0) {
        text += u"  fits in Apple's budget: %1 of %2 requests left this hour\n"_s.arg(budget->remaining)
                    .arg(budget->hourLimit);
    } else {
        text +=
            u"  needs about %1 more hours of Apple's budget (%2 requests an hour, %3 left now): each sync "
            u"stops cleanly when the budget is spent and the next one continues\n"_s.arg(hoursOfBudget())
                .arg(budget->hourLimit)
                .arg(budget->remaining);
    }
    for (const QString &note : notes) {
        text += u"  note: "_s + note + u'\n';
    }
    for (const QString &failure : failures) {
        text += u"  error: "_s + failure + u'\n';
    }
    return text;
}

Result<SyncPlan> planSync(api::ApiClient &api, storage::Destination &destination, const SyncOptions &options,
                          SyncObserver &observer)
{
    SyncSummary summary;
    SyncContext context{api, destination, options, observer, summary, QDir()};
    SyncPlan plan;
    const int before = api.requestCount();
    if (analyticsEnabled(options)) {
        const auto apps = appsToSync(context);
        if (!apps) {
            return apps.error();
        }
        plan.apps = static_cast<int>(apps->size());
        const AnalyticsOutlook outlook = planAnalytics(context, apps.value());
        plan.instanceListings = outlook.listings;
        plan.listingsSkipped = outlook.listingsSkipped;
        plan.newInstances = outlook.newInstances;
        plan.knownBytes = outlook.knownBytes;
        plan.unsizedInstances = outlook.unsizedInstances;
    }
    const auto files = planReportFiles(context);
    if (!files) {
        return files.error();
    }
    plan.salesRequests = files->salesRequests;
    plan.financeRequests = files->financeRequests;
    plan.planningRequests = api.requestCount() - before;
    plan.budget = api.lastRateLimit();
    plan.notes = summary.notes;
    plan.failures = summary.failures;
    return plan;
}

} // namespace ascsync::sync
