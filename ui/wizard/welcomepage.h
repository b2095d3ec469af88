#pragma once

#include <QWizardPage>

class QPushButton;

namespace ascsync::ui {

class DemoSandbox;
class ValidationLabel;

// What ascsync does and what the setup needs, and "Try it with a demo account", which starts the simulator.
class WelcomePage : public QWizardPage {
    Q_OBJECT
public:
    explicit WelcomePage(DemoSandbox *demo, QWidget *parent = nullptr);

Q_SIGNALS:
    void demoRequested();

private:
    QPushButton *m_demoButton;
    ValidationLabel *m_demoMessage;
};

} // namespace ascsync::ui
