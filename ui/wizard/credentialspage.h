#pragma once

#include <QWizardPage>

namespace ascsync::ui {

class CredentialsEditor;

// The API key: complete once every field is valid and "Test connection" listed the apps.
class CredentialsPage : public QWizardPage {
    Q_OBJECT
public:
    CredentialsPage(CredentialsEditor *editor, QWidget *parent = nullptr);
    bool isComplete() const override;

private:
    CredentialsEditor *m_editor;
};

} // namespace ascsync::ui
