// The Admin setup dialog against the real simulator: it lists exactly the apps that lack report requests,
// shows curl commands, sends the requests (201 per request), and leaves no trace of the Admin key in the
// config, data, cache or temporary folders.
#include "uitestenvironment.h"

#include "ui/admin/adminsetupdialog.h"
#include "ui/main/mainwindow.h"

#include <QApplication>
#include <QClipboard>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using ascsync::ui::AdminSetupDialog;

namespace {

const QStringList kSandboxFlags{u"--seed"_s,         u"5"_s,          u"--apps"_s,          u"3"_s,
                                u"--enabled-apps"_s, u"1"_s,          u"--history-start"_s, u"2026-11-06"_s,
                                u"--today"_s,        u"2026-11-20"_s, u"--traffic-scale"_s, u"0.05"_s};

// An independent look at the simulator: plain HTTP with a token from `ascsync token`.
QJsonObject rawGet(const QString &url, const QString &token)
{
    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(url)};
    request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return body;
}

// App ID -> the access types of its report requests.
QHash<QString, QStringList> requestsPerApp(const QString &apiBaseUrl, const QString &token)
{
    QHash<QString, QStringList> requests;
    const QJsonArray apps = rawGet(apiBaseUrl + u"/v1/apps?limit=200"_s, token).value(u"data"_s).toArray();
    for (const QJsonValue &app : apps) {
        const QString id = app.toObject().value(u"id"_s).toString();
        requests[id];
        const QJsonArray list = rawGet(apiBaseUrl + u"/v1/apps/%1/analyticsReportRequests"_s.arg(id), token)
                                    .value(u"data"_s)
                                    .toArray();
        for (const QJsonValue &request : list) {
            const QJsonObject attributes = request.toObject().value(u"attributes"_s).toObject();
            if (!attributes.value(u"stoppedDueToInactivity"_s).toBool()) {
                requests[id] << attributes.value(u"accessType"_s).toString();
            }
        }
    }
    return requests;
}

QStringList appsLacking(const QHash<QString, QStringList> &requests)
{
    QStringList lacking;
    for (auto it = requests.cbegin(); it != requests.cend(); ++it) {
        if (!it.value().contains(u"ONGOING"_s) || !it.value().contains(u"ONE_TIME_SNAPSHOT"_s)) {
            lacking << it.key();
        }
    }
    lacking.sort();
    return lacking;
}

QStringList listedAppIds(const QListWidget *list)
{
    QStringList ids;
    for (int row = 0; row < list->count(); ++row) {
        ids << list->item(row)->data(Qt::UserRole).toString();
    }
    ids.sort();
    return ids;
}

// The key as it could leak: the whole PEM, its base64 body, each of its base64 lines, and the DER bytes.
QList<QByteArray> keyNeedles(const QByteArray &pem)
{
    QList<QByteArray> needles{pem.trimmed()};
    QByteArray body;
    for (const QByteArray &line : pem.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith("-----")) {
            continue;
        }
        body += trimmed;
        if (trimmed.size() >= 32) {
            needles << trimmed;
        }
    }
    needles << body << QByteArray::fromBase64(body);
    return needles;
}

} // namespace

class TestAdminSetupDialog : public QObject {
    Q_OBJECT

private:
    UiTestEnvironment m_env;
    QByteArray m_adminPem;
    QJsonObject m_admin;

    void fillCredentials(AdminSetupDialog &dialog)
    {
        dialog.findChild<QLineEdit *>(u"adminIssuerId"_s)->setText(m_admin.value(u"issuerId"_s).toString());
        dialog.findChild<QLineEdit *>(u"adminKeyId"_s)->setText(m_admin.value(u"keyId"_s).toString());
    }

