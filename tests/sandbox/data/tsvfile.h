#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

// A report file as a client sees it: gunzipped with zlib (independently of the simulator's writer) and split
// into tab-separated lines.
struct TsvFile {
    bool ok = false;            // inflated completely and the gzip trailer checked out
    QByteArray text;            // the inflated bytes
    QStringList header;         // first line
    QList<QStringList> rows;    // every further non-empty line, until the first empty one or "Total_" line
    QList<QStringList> trailer; // the lines from there on, blank lines left out (finance files)

    int column(const QString &name) const { return int(header.indexOf(name)); }
    QStringList values(const QString &name) const;

    static QByteArray gunzip(const QByteArray &gzip, bool *ok);
    static TsvFile parse(const QByteArray &gzip);
};
