#pragma once

#include <QWizardPage>

namespace ascsync::ui {

class AppsEditor;
class SyncSettingsEditor;

// Schedule, backfill, migration policy and report families.
class SyncSettingsPage : public QWizardPage {
    Q_OBJECT
public:
    SyncSettingsPage(SyncSettingsEditor *editor, const AppsEditor *apps, QWidget *parent = nullptr);
    void initializePage() override;
    void cleanupPage() override {}
    bool isComplete() const override;

private:
    SyncSettingsEditor *m_editor;
    const AppsEditor *m_apps;
};

} // namespace ascsync::ui
