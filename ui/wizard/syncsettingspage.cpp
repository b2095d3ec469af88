#include "syncsettingspage.h"

#include "appseditor.h"
#include "syncsettingseditor.h"

#include <QVBoxLayout>

namespace ascsync::ui {

SyncSettingsPage::SyncSettingsPage(SyncSettingsEditor *editor, const AppsEditor *apps, QWidget *parent)
    : QWizardPage(parent)
    , m_editor(editor)
    , m_apps(apps)
{
    setTitle(tr("Sync settings"));
    setSubTitle(tr("When ascsync pulls new reports, and which."));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(editor);
    connect(editor, &SyncSettingsEditor::changed, this, &QWizardPage::completeChanged);
}

void SyncSettingsPage::initializePage()
{
    config::Settings settings;
    m_apps->applyTo(settings);
    m_editor->setVendorNumberKnown(!settings.vendorNumber.isEmpty());
}

bool SyncSettingsPage::isComplete() const
{
    return m_editor->isValid();
}

} // namespace ascsync::ui
