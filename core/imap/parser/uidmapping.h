#pragma once

#include "uidset.h"

#include <QByteArrayView>
#include <QList>

#include <optional>
#include <utility>

// What COPYUID reports (RFC 4315): the n-th source UID, in the order the server wrote the source
// set, became the n-th UID of the destination set. Kept as the runs of consecutive UIDs the two
// sets pair up, so that "1:1000000" costs a few numbers rather than a million pairs, whatever
// a server writes.
class UidMapping
{
public:
    using Pair = std::pair<quint32, quint32>; // source UID, destination UID

    // Both sets as written; nullopt when either is not a sequence-set or they differ in size.
    static std::optional<UidMapping> parse(QByteArrayView source, QByteArrayView destination);

    bool isEmpty() const { return m_runs.isEmpty(); }
    quint64 size() const; // pairs
    // The pairs whose source UID is in wanted, in the order written, at most maxCount.
    QList<Pair> pairsFor(const UidSet &wanted, qsizetype maxCount) const;

    friend bool operator==(const UidMapping &a, const UidMapping &b)
    {
        return a.m_runs == b.m_runs;
    }

private:
    struct Run
    {
        quint32 source = 0;
        quint32 destination = 0;
        quint64 length = 0;
        friend bool operator==(const Run &a, const Run &b)
        {
            return a.source == b.source && a.destination == b.destination && a.length == b.length;
        }
    };
    QList<Run> m_runs;
};
