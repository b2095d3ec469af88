#include "appspage.h"

#include "appseditor.h"
#include "credentialseditor.h"

#include <QVBoxLayout>

namespace ascsync::ui {

AppsPage::AppsPage(AppsEditor *editor, const CredentialsEditor *credentials, QWidget *parent)
    : QWizardPage(parent)
    , m_editor(editor)
    , m_credentials(credentials)
{
    setTitle(tr("Apps"));
    setSubTitle(tr("Choose the apps whose reports ascsync pulls."));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(editor);
    connect(editor, &AppsEditor::changed, this, &QWizardPage::completeChanged);
}

void AppsPage::initializePage()
{
    m_editor->setApps(m_credentials->apps());
}

bool AppsPage::isComplete() const
{
    return m_editor->isValid();
}

} // namespace ascsync::ui
