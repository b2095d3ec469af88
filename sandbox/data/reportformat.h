#pragma once

#include <QDate>
#include <QString>

namespace ascsync::sandbox {

// How Apple writes dates and amounts in sales and financial files.
class ReportFormat {
public:
    static QString usDate(QDate date);  // MM/DD/YYYY ("Begin Date", "Start Date" ...)
    static QString money(double value); // two decimals, no grouping
    static QString cents(qint64 cents); // an amount in cents, as money() writes it
};

} // namespace ascsync::sandbox
