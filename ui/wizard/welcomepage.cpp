#include "welcomepage.h"

#include "ui/common/demosandbox.h"
#include "ui/common/validationlabel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

WelcomePage::WelcomePage(DemoSandbox *demo, QWidget *parent)
    : QWizardPage(parent)
    , m_demoButton(new QPushButton(tr("Try it with a &demo account")))
    , m_demoMessage(new ValidationLabel)
{
    setTitle(tr("Welcome to ascsync"));
    setSubTitle(tr("Your App Store Connect reports, in a database you own."));
    m_demoButton->setObjectName(u"demoButton"_s);
    m_demoMessage->setObjectName(u"demoMessage"_s);

    auto *intro = new QLabel(tr(
        "<p>ascsync pulls Apple's <b>analytics</b>, <b>sales</b> and <b>finance</b> reports into a SQLite "
        "file "
        "or a PostgreSQL database, one table per report, and keeps them up to date.</p>"
        "<p>You need an <b>App Store Connect API key</b>: in App Store Connect open <i>Users and Access › "
        "Integrations › App Store Connect API</i>, create a key with the <i>Sales</i> or <i>Finance</i> role "
        "and download its <tt>AuthKey_…p8</tt> file. Apple shows the file only once. ascsync keeps the key "
        "in "
        "your system keychain, never in a file, and sends it nowhere.</p>"
        "<p>No key at hand? Explore ascsync with a simulated account first.</p>"));
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);

    auto *demoRow = new QHBoxLayout;
    demoRow->addWidget(m_demoButton);
    demoRow->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(8);
    layout->addLayout(demoRow);
    layout->addWidget(m_demoMessage);
    layout->addStretch(1);

    connect(m_demoButton, &QPushButton::clicked, this, [this] {
        m_demoButton->setEnabled(false);
        m_demoMessage->showProgress(tr("Starting the demo App Store Connect simulator…"));
        Q_EMIT demoRequested();
    });
    connect(demo, &DemoSandbox::ready, this, [this] {
        m_demoButton->setEnabled(false);
        m_demoMessage->showSuccess(tr("The demo account is running on this computer."));
    });
    connect(demo, &DemoSandbox::failed, this, [this](const QString &message) {
        m_demoButton->setEnabled(true);
        m_demoMessage->showError(message);
    });
    connect(demo, &DemoSandbox::stopped, this, [this] {
        m_demoButton->setEnabled(true);
        m_demoMessage->showError(tr("The demo simulator stopped. Click the button to start it again."));
    });
}

} // namespace ascsync::ui
