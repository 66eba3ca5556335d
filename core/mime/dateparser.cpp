#include "dateparser.h"

#include "headercursor.h"

namespace {

constexpr const char *monthNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr const char *dayNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr const char *monthTitles[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Zone
{
    const char *name;
    int minutes;
};

// obs-zone (RFC 5322 section 4.3) and a few names common in the wild.
constexpr Zone zones[] = {
        {"ut", 0},        {"utc", 0},       {"gmt", 0},       {"z", 0},         {"est", -5 * 60},
        {"edt", -4 * 60}, {"cst", -6 * 60}, {"cdt", -5 * 60}, {"mst", -7 * 60}, {"mdt", -6 * 60},
        {"pst", -8 * 60}, {"pdt", -7 * 60}, {"cet", 60},      {"cest", 120},    {"bst", 60},
        {"met", 60},      {"mest", 120},    {"eet", 120},     {"eest", 180},    {"jst", 9 * 60},
};

int monthFromName(QByteArrayView word)
{
    if (word.size() < 3)
        return 0;
    const QByteArray prefix = word.first(3).toByteArray().toLower();
    for (int m = 0; m < 12; ++m) {
        if (prefix == monthNames[m])
            return m + 1;
    }
    return 0;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

void skipSeparators(HeaderCursor &cur)
{
    for (;;) {
        cur.skipCfws();
        if (cur.peek() == ',' || cur.peek() == '-')
            cur.advance();
        else
            return;
    }
}

// Reads 1*DIGIT; returns -1 when there is no digit. digits receives the count.
int readNumber(HeaderCursor &cur, int *digits = nullptr)
{
    int value = 0;
    int n = 0;
    while (isDigit(cur.peek()) && n < 9) {
        value = value * 10 + (cur.peek() - '0');
        cur.advance();
        ++n;
    }
    if (digits)
        *digits = n;
    return n == 0 ? -1 : value;
}

QByteArray readWord(HeaderCursor &cur)
{
    QByteArray word;
    while ((cur.peek() >= 'a' && cur.peek() <= 'z') || (cur.peek() >= 'A' && cur.peek() <= 'Z')) {
        word.append(cur.peek());
        cur.advance();
    }
    return word;
}

int fixYear(int year, int digits)
{
    // obs-year: two digits are 1950-2049, three digits are added to 1900.
    if (digits <= 2)
        return year < 50 ? 2000 + year : 1900 + year;
    if (digits == 3)
        return 1900 + year;
    return year;
}

// time-of-day = hour ":" minute [ ":" second ]
bool readTime(HeaderCursor &cur, QTime *time)
{
    cur.skipCfws();
    const int h = readNumber(cur);
    cur.skipCfws();
    if (h < 0 || !cur.consume(':'))
        return false;
    cur.skipCfws();
    const int m = readNumber(cur);
    int s = 0;
    const qsizetype save = cur.position();
    cur.skipCfws();
    if (cur.consume(':')) {
        cur.skipCfws();
        s = readNumber(cur);
        if (s < 0)
            s = 0;
        if (s == 60)
            s = 59; // leap second
    } else {
        cur.setPosition(save);
    }
    if (m < 0)
        return false;
    *time = QTime(h, m, s);
    return time->isValid();
}

// zone = (FWS ( "+" / "-" ) 4DIGIT) / obs-zone
int readZone(HeaderCursor &cur)
{
    cur.skipCfws();
    const char c = cur.peek();
    if (c == '+' || c == '-') {
        cur.advance();
        int digits = 0;
        const int value = readNumber(cur, &digits);
        if (value < 0)
            return 0;
        int hours = value;
        int minutes = 0;
        if (digits >= 3) {
            hours = value / 100;
            minutes = value % 100;
        }
        if (hours > 23 || minutes > 59)
            return 0;
        const int offset = hours * 60 + minutes;
        return c == '-' ? -offset : offset;
    }
    const QByteArray word = readWord(cur).toLower();
    for (const Zone &z : zones) {
        if (word == z.name) {
            // "GMT+0200" style: a numeric offset may follow the name.
            if (cur.peek() == '+' || cur.peek() == '-')
                return readZone(cur);
            return z.minutes;
        }
    }
    // Military zones and unknown names: RFC 5322 says to read them as -0000 (unknown).
    return 0;
}

QDateTime build(int year, int month, int day, QTime time, int zoneMinutes)
{
    const QDate date(year, month, day);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::OffsetFromUTC, zoneMinutes * 60);
}

// The layout nearly every message uses, "Sun, 01 Jan 2023 01:00:00 +0100" (the day name
// optional, the day of one or two digits), read in place; a synchronisation reads one per
// message. False for anything else (comments, obsolete forms, other spacing): the general
// parser below reads those, and gives this layout the same result.
bool parseCommon(QByteArrayView v, QDateTime *result)
{
    qsizetype pos = 0;
    const auto digits = [&v, &pos](int count, int *value) {
        int n = 0;
        for (int i = 0; i < count; ++i, ++pos) {
            if (pos >= v.size() || !isDigit(v.at(pos)))
                return false;
            n = n * 10 + (v.at(pos) - '0');
        }
        *value = n;
        return true;
    };
    const auto literal = [&v, &pos](char c) {
        if (pos >= v.size() || v.at(pos) != c)
            return false;
        ++pos;
        return true;
    };
    if (v.size() >= 5 && v.at(3) == ',' && v.at(4) == ' ') {
        bool dayName = false;
        for (const char *name : dayNames)
            dayName = dayName || v.first(3) == QByteArrayView(name, 3);
        if (!dayName)
            return false;
        pos = 5;
    }
    int day = 0;
    const bool twoDigitDay = pos + 1 < v.size() && isDigit(v.at(pos + 1));
    if (!digits(twoDigitDay ? 2 : 1, &day) || !literal(' ') || pos + 4 > v.size())
        return false;
    char name[3];
    for (int i = 0; i < 3; ++i) {
        const char c = v.at(pos + i);
        name[i] = c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
    }
    int month = 0;
    for (int m = 0; m < 12 && month == 0; ++m) {
        if (QByteArrayView(name, 3) == QByteArrayView(monthNames[m], 3))
            month = m + 1;
    }
    pos += 3;
    int year = 0, hour = 0, minute = 0, second = 0, zone = 0;
    if (month == 0 || !literal(' ') || !digits(4, &year) || !literal(' ') || !digits(2, &hour)
        || !literal(':') || !digits(2, &minute) || !literal(':') || !digits(2, &second)
        || !literal(' ') || pos >= v.size()) {
        return false;
    }
    const char sign = v.at(pos++);
    if ((sign != '+' && sign != '-') || !digits(4, &zone) || pos != v.size())
        return false;
    int offset = zone / 100 * 60 + zone % 100;
    if (zone / 100 > 23 || zone % 100 > 59)
        offset = 0; // as readZone() does
    if (second == 60)
        second = 59; // leap second, as readTime() does
    *result = build(year, month, day, QTime(hour, minute, second), sign == '-' ? -offset : offset);
    return true;
}

} // namespace

// date-time = [ day-of-week "," ] date time [CFWS]
// date = day month year; time = time-of-day zone
// asctime layout: day-of-week month day time year
QDateTime DateParser::parse(QByteArrayView headerValue)
{
    QDateTime common;
    if (parseCommon(headerValue, &common))
        return common;
    HeaderCursor cur(headerValue);
    skipSeparators(cur);
    QByteArray word = readWord(cur);
    if (!word.isEmpty() && monthFromName(word) == 0) {
        skipSeparators(cur); // the day name
        word = readWord(cur);
    }
    if (!word.isEmpty()) {
        // asctime: "Nov 24 22:37:07 2026" (or with the zone before the year)
        const int month = monthFromName(word);
        skipSeparators(cur);
        const int day = readNumber(cur);
        QTime time;
        if (month == 0 || day < 0 || !readTime(cur, &time))
            return {};
        int zone = 0;
        cur.skipCfws();
        if (!isDigit(cur.peek()))
            zone = readZone(cur);
        cur.skipCfws();
        int digits = 0;
        const int year = readNumber(cur, &digits);
        if (year < 0)
            return {};
        return build(fixYear(year, digits), month, day, time, zone);
    }
    const int day = readNumber(cur);
    skipSeparators(cur);
    const int month = monthFromName(readWord(cur));
    skipSeparators(cur);
    int digits = 0;
    const int year = readNumber(cur, &digits);
    if (day < 0 || month == 0 || year < 0)
        return {};
    QTime time(0, 0);
    cur.skipCfws();
    if (isDigit(cur.peek()) && !readTime(cur, &time))
        return {}; // a time is there but cannot be read

    const int zone = readZone(cur);
    return build(fixYear(year, digits), month, day, time, zone);
}

QByteArray DateParser::format(const QDateTime &dateTime)
{
    const QDate d = dateTime.date();
    const QTime t = dateTime.time();
    const int offset = dateTime.offsetFromUtc() / 60;
    const int absOffset = offset < 0 ? -offset : offset;
    QByteArray out;
    out += dayNames[d.dayOfWeek() - 1];
    out += ", ";
    out += QByteArray::number(d.day());
    out += ' ';
    out += monthTitles[d.month() - 1];
    out += ' ';
    out += QByteArray::number(d.year()).rightJustified(4, '0');
    out += ' ';
    out += QByteArray::number(t.hour()).rightJustified(2, '0') + ':'
           + QByteArray::number(t.minute()).rightJustified(2, '0') + ':'
           + QByteArray::number(t.second()).rightJustified(2, '0');
    out += ' ';
    out += offset < 0 ? '-' : '+';
    out += QByteArray::number(absOffset / 60).rightJustified(2, '0');
    out += QByteArray::number(absOffset % 60).rightJustified(2, '0');
    return out;
}
