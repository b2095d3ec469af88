#pragma once

// Every form in which a private key could leak: the PEM file, its base64 body, the DER bytes, the private
// scalar, each raw and as hex, base64 and base64url. Found with the real `openssl` command, independently of
// ascsync's own key code.

#include <QByteArray>
#include <QList>
#include <QString>

struct KeyNeedle {
    QString form; // for messages: which encoding matched
    QByteArray bytes;
};

// Empty list (with a qWarning) when openssl cannot read the key.
QList<KeyNeedle> keyNeedles(const QString &p8Path);

// The first needle found in `haystack`, or an empty form.
QString findNeedle(const QByteArray &haystack, const QList<KeyNeedle> &needles);
