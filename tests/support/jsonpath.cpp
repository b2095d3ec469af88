#include "jsonpath.h"

using namespace Qt::StringLiterals;

namespace ascsync::testsupport {

QString JsonPath::toString() const
{
    if (m_segments.isEmpty())
        return u"/"_s;
    QString text;
    for (const Segment &segment : m_segments) {
        text += u'/';
        if (segment.index >= 0) {
            text += QString::number(segment.index);
        } else {
            // RFC 6901 escaping, so a member named "a/b" cannot be mistaken for two levels.
            QString key = segment.key;
            key.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
            text += key;
        }
    }
    return text;
}

} // namespace ascsync::testsupport
