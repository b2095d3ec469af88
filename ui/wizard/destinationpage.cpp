#include "destinationpage.h"

#include "destinationeditor.h"

#include <QVBoxLayout>

namespace ascsync::ui {

DestinationPage::DestinationPage(DestinationEditor *editor, QWidget *parent)
    : QWizardPage(parent)
    , m_editor(editor)
{
    setTitle(tr("Destination"));
    setSubTitle(tr("Where ascsync writes the reports: one table per report."));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(editor);
    connect(editor, &DestinationEditor::changed, this, &QWizardPage::completeChanged);
}

bool DestinationPage::isComplete() const
{
    return m_editor->isValid() && !m_editor->isTesting();
}

} // namespace ascsync::ui
