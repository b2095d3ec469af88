#include "uitestenvironment.h"

#include <QDir>
#include <QtDebug>

using namespace Qt::StringLiterals;

bool UiTestEnvironment::start(const QStringList &sandboxArguments)
{
    if (!m_root.isValid()) {
        return false;
    }
    const QDir root(m_root.path());
    const QList<QPair<const char *, QString>> folders{{"XDG_CONFIG_HOME", u"config"_s},
                                                      {"XDG_DATA_HOME", u"data"_s},
                                                      {"XDG_CACHE_HOME", u"cache"_s},
                                                      {"TMPDIR", u"tmp"_s}};
    for (const auto &[variable, name] : folders) {
        if (!root.mkpath(name)) {
            return false;
        }
        qputenv(variable, root.filePath(name).toLocal8Bit());
    }
    return m_sandbox.start(root.filePath(u"sandbox"_s), sandboxArguments);
}

ascsync::config::Settings UiTestEnvironment::readerSettings(const QStringList &streams) const
{
    const QJsonObject reader = m_sandbox.credentials().value(u"reader"_s).toObject();
    ascsync::config::Settings settings;
    settings.issuerId = reader.value(u"issuerId"_s).toString();
    settings.keyId = reader.value(u"keyId"_s).toString();
    settings.keyFile = reader.value(u"keyFile"_s).toString();
    settings.apiBaseUrl = QUrl(m_sandbox.apiBaseUrl());
    settings.destination = u"sqlite:"_s + sqlitePath();
    settings.vendorNumber = m_sandbox.vendorNumber();
    settings.streams = ascsync::reports::StreamSelection::of(streams);
    settings.schedule = ascsync::config::ScheduleSetting::fromText(u"manual"_s);
    return settings;
}

bool UiTestEnvironment::writeSettings(const ascsync::config::Settings &settings) const
{
    const ascsync::Status saved = ascsync::config::SettingsFile::save(settingsPath(), settings);
    if (!saved) {
        qWarning() << saved.errorMessage();
    }
    return saved.ok();
}

QString UiTestEnvironment::settingsPath() const
{
    return QDir(m_root.path()).filePath(u"config/ascsync/ascsync.conf"_s);
}

QString UiTestEnvironment::sqlitePath() const
{
    return QDir(m_root.path()).filePath(u"data/ascsync/ascsync.db"_s);
}

QStringList UiTestEnvironment::privateFolders() const
{
    const QDir root(m_root.path());
    return {root.filePath(u"config"_s), root.filePath(u"data"_s), root.filePath(u"cache"_s),
            root.filePath(u"tmp"_s)};
}

QString UiTestEnvironment::token(const QString &which) const
{
    const CliRun run = runAscsync(QStringList{u"token"_s} + m_sandbox.keyArguments(which).mid(0, 6));
    if (run.exitCode != 0) {
        qWarning() << "ascsync token failed:" << run.err;
        return {};
    }
    return QString::fromLatin1(run.out.trimmed());
}
