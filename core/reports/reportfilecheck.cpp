#include "reportfilecheck.h"

#include "tsvreader.h"
#include "valueconverter.h"

#include <QFile>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

// Amounts are summed exactly as integers of millionths: a double would drift over thousands of rows, and
// Apple's amounts have at most a few decimals.
constexpr int kScaleDigits = 6;
constexpr qint64 kScale = 1'000'000;

struct Amount {
    qint64 micros = 0;
    int decimals = 0; // as written
};

// "-12.34" -> -12340000 micros; nullopt for anything that is not a plain decimal with at most 6 decimals or
// would overflow.
std::optional<Amount> parseAmount(QStringView text)
{
    text = text.trimmed();
    const bool negative = text.startsWith(u'-');
    if (negative || text.startsWith(u'+')) {
        text = text.sliced(1);
    }
    const qsizetype dot = text.indexOf(u'.');
    const QStringView whole = dot < 0 ? text : text.left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : text.sliced(dot + 1);
    if ((whole.isEmpty() && fraction.isEmpty()) || whole.size() > 12 || fraction.size() > kScaleDigits) {
        return std::nullopt;
    }
    qint64 micros = 0;
    for (const QChar c : whole) {
        if (!c.isDigit()) {
            return std::nullopt;
        }
        micros = micros * 10 + c.digitValue();
    }
    micros *= kScale;
    qint64 unit = kScale;
    for (const QChar c : fraction) {
        if (!c.isDigit()) {
            return std::nullopt;
        }
        unit /= 10;
        micros += c.digitValue() * unit;
    }
    return Amount{negative ? -micros : micros, int(fraction.size())};
}

QString formatMicros(qint64 micros, int decimals)
{
    const bool negative = micros < 0;
    const qint64 magnitude = negative ? -micros : micros;
    QString text = QString::number(magnitude / kScale);
    if (decimals > 0) {
        text += u'.' + QString::number(magnitude % kScale).rightJustified(kScaleDigits, u'0').left(decimals);
    }
    return (negative ? u"-"_s : QString()) + text;
}

struct FileFigures {
    qint64 rows = 0;
    qint64 amountMicros = 0;
    qint64 unitsSold = 0;
    QDate firstBegin;
    QDate lastEnd;
};

// The caller names the report (its label); the download's own file name is a temporary one.
Error fileError(const QString &what)
{
    return makeError(u"reports.fileCheck"_s, what);
}

Result<FileFigures> readFigures(const QString &path, const ReportFileExpectation &expected,
                                QStringList &trailer)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(u"load.unreadable"_s,
                         u"Cannot read the downloaded file %1: %2."_s.arg(path, file.errorString()));
    }
    auto opened = TsvReader::open(&file, {expected.layout});
    if (!opened) {
        return fileError(opened.errorMessage());
    }
    TsvReader reader = std::move(opened).value();
    qsizetype begin = reader.columnIndex(u"Begin Date");
    if (begin < 0) {
        begin = reader.columnIndex(u"Start Date");
    }
    const qsizetype end = reader.columnIndex(u"End Date");
    const qsizetype amount = reader.columnIndex(u"Extended Partner Share");
    const qsizetype quantity = reader.columnIndex(u"Quantity");
    FileFigures figures;
    QStringList row;
    const auto date = [&row](qsizetype column) {
        const auto converted = convert(ColumnType::Date, row.value(column));
        return converted && !converted->isNull() ? QDate::fromString(*converted, Qt::ISODate) : QDate();
    };
    while (reader.next(row)) {
        ++figures.rows;
        if (begin >= 0 && end >= 0) {
            const QDate first = date(begin);
            const QDate last = date(end);
            if (first.isValid() && (!figures.firstBegin.isValid() || first < figures.firstBegin)) {
                figures.firstBegin = first;
            }
            if (last.isValid() && (!figures.lastEnd.isValid() || last > figures.lastEnd)) {
                figures.lastEnd = last;
            }
        }
        if (!expected.verifyTrailer) {
            continue;
        }
        if (amount >= 0 && !row[amount].trimmed().isEmpty()) { // a missing amount adds nothing
            const auto value = parseAmount(row[amount]);
            if (!value) {
                return fileError(u"line %1: Extended Partner Share '%2' is not an amount, so the file "
                                 u"cannot be checked against its trailer"_s.arg(reader.lineNumber())
                                     .arg(row[amount].left(40)));
            }
            figures.amountMicros += value->micros;
        }
        if (quantity >= 0) {
            const qint64 units = row[quantity].trimmed().toLongLong();
            figures.unitsSold += units > 0 ? units : 0;
        }
    }
    if (!reader.status()) {
        return fileError(reader.status().errorMessage());
    }
    trailer = reader.skippedLines().trailer;
    return figures;
}

