// Apple's errors mapped to the fix reach the desktop app (issue 18): the main window's sync against a
// simulator that answers every report file with Apple's 403 for unsigned agreements shows the same
// actionable sentence as the CLI, as an error in the activity log.
#include "uitestenvironment.h"

#include "ui/main/activitylogpanel.h"
#include "ui/main/mainwindow.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMainWindowErrors : public QObject {
    Q_OBJECT

private:
    UiTestEnvironment m_env;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_env.start({u"--seed"_s, u"11"_s, u"--apps"_s, u"1"_s, u"--history-start"_s, u"2026-11-01"_s,
                             u"--today"_s, u"2026-11-20"_s, u"--traffic-scale"_s, u"0.05"_s, u"--faults"_s,
                             u"agreements=1"_s}));
        QVERIFY(m_env.writeSettings(m_env.readerSettings({u"sales:SALES/SUMMARY/DAILY"_s})));
    }

    void agreementsErrorSaysTheFixInTheActivityLog()
    {
        ascsync::ui::MainWindow window(m_env.settingsPath());
        QSignalSpy finished(&window, &ascsync::ui::MainWindow::syncFinished);
        window.show();
        QVERIFY(window.isConfigured());
        auto *syncButton = window.findChild<QPushButton *>(u"syncNowButton"_s);
        QVERIFY(syncButton && syncButton->isEnabled());
        QTest::mouseClick(syncButton, Qt::LeftButton);
        QVERIFY(finished.wait(90000));
        QCOMPARE(finished.constFirst().constFirst().toBool(), false);
        const QStringList errors = window.activityLog()->allText().split(u'\n').filter(u"  Error  "_s);
        const QStringList agreements = errors.filter(u"FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED"_s);
        QVERIFY2(!agreements.isEmpty(), qPrintable(window.activityLog()->allText()));
        QVERIFY2(
            agreements.constFirst().contains(u"The Account Holder must sign or renew the agreements"_s) &&
                agreements.constFirst().contains(u"Business (Agreements, Tax, and Banking)"_s),
            qPrintable(agreements.constFirst()));
    }
};

QTEST_MAIN(TestMainWindowErrors)
#include "tst_mainwindowerrors.moc"
