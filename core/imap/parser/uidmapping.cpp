#include "uidmapping.h"

#include <algorithm>

std::optional<UidMapping> UidMapping::parse(QByteArrayView source, QByteArrayView destination)
{
    const auto from = UidSet::parseWritten(source);
    const auto to = UidSet::parseWritten(destination);
    if (!from || !to)
        return std::nullopt;
    // Walks both lists of ranges together: each run ends where a range of either ends.
    UidMapping mapping;
    qsizetype i = 0;
    qsizetype j = 0;
    quint64 usedFrom = 0; // of range i
    quint64 usedTo = 0; // of range j
    while (i < from->size() && j < to->size()) {
        const UidSet::Range &a = from->at(i);
        const UidSet::Range &b = to->at(j);
        const quint64 leftFrom = quint64(a.second) - a.first + 1 - usedFrom;
        const quint64 leftTo = quint64(b.second) - b.first + 1 - usedTo;
        const quint64 length = std::min(leftFrom, leftTo);
        mapping.m_runs.append({quint32(a.first + usedFrom), quint32(b.first + usedTo), length});
        if (length == leftFrom) {
            ++i;
            usedFrom = 0;
        } else {
            usedFrom += length;
        }
        if (length == leftTo) {
            ++j;
            usedTo = 0;
        } else {
            usedTo += length;
        }
    }
    if (i != from->size() || j != to->size())
        return std::nullopt;
    return mapping;
}

quint64 UidMapping::size() const
{
    quint64 pairs = 0;
    for (const Run &run : m_runs)
        pairs += run.length;
    return pairs;
}

QList<UidMapping::Pair> UidMapping::pairsFor(const UidSet &wanted, qsizetype maxCount) const
{
    QList<Pair> pairs;
    const QList<UidSet::Range> &ranges = wanted.ranges();
    for (const Run &run : m_runs) {
        const quint64 runLast = run.source + run.length - 1;
        // The first wanted range that does not end before the run.
        auto it = std::lower_bound(ranges.cbegin(), ranges.cend(), run.source,
                                   [](const UidSet::Range &r, quint32 uid) {
                                       return r.second < uid;
                                   });
        for (; it != ranges.cend() && it->first <= runLast; ++it) {
            const quint64 first = std::max<quint64>(it->first, run.source);
            const quint64 last = std::min<quint64>(it->second, runLast);
            for (quint64 uid = first; uid <= last; ++uid) {
                if (pairs.size() >= maxCount)
                    return pairs;
                pairs.append({quint32(uid), quint32(run.destination + (uid - run.source))});
            }
        }
    }
    return pairs;
}
