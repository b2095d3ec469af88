#pragma once

#include <QString>
#include <QVarLengthArray>

namespace ascsync::testsupport {

// The location inside the validated document, kept as segments and turned into a JSON pointer
// ("/data/0/attributes/accessType") only when an error is reported, so valid documents cost no strings.
class JsonPath {
public:
    void pushKey(const QString &key) { m_segments.append({key, -1}); }
    void pushIndex(qsizetype index) { m_segments.append({QString(), index}); }
    void pop() { m_segments.removeLast(); }

    // The document root is written "/" so that every message starts with a readable location.
    QString toString() const;

private:
    struct Segment {
        QString key;
        qsizetype index;
    };
    QVarLengthArray<Segment, 16> m_segments;
};

} // namespace ascsync::testsupport
