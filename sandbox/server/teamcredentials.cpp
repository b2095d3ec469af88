#include "teamcredentials.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

QSet<QString> adminRoles()
{
    return {u"ADMIN"_s};
}

QSet<QString> readerRoles()
{
    return {u"SALES"_s, u"FINANCE"_s};
}

// Apple key ids are ten upper-case letters and digits, e.g. 2X9R4HXF34.
QString newKeyId()
{
    static constexpr QLatin1StringView alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    QString id;
    for (int i = 0; i < 10; ++i)
        id += alphabet.at(QRandomGenerator::system()->bounded(int(alphabet.size())));
    return id;
}

bool writePrivateFile(const QString &path, const QByteArray &contents, QString *error)
{
    QFile::remove(path);
    QFile file(path);
    // Created with 0600 from the first byte: the key is never readable by others, not even briefly.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(contents) != contents.size() || !file.flush()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

bool loadKey(const QString &stateDir, const QJsonObject &entry, const QSet<QString> &roles,
             RegisteredKey *key, QString *keyFile, QString *error)
{
    key->keyId = entry.value(u"keyId"_s).toString();
    key->issuerId = entry.value(u"issuerId"_s).toString();
    key->roles = roles;
    *keyFile = QDir(stateDir).absoluteFilePath(entry.value(u"keyFile"_s).toString());
    // A state directory that was moved or copied still finds its keys beside credentials.json.
    const QString besideCredentials = QDir(stateDir).absoluteFilePath(QFileInfo(*keyFile).fileName());
    if (!QFileInfo::exists(*keyFile) && QFileInfo::exists(besideCredentials))
        *keyFile = besideCredentials;
    if (key->keyId.isEmpty() || key->issuerId.isEmpty()) {
        *error = u"credentials.json lacks keyId or issuerId"_s;
        return false;
    }
    QFile file(*keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2 (delete credentials.json to mint new keys)"_s.arg(*keyFile,
                                                                                        file.errorString());
        return false;
    }
    QString keyError;
    const EcKey privateKey = EcKey::fromPrivatePem(file.readAll(), &keyError);
    if (privateKey.isNull()) {
        *error = u"%1: %2"_s.arg(*keyFile, keyError);
        return false;
    }
    // Only the public half is kept in memory: verifying is all the server does with it.
    key->publicKey = EcKey::fromPublicPem(privateKey.publicKeyPem(), &keyError);
    return !key->publicKey.isNull();
}

QJsonObject keyEntry(const RegisteredKey &key, const QString &keyFile)
{
    return {{u"issuerId"_s, key.issuerId}, {u"keyId"_s, key.keyId}, {u"keyFile"_s, keyFile}};
}

} // namespace

QString TeamCredentials::credentialsPath() const
{
    return QDir(m_stateDir).absoluteFilePath(u"credentials.json"_s);
}

bool TeamCredentials::loadOrCreate(const QString &stateDir, QString *error)
{
    m_stateDir = QDir(stateDir).absolutePath();
    if (!QDir().mkpath(m_stateDir)) {
        *error = u"cannot create the state directory %1"_s.arg(m_stateDir);
        return false;
    }
    return QFileInfo::exists(credentialsPath()) ? load(error) : create(error);
}

bool TeamCredentials::load(QString *error)
{
    QFile file(credentialsPath());
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(credentialsPath(), file.errorString());
        return false;
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QString keyError;
    if (!loadKey(m_stateDir, root.value(u"admin"_s).toObject(), adminRoles(), &m_admin, &m_adminKeyFile,
                 &keyError) ||
        !loadKey(m_stateDir, root.value(u"reader"_s).toObject(), readerRoles(), &m_reader, &m_readerKeyFile,
                 &keyError)) {
        *error = u"%1 is unusable: %2"_s.arg(credentialsPath(), keyError);
        return false;
    }
    return true;
}

bool TeamCredentials::create(QString *error)
{
    // One team, one issuer ID; the two keys differ in their roles only.
    const QString issuerId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const auto makeKey = [&](const QSet<QString> &roles, RegisteredKey *key, QString *keyFile) {
        const EcKey privateKey = EcKey::generate(error);
        if (privateKey.isNull())
            return false;
        key->keyId = newKeyId();
        key->issuerId = issuerId;
        key->roles = roles;
        *keyFile = QDir(m_stateDir).absoluteFilePath(u"AuthKey_%1.p8"_s.arg(key->keyId));
        if (!writePrivateFile(*keyFile, privateKey.applePkcs8Pem(), error))
            return false;
        key->publicKey = EcKey::fromPublicPem(privateKey.publicKeyPem(), error);
        return !key->publicKey.isNull();
    };
    return makeKey(adminRoles(), &m_admin, &m_adminKeyFile) &&
           makeKey(readerRoles(), &m_reader, &m_readerKeyFile) && write(QString(), QString(), error);
}

bool TeamCredentials::write(const QString &vendorNumber, const QString &apiBaseUrl, QString *error) const
{
    QJsonObject root{
        {u"admin"_s, keyEntry(m_admin, m_adminKeyFile)},
        {u"reader"_s, keyEntry(m_reader, m_readerKeyFile)},
    };
    if (!vendorNumber.isEmpty())
        root.insert(u"vendorNumber"_s, vendorNumber);
    if (!apiBaseUrl.isEmpty())
        root.insert(u"apiBaseUrl"_s, apiBaseUrl);
    QSaveFile file(credentialsPath());
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(credentialsPath(), file.errorString());
        return false;
    }
    return true;
}

} // namespace ascsync::sandbox
