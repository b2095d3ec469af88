#pragma once

#include <QByteArray>
#include <QString>

namespace ascsync {

// Overwrites the bytes of a secret (key PEM, password) before its memory is released, so the secret does not
// linger in freed heap pages or core dumps. The container must hold the only reference to its data: a shared
// (implicitly copied) buffer would detach and leave the other copy intact.
void secureErase(QByteArray &secret);
void secureErase(QString &secret);

} // namespace ascsync
