#include "keyneedles.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QtDebug>

namespace {

QByteArray runOpenssl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(20000) || process.exitCode() != 0) {
        qWarning() << "openssl" << arguments << "failed:" << process.readAllStandardError();
        return {};
    }
    return process.readAllStandardOutput();
}

void addEncodings(QList<KeyNeedle> &needles, const QString &name, const QByteArray &raw)
{
    needles.append({name + QStringLiteral(" (raw)"), raw});
    needles.append({name + QStringLiteral(" (hex)"), raw.toHex()});
    needles.append({name + QStringLiteral(" (HEX)"), raw.toHex().toUpper()});
    needles.append({name + QStringLiteral(" (base64)"), raw.toBase64(QByteArray::OmitTrailingEquals)});
    needles.append({name + QStringLiteral(" (base64url)"),
                    raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)});
}

} // namespace

QList<KeyNeedle> keyNeedles(const QString &p8Path)
{
    QFile file(p8Path);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning() << "cannot read" << p8Path;
        return {};
    }
    const QByteArray pem = file.readAll();
    QList<KeyNeedle> needles;
    needles.append({QStringLiteral("PEM file"), pem.trimmed()});
    QByteArray body;
    for (const QByteArray &line : pem.split('\n')) {
        if (!line.startsWith("-----")) {
            body += line.trimmed();
        }
    }
    needles.append({QStringLiteral("PEM base64 body"), body});
    // Each PEM line on its own too: a log that wraps or truncates would still carry one of them.
    for (const QByteArray &line : pem.split('\n')) {
        if (!line.startsWith("-----") && line.trimmed().size() >= 32) {
            needles.append({QStringLiteral("PEM line"), line.trimmed()});
        }
    }
    const QByteArray der = runOpenssl({QStringLiteral("pkey"), QStringLiteral("-in"), p8Path,
                                       QStringLiteral("-outform"), QStringLiteral("DER")});
    if (der.isEmpty()) {
        return {};
    }
    addEncodings(needles, QStringLiteral("PKCS#8 DER"), der);
    // "priv:\n    0a:1b:...\n" -> the 32-byte private scalar.
    const QString text = QString::fromLatin1(runOpenssl({QStringLiteral("ec"), QStringLiteral("-in"), p8Path,
                                                         QStringLiteral("-noout"), QStringLiteral("-text")}));
    const QRegularExpression priv(QStringLiteral("priv:\\s*([0-9a-f:\\s]+?)\\s*pub:"));
    const QRegularExpressionMatch match = priv.match(text);
    if (!match.hasMatch()) {
        qWarning() << "no private scalar in openssl's output";
        return {};
    }
    QByteArray scalar = QByteArray::fromHex(
        match.captured(1).remove(QRegularExpression(QStringLiteral("[:\\s]"))).toLatin1());
    while (scalar.size() > 32 && scalar.startsWith('\0')) {
        scalar.remove(0, 1);
    }
    addEncodings(needles, QStringLiteral("private scalar"), scalar);
    return needles;
}

QString findNeedle(const QByteArray &haystack, const QList<KeyNeedle> &needles)
{
    for (const KeyNeedle &needle : needles) {
        if (!needle.bytes.isEmpty() && haystack.contains(needle.bytes)) {
            return needle.form;
        }
    }
    return {};
}
