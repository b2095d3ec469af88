#include "wizard/schedulechoice.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

ScheduleChoice ScheduleChoice::parse(const QString &text)
{
    static const QRegularExpression daily(u"^daily ([0-9]{1,2}):([0-9]{2})$"_s);
    ScheduleChoice choice;
    const QString normalised = text.simplified().toLower();
    if (normalised == u"manual"_s) {
        choice.kind = Kind::Manual;
        return choice;
    }
    if (normalised == u"hourly"_s) {
        choice.kind = Kind::Hourly;
        return choice;
    }
    if (normalised == u"every 6h"_s) {
        choice.kind = Kind::Every6Hours;
        return choice;
    }
    if (const auto match = daily.match(normalised); match.hasMatch()) {
        const QTime at(match.captured(1).toInt(), match.captured(2).toInt());
        if (at.isValid()) {
            choice.kind = Kind::Daily;
            choice.dailyAt = at;
            return choice;
        }
    }
    choice.kind = Kind::Custom;
    choice.customText = text;
    return choice;
}

QString ScheduleChoice::toString() const
{
    switch (kind) {
    case Kind::Manual:
        return u"manual"_s;
    case Kind::Hourly:
        return u"hourly"_s;
    case Kind::Every6Hours:
        return u"every 6h"_s;
    case Kind::Daily:
        return u"daily "_s + dailyAt.toString(u"HH:mm"_s);
    case Kind::Custom:
        return customText;
    }
    return {};
}

QString ScheduleChoice::describe() const
{
    switch (kind) {
    case Kind::Manual:
        return u"only when you click Sync now"_s;
    case Kind::Hourly:
        return u"every hour"_s;
    case Kind::Every6Hours:
        return u"every 6 hours"_s;
    case Kind::Daily:
        return u"every day at "_s + dailyAt.toString(u"HH:mm"_s);
    case Kind::Custom:
        return u"\"%1\""_s.arg(customText);
    }
    return {};
}

} // namespace ascsync::ui
