#pragma once

#include "core/api/apiclient.h"
#include "core/common/result.h"
#include "core/status/appstatus.h"
#include "core/sync/syncplan.h"

#include <QWizardPage>

#include <functional>
#include <memory>

class QLabel;
class QPushButton;

namespace ascsync::ui {

class ApiCancellation;
class SetupWizard;
class ValidationLabel;

// The summary, how many apps still need analytics report requests (with "Admin Setup…"), and the outcome of
// saving when Finish is clicked.
class FinishPage : public QWizardPage {
    Q_OBJECT
public:
    explicit FinishPage(SetupWizard *wizard);
    ~FinishPage() override;

    void initializePage() override;
    bool isComplete() const override;

    void setSaving(bool saving);
    void showSaveError(const QString &message);
    // For tests and the screenshot tour: true once the report-request check has answered.
    bool isRequestCountKnown() const { return m_countKnown; }

Q_SIGNALS:
    void adminSetupRequested();
    void requestCountKnown();

private:
    void countAppsWithoutRequests();
    void showRequestCount(const Result<status::StatusReport> &report);
    void estimateFirstSync();
    void showEstimate(const Result<sync::SyncPlan> &plan);

    SetupWizard *m_wizard;
    QLabel *m_summary;
    ValidationLabel *m_requests;
    ValidationLabel *m_estimate; // what the first sync costs in Apple's requests and time
    QPushButton *m_adminSetup;
    ValidationLabel *m_saveMessage;
    std::unique_ptr<api::ApiClient> m_statusClient; // of the report-request check, in this thread
    std::shared_ptr<ApiCancellation> m_estimateCancellation;
    int m_estimateGeneration = 0;
    bool m_countKnown = false;
    bool m_saving = false;
};

} // namespace ascsync::ui
