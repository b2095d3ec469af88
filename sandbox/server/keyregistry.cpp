#include "keyregistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

QSet<QString> rolesOf(const QJsonObject &entry)
{
    QSet<QString> roles;
    // "Sales and Reports" is spelled SALES in Apple's UserRole enum; accept the UI name too.
    const auto normalized = [](QString role) {
        role = role.trimmed().toUpper();
        if (role == u"SALES AND REPORTS"_s || role == u"SALES_AND_REPORTS"_s)
            return u"SALES"_s;
        return role;
    };
    if (entry.value(u"role"_s).isString())
        roles.insert(normalized(entry.value(u"role"_s).toString()));
    const QJsonArray list = entry.value(u"roles"_s).toArray();
    for (const QJsonValue &role : list)
        roles.insert(normalized(role.toString()));
    roles.remove(QString());
    return roles;
}

} // namespace

void KeyRegistry::add(RegisteredKey key)
{
    const QString keyId = key.keyId;
    m_keys.insert(keyId, std::move(key));
}

const RegisteredKey *KeyRegistry::find(const QString &keyId) const
{
    const auto it = m_keys.constFind(keyId);
    return it == m_keys.cend() ? nullptr : &it.value();
}

QStringList KeyRegistry::keyIds() const
{
    QStringList ids = m_keys.keys();
    ids.sort();
    return ids;
}

QString KeyRegistry::loadTrustedKeysFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return u"cannot read the keys file %1: %2"_s.arg(path, file.errorString());
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray())
        return u"the keys file %1 is not a JSON array of keys"_s.arg(path);

    const QJsonArray entries = document.array();
    for (qsizetype index = 0; index < entries.size(); ++index) {
        const QJsonObject entry = entries.at(index).toObject();
        RegisteredKey key;
        key.keyId = entry.value(u"keyId"_s).toString();
        key.issuerId = entry.value(u"issuerId"_s).toString();
        key.roles = rolesOf(entry);
        if (key.keyId.isEmpty())
            return u"%1: entry %2 has no keyId"_s.arg(path).arg(index);
        if (key.roles.isEmpty())
            return u"%1: key %2 has no role"_s.arg(path, key.keyId);
        QString error;
        key.publicKey = EcKey::fromPublicPem(entry.value(u"publicKeyPem"_s).toString().toLatin1(), &error);
        if (key.publicKey.isNull())
            return u"%1: key %2: %3"_s.arg(path, key.keyId, error);
        add(std::move(key));
    }
    return {};
}

} // namespace ascsync::sandbox