    bool check(AdminSetupDialog &dialog)
    {
        QSignalSpy ready(&dialog, &AdminSetupDialog::planReady);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"adminCheckButton"_s), Qt::LeftButton);
        return ready.wait(30000) && ready.constFirst().constFirst().toBool();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_env.start(kSandboxFlags));
        QVERIFY(m_env.writeSettings(m_env.readerSettings({u"analytics"_s})));
        m_admin = m_env.sandbox().credentials().value(u"admin"_s).toObject();
        QFile key(m_admin.value(u"keyFile"_s).toString());
        QVERIFY(key.open(QIODevice::ReadOnly));
        m_adminPem = key.readAll();
        QVERIFY(m_adminPem.contains("PRIVATE KEY"));
    }

    void mistakesSayWhatToFix()
    {
        AdminSetupDialog dialog(ascsync::config::SettingsFile::load(m_env.settingsPath()).value());
        dialog.show();
        QVERIFY(!check(dialog)); // nothing entered
        QVERIFY(!dialog.findChild<QLabel *>(u"adminSummary"_s)->text().isEmpty());

        fillCredentials(dialog);
        dialog.findChild<QPlainTextEdit *>(u"adminKeyPem"_s)->setPlainText(u"not a key"_s);
        QVERIFY(!check(dialog));
        const QString message = dialog.findChild<QLabel *>(u"adminSummary"_s)->text();
        QVERIFY2(message.contains(u"key"_s, Qt::CaseInsensitive), qPrintable(message));
        QVERIFY(!dialog.findChild<QPushButton *>(u"adminSendButton"_s)->isEnabled());
    }

    void listsTheAppsWithoutRequestsAndSendsThem()
    {
        const QString token = m_env.token(u"reader"_s);
        QVERIFY(!token.isEmpty());
        const QStringList lacking = appsLacking(requestsPerApp(m_env.sandbox().apiBaseUrl(), token));
        QCOMPARE(lacking.size(), 2);

        // Opened from the main window's "Admin Setup…", as a user does.
        ascsync::ui::MainWindow window(m_env.settingsPath());
        QSignalSpy statusSpy(&window, &ascsync::ui::MainWindow::statusRefreshed);
        window.show();
        QTest::mouseClick(window.findChild<QPushButton *>(u"adminSetupButton"_s), Qt::LeftButton);
        auto *dialog = window.findChild<AdminSetupDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(
            dialog->findChild<QLabel *>(u"adminPrivacyNote"_s)->text().contains(u"never saved or sent"_s));

        fillCredentials(*dialog);
        // Pasted, as from a password manager.
        dialog->findChild<QPlainTextEdit *>(u"adminKeyPem"_s)->setPlainText(QString::fromLatin1(m_adminPem));
        QVERIFY(check(*dialog));
        QVERIFY2(dialog->findChild<QPlainTextEdit *>(u"adminKeyPem"_s)->toPlainText().isEmpty(),
                 "the pasted key must not stay in the form");
        QCOMPARE(dialog->findChild<QLabel *>(u"adminSummary"_s)->text(),
                 u"You have 2 apps without report requests."_s);
        const auto *apps = dialog->findChild<QListWidget *>(u"adminAppsList"_s);
        QCOMPARE(listedAppIds(apps), lacking);

        const QString commands = dialog->findChild<QPlainTextEdit *>(u"adminCurlView"_s)->toPlainText();
        QCOMPARE(commands.count(u"asc_curl -X POST"_s), 4);
        for (const QString &app : lacking) {
            QCOMPARE(commands.count(u"\\\"id\\\":\\\"%1\\\""_s.arg(app)) +
                         commands.count(u"\"id\":\"%1\""_s.arg(app)),
                     2);
        }
        for (const QByteArray &needle : keyNeedles(m_adminPem)) {
            QVERIFY(!commands.toLatin1().contains(needle));
        }
        QVERIFY(dialog->findChild<QLabel *>(u"adminTokenExpiry"_s)->text().contains(u"minutes"_s));
        // The commands get the room: the dialog fits a 1280x800 screen, the curl view shows a screenful of
        // lines, and the (still empty) results list takes none of it.
        QVERIFY2(dialog->height() <= 760, qPrintable(QString::number(dialog->height())));
        QVERIFY(!dialog->findChild<QListWidget *>(u"adminResultsList"_s)->isVisible());
        const auto *curlView = dialog->findChild<QPlainTextEdit *>(u"adminCurlView"_s);
        QVERIFY2(curlView->viewport()->height() >= 16 * curlView->fontMetrics().lineSpacing(),
                 qPrintable(QString::number(curlView->viewport()->height())));
        if (const QString dir = qEnvironmentVariable("ASCSYNC_UI_SCREENSHOTS"); !dir.isEmpty()) {
            dialog->grab().save(dir + u"/admin-setup.png"_s);
        }

        // Copy for one app: that app's two commands only.
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"copyAppCommandsButton"_s), Qt::LeftButton);
        const QString copied = QApplication::clipboard()->text();
        const QString selected = apps->currentItem()->data(Qt::UserRole).toString();
        QCOMPARE(copied.count(u"asc_curl -X POST"_s), 2);
        QVERIFY(copied.contains(selected));
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"copyAllCommandsButton"_s), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), commands);
        // Issue 13: the copy says the clipboard now holds a token; server text is never rich text.
        const auto *summary = dialog->findChild<QLabel *>(u"adminSummary"_s);
        QVERIFY2(summary->text().contains(u"clipboard now holds an Admin token"_s),
                 qPrintable(summary->text()));
        QCOMPARE(summary->textFormat(), Qt::PlainText);
        QCOMPARE(window.findChild<QLabel *>(u"statusHeadline"_s)->textFormat(), Qt::PlainText);
        QCOMPARE(window.findChild<QLabel *>(u"lastOutcomeLabel"_s)->textFormat(), Qt::PlainText);

        QSignalSpy sent(dialog, &AdminSetupDialog::requestsSent);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"adminSendButton"_s), Qt::LeftButton);
        QVERIFY(sent.wait(30000));
        const auto outcomes = dialog->outcomes();
        QCOMPARE(outcomes.size(), 4);
        for (const auto &outcome : outcomes) {
            QCOMPARE(int(outcome.kind), int(ascsync::admin::ActionOutcome::Kind::Created));
        }
        const auto *results = dialog->findChild<QListWidget *>(u"adminResultsList"_s);
        QCOMPARE(results->count(), 4);
        for (int row = 0; row < results->count(); ++row) {
            QVERIFY2(results->item(row)->text().contains(u": created (request "_s),
                     qPrintable(results->item(row)->text()));
        }
        QVERIFY(appsLacking(requestsPerApp(m_env.sandbox().apiBaseUrl(), token)).isEmpty());

        // Checked again with the key file instead of a paste: nothing left to do.
        dialog->findChild<QLineEdit *>(u"adminKeyFile"_s)->setText(m_admin.value(u"keyFile"_s).toString());
        QVERIFY(check(*dialog));
        QCOMPARE(dialog->findChild<QListWidget *>(u"adminAppsList"_s)->count(), 0);
        QVERIFY(!dialog->findChild<QPushButton *>(u"adminSendButton"_s)->isEnabled());

        QVERIFY(!statusSpy.isEmpty() || statusSpy.wait(30000)); // the window's first status read
        statusSpy.clear();
        dialog->reject();
        QVERIFY(!dialog->hasPlan());
        QVERIFY(dialog->findChild<QPlainTextEdit *>(u"adminCurlView"_s)->toPlainText().isEmpty());
        // Closing the dialog refreshes the window's status, which now finds every request.
        QVERIFY(statusSpy.wait(30000));
        QCOMPARE(window.findChild<QLabel *>(u"statusHeadline"_s)->text(),
                 u"Every app has its report requests."_s);
        window.close();
    }

    void leavesNoTraceOfTheAdminKey()
    {
        const QList<QByteArray> needles = keyNeedles(m_adminPem);
        int files = 0;
        for (const QString &folder : m_env.privateFolders()) {
            QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
                const QByteArray content = file.readAll();
                ++files;
                for (const QByteArray &needle : needles) {
                    QVERIFY2(!content.contains(needle), qPrintable(file.fileName()));
                }
            }
        }
        // The settings file and window state at least were written, so the scan looked somewhere real.
        QVERIFY(files >= 2);
    }
};

QTEST_MAIN(TestAdminSetupDialog)
#include "tst_adminsetupdialog.moc"
