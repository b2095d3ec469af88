#pragma once

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QList>
#include <QString>

namespace ascsync::sandbox {

// Interns the text values of report dimensions so generated rows carry small integers instead of strings.
// Id 0 is the empty value; negative ids are dates (minus the Julian day), so date-valued columns such as
// "App Download Date" need no interning. Filled while a model is built, read-only afterwards (thread-safe).
class ValuePool {
public:
    ValuePool();

    qint32 intern(const QString &text);
    qint32 idOf(const QString &text) const; // 0 when unknown
    static qint32 dateId(QDate date) { return -qint32(date.toJulianDay()); }

    QByteArray utf8(qint32 id) const;
    QString text(qint32 id) const;

private:
    QList<QByteArray> m_utf8;
    QHash<QString, qint32> m_ids;
};

} // namespace ascsync::sandbox
