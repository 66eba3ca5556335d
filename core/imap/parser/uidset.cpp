#include "uidset.h"

#include <algorithm>
#include <utility>

namespace {

// One number or "*"; false on anything else, on zero and on overflow of 32 bits.
bool parseNumber(QByteArrayView text, quint32 *out)
{
    if (text == "*") {
        *out = UidSet::Star;
        return true;
    }
    if (text.isEmpty() || text.size() > 10)
        return false;
    quint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + quint64(c - '0');
    }
    if (value == 0 || value > 0xFFFFFFFFull)
        return false;
    *out = quint32(value);
    return true;
}

bool parseRange(QByteArrayView item, quint32 *first, quint32 *last)
{
    const qsizetype colon = item.indexOf(':');
    if (colon < 0) {
        if (!parseNumber(item, first))
            return false;
        *last = *first;
        return true;
    }
    if (!parseNumber(item.first(colon), first) || !parseNumber(item.sliced(colon + 1), last))
        return false;
    if (*first > *last)
        std::swap(*first, *last);
    return true;
}

template<typename Callback>
bool forEachItem(QByteArrayView text, Callback callback)
{
    if (text.isEmpty())
        return false;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype comma = text.indexOf(',', start);
        if (comma < 0)
            comma = text.size();
        quint32 first = 0;
        quint32 last = 0;
        if (!parseRange(text.sliced(start, comma - start), &first, &last))
            return false;
        if (!callback(first, last))
            return true;
        start = comma + 1;
    }
    return true;
}

} // namespace

UidSet UidSet::fromList(const QList<quint32> &uids)
{
    QList<quint32> sorted = uids;
    std::sort(sorted.begin(), sorted.end());
    UidSet set;
    for (quint32 uid : std::as_const(sorted)) {
        if (uid == 0)
            continue;
        if (!set.m_ranges.isEmpty() && set.m_ranges.last().second != Star
            && uid <= set.m_ranges.last().second + 1) {
            set.m_ranges.last().second = std::max(set.m_ranges.last().second, uid);
        } else {
            set.m_ranges.append({uid, uid});
        }
    }
    return set;
}

UidSet UidSet::fromRange(quint32 first, quint32 last)
{
    UidSet set;
    set.addRange(first, last);
    return set;
}

std::optional<UidSet> UidSet::parse(QByteArrayView text)
{
    UidSet set;
    const bool ok = forEachItem(text, [&set](quint32 first, quint32 last) {
        set.addRange(first, last);
        return true;
    });
    if (!ok)
        return std::nullopt;
    return set;
}

std::optional<QList<UidSet::Range>> UidSet::parseWritten(QByteArrayView text)
{
    QList<Range> ranges;
    const bool ok = forEachItem(text, [&ranges](quint32 first, quint32 last) {
        ranges.append({first, last});
        return true;
    });
    if (!ok)
        return std::nullopt;
    return ranges;
}

void UidSet::addRange(quint32 first, quint32 last)
{
    if (first == 0)
        first = 1;
    if (last == 0)
        return;
    if (first > last)
        std::swap(first, last);
    // Find the first range that could touch [first, last] and merge everything it overlaps.
    auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), first,
                               [](const Range &r, quint32 value) {
                                   return r.second != Star && r.second + 1 < value;
                               });
    qsizetype index = it - m_ranges.begin();
    Range merged {first, last};
    qsizetype end = index;
    while (end < m_ranges.size()
           && (merged.second == Star || m_ranges.at(end).first <= merged.second + 1)) {
        merged.first = std::min(merged.first, m_ranges.at(end).first);
        merged.second = std::max(merged.second, m_ranges.at(end).second);
        ++end;
    }
    m_ranges.remove(index, end - index);
    m_ranges.insert(index, merged);
}

void UidSet::add(const UidSet &other)
{
    for (const Range &r : other.m_ranges)
        addRange(r.first, r.second);
}

bool UidSet::contains(quint32 uid) const
{
    auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), uid,
                               [](const Range &r, quint32 value) { return r.second < value; });
    return it != m_ranges.end() && it->first <= uid;
}

quint64 UidSet::count() const
{
    quint64 total = 0;
    for (const Range &r : m_ranges)
        total += quint64(r.second) - r.first + 1;
    return total;
}

QList<quint32> UidSet::toList(qsizetype maxCount) const
{
    QList<quint32> out;
    for (const Range &r : m_ranges) {
        for (quint64 uid = r.first; uid <= r.second; ++uid) {
            if (out.size() >= maxCount)
                return out;
            out.append(quint32(uid));
        }
    }
    return out;
}

QList<UidSet> UidSet::split(quint64 batchSize) const
{
    QList<UidSet> out;
    if (batchSize == 0)
        return out;
    UidSet current;
    quint64 inCurrent = 0;
    for (const Range &r : m_ranges) {
        quint64 start = r.first;
        while (start <= r.second) {
            const quint64 room = batchSize - inCurrent;
            const quint64 end = std::min<quint64>(r.second, start + room - 1);
            current.m_ranges.append({quint32(start), quint32(end)});
            inCurrent += end - start + 1;
            if (inCurrent == batchSize) {
                out.append(current);
                current = UidSet();
                inCurrent = 0;
            }
            start = end + 1;
        }
    }
    if (!current.isEmpty())
        out.append(current);
    return out;
}

QList<UidSet> UidSet::splitByLength(qsizetype maxBytes) const
{
    QList<UidSet> out;
    UidSet current;
    qsizetype length = 0;
    const auto digits = [](quint32 n) {
        if (n == Star)
            return qsizetype(1); // "*"
        qsizetype count = 1;
        for (; n >= 10; n /= 10)
            ++count;
        return count;
    };
    for (const Range &r : m_ranges) {
        const qsizetype text = r.second == r.first ? digits(r.first)
                                                   : digits(r.first) + 1 + digits(r.second);
        const qsizetype added = current.isEmpty() ? text : text + 1; // the comma
        if (!current.isEmpty() && length + added > maxBytes) {
            out.append(std::exchange(current, UidSet()));
            length = 0;
        }
        length += current.isEmpty() ? text : text + 1;
        current.m_ranges.append(r);
    }
    if (!current.isEmpty())
        out.append(current);
    return out;
}

QByteArray UidSet::toString() const
{
    QByteArray out;
    auto number = [](quint32 n) {
        return n == Star ? QByteArray("*") : QByteArray::number(n);
    };
    for (const Range &r : m_ranges) {
        if (!out.isEmpty())
            out += ',';
        out += number(r.first);
        if (r.second != r.first)
            out += ':' + number(r.second);
    }
    return out;
}
