#include "salesstreams.h"

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

QList<SalesStream> buildStreams()
{
    using F = SalesFrequency;
    QList<SalesStream> streams;
    const auto add = [&streams](const QString &type, const QStringList &subTypes,
                                std::initializer_list<F> frequencies, const QStringList &versions) {
        for (const QString &subType : subTypes) {
            for (const F frequency : frequencies) {
                streams.append(SalesStream{type, subType, frequency, versions});
            }
        }
    };
    const QStringList v10{u"1_0"_s};
    const QStringList v13{u"1_3"_s};
    add(u"SALES"_s, {u"SUMMARY"_s}, {F::Daily, F::Weekly, F::Monthly, F::Yearly}, v10);
    add(u"PRE_ORDER"_s, {u"SUMMARY"_s}, {F::Daily, F::Weekly, F::Monthly, F::Yearly}, v10);
    add(u"NEWSSTAND"_s, {u"DETAILED"_s}, {F::Daily, F::Weekly}, v10);
    add(u"SUBSCRIPTION"_s, {u"SUMMARY"_s}, {F::Daily}, v13);
    add(u"SUBSCRIPTION_EVENT"_s, {u"SUMMARY"_s}, {F::Daily}, v13);
    add(u"SUBSCRIBER"_s, {u"DETAILED"_s}, {F::Daily}, v13);
    add(u"SUBSCRIPTION_OFFER_CODE_REDEMPTION"_s, {u"SUMMARY"_s}, {F::Daily}, v10);
    add(u"INSTALLS"_s, {u"SUMMARY"_s, u"DETAILED"_s}, {F::Monthly}, {u"1_2"_s});
    add(u"INSTALLS"_s,
        {u"SUMMARY_CHANNEL"_s, u"SUMMARY_INSTALL_TYPE"_s, u"SUMMARY_TERRITORY"_s, u"DETAILED"_s}, {F::Yearly},
        {u"1_0"_s, u"1_1"_s});
    add(u"FIRST_ANNUAL"_s, {u"DETAILED"_s}, {F::Daily}, v10);
    add(u"FIRST_ANNUAL"_s, {u"SUMMARY"_s}, {F::Yearly}, v10);
    add(u"WIN_BACK_ELIGIBILITY"_s, {u"SUMMARY"_s}, {F::Daily}, v10);
    return streams;
}

} // namespace

QString frequencyName(SalesFrequency frequency)
{
    switch (frequency) {
    case SalesFrequency::Daily:
        return u"DAILY"_s;
    case SalesFrequency::Weekly:
        return u"WEEKLY"_s;
    case SalesFrequency::Monthly:
        return u"MONTHLY"_s;
    case SalesFrequency::Yearly:
        return u"YEARLY"_s;
    }
    return QString();
}

std::optional<SalesFrequency> parseFrequency(QStringView name)
{
    for (const auto frequency :
         {SalesFrequency::Daily, SalesFrequency::Weekly, SalesFrequency::Monthly, SalesFrequency::Yearly}) {
        if (name.compare(frequencyName(frequency), Qt::CaseInsensitive) == 0) {
            return frequency;
        }
    }
    return std::nullopt;
}

const QList<SalesStream> &salesStreams()
{
    static const QList<SalesStream> streams = buildStreams();
    return streams;
}

std::optional<SalesStream> findSalesStream(QStringView reportType, QStringView reportSubType,
                                           SalesFrequency frequency)
{
    for (const SalesStream &stream : salesStreams()) {
        if (stream.frequency == frequency &&
            reportType.compare(stream.reportType, Qt::CaseInsensitive) == 0 &&
            reportSubType.compare(stream.reportSubType, Qt::CaseInsensitive) == 0) {
            return stream;
        }
    }
    return std::nullopt;
}

} // namespace ascsync::reports