// The value of the trailer row labelled `label` ("Total_Rows\t12"); null when absent.
QString trailerValue(const QStringList &trailer, QStringView label)
{
    for (const QString &line : trailer) {
        const QStringList fields = line.split(u'\t');
        if (fields.value(0).trimmed() == label) {
            return fields.value(1).trimmed();
        }
    }
    return {};
}

Status verifyTrailer(const FileFigures &figures, const QStringList &trailer)
{
    const QString rows = trailerValue(trailer, u"Total_Rows");
    const QString amount = trailerValue(trailer, u"Total_Amount");
    const QString units = trailerValue(trailer, u"Total_Units");
    if (rows.isNull() || amount.isNull() || units.isNull()) {
        return fileError(u"the file has no complete Total_Rows / Total_Amount / Total_Units trailer, so "
                         u"it was cut short or edited; nothing of it was loaded. It is downloaded again "
                         u"on the next sync."_s);
    }
    const auto mismatch = [](const QString &label, const QString &trailerText, const QString &dataText) {
        return fileError(u"its trailer says %1 %2 but its data add up to %3, so the file was cut short "
                         u"or edited; nothing of it was loaded. It is downloaded again on the next "
                         u"sync."_s.arg(label, trailerText, dataText));
    };
    bool rowsOk = false;
    if (rows.toLongLong(&rowsOk) != figures.rows || !rowsOk) {
        return mismatch(u"Total_Rows"_s, rows, QString::number(figures.rows));
    }
    const auto total = parseAmount(amount);
    // Compared at the trailer's precision: the sum of the rows rounded to its decimals must be its value.
    qint64 unit = kScale;
    for (int i = 0; total && i < total->decimals; ++i) {
        unit /= 10;
    }
    const qint64 difference = total ? figures.amountMicros - total->micros : 0;
    if (!total || 2 * (difference < 0 ? -difference : difference) >= unit) {
        return mismatch(u"Total_Amount"_s, amount,
                        formatMicros(figures.amountMicros, total ? std::max(total->decimals, 2) : 2));
    }
    bool unitsOk = false;
    if (units.toLongLong(&unitsOk) != figures.unitsSold || !unitsOk) {
        return mismatch(u"Total_Units"_s, units, QString::number(figures.unitsSold));
    }
    return {};
}

} // namespace

Result<QStringList> checkReportFile(const QString &path, const ReportFileExpectation &expected)
{
    QStringList trailer;
    const auto figures = readFigures(path, expected, trailer);
    if (!figures) {
        return figures.error();
    }
    if (expected.verifyTrailer) {
        if (const Status verified = verifyTrailer(*figures, trailer); !verified) {
            return verified.error();
        }
    }
    QStringList warnings;
    const DateRange &period = expected.period;
    const bool hasDates = figures->firstBegin.isValid() && figures->lastEnd.isValid();
    if (period.first.isValid() && period.last.isValid() && hasDates &&
        (figures->firstBegin > period.first || figures->lastEnd < period.last)) {
        warnings << u"the file's own dates are %1 to %2, which do not cover the requested %3 to %4; its rows "
                    u"were loaded as the requested period. Compare the file in App Store Connect before "
                    u"relying on this period."_s.arg(
                        figures->firstBegin.toString(Qt::ISODate), figures->lastEnd.toString(Qt::ISODate),
                        period.first.toString(Qt::ISODate), period.last.toString(Qt::ISODate));
    }
    return warnings;
}

} // namespace ascsync::reports
