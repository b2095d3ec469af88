#include "credentialspage.h"

#include "credentialseditor.h"

#include <QLabel>
#include <QVBoxLayout>

namespace ascsync::ui {

CredentialsPage::CredentialsPage(CredentialsEditor *editor, QWidget *parent)
    : QWizardPage(parent)
    , m_editor(editor)
{
    setTitle(tr("App Store Connect API key"));
    setSubTitle(tr("The IDs are shown in App Store Connect under Users and Access › Integrations. Test the "
                   "connection to continue."));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(editor);
    connect(editor, &CredentialsEditor::changed, this, &QWizardPage::completeChanged);
}

bool CredentialsPage::isComplete() const
{
    return m_editor->isValid() && m_editor->isConnectionTested() && !m_editor->isTesting();
}

} // namespace ascsync::ui
