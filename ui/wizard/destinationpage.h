#pragma once

#include <QWizardPage>

namespace ascsync::ui {

class DestinationEditor;

// Where the tables go (SQLite file or PostgreSQL) and their schema.
class DestinationPage : public QWizardPage {
    Q_OBJECT
public:
    DestinationPage(DestinationEditor *editor, QWidget *parent = nullptr);
    void cleanupPage() override {}
    bool isComplete() const override;

private:
    DestinationEditor *m_editor;
};

} // namespace ascsync::ui
