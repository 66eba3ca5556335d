#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>

// The Date header (RFC 5322 section 3.3 and the obsolete forms of section 4.3): optional day
// name, two- and three-digit years, missing seconds, named and military zones, comments, and
// the asctime() layout some old software writes. Returns an invalid QDateTime when no date
// can be read.
class DateParser
{
public:
    static QDateTime parse(QByteArrayView headerValue);
    // "Tue, 24 Nov 2026 22:37:07 +0100" in the date's own offset from UTC.
    static QByteArray format(const QDateTime &dateTime);
};
