#include "resourceid.h"

#include "core/common/plaintext.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace ascsync::api {

namespace {

bool isAsciiAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

} // namespace

bool isValidResourceId(QStringView id)
{
    if (id.isEmpty() || id.size() > kMaxResourceIdLength || !isAsciiAlnum(id.front())) {
        return false;
    }
    return std::all_of(id.begin(), id.end(),
                       [](QChar c) { return isAsciiAlnum(c) || c == u'-' || c == u'_' || c == u'.'; });
}

Result<QString> checkResourceId(const QString &id, const QString &what)
{
    if (isValidResourceId(id)) {
        return id;
    }
    const QString shown =
        escapeControlCharacters(QStringView(id).left(80)) + (id.size() > 80 ? u"…"_s : QString());
    return makeError(
        u"api.badId"_s,
        u"App Store Connect sent %1 with the id \"%2\", which is not a plain identifier (letters, "
        u"digits, '-', '_', '.'). ascsync refuses to use it in a URL, a script or a file name. "
        u"If this is really App Store Connect, report it; otherwise check --api-base-url."_s.arg(what,
                                                                                                 shown));
}

QString pathSegment(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id, {}, "."));
}

} // namespace ascsync::api
