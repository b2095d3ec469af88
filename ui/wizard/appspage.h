#pragma once

#include <QWizardPage>

namespace ascsync::ui {

class AppsEditor;
class CredentialsEditor;

// Which of the apps the connection test listed to sync, and the vendor number.
class AppsPage : public QWizardPage {
    Q_OBJECT
public:
    AppsPage(AppsEditor *editor, const CredentialsEditor *credentials, QWidget *parent = nullptr);
    void initializePage() override;
    void cleanupPage() override {} // keep the choice when going Back
    bool isComplete() const override;

private:
    AppsEditor *m_editor;
    const CredentialsEditor *m_credentials;
};

} // namespace ascsync::ui
