#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>
#include <utility>

// A set of message numbers or UIDs (RFC 3501 sequence-set), kept sorted with adjacent ranges
// merged. The value 0xFFFFFFFF stands for "*" (the largest number in use). toString() gives the
// compact wire form ("1:3,7,10:*"); parse() reads it back, in any order and with reversed ranges.
class UidSet
{
public:
    static constexpr quint32 Star = 0xFFFFFFFFu;
    using Range = std::pair<quint32, quint32>; // inclusive, first <= second

    UidSet() = default;
    static UidSet fromList(const QList<quint32> &uids);
    static UidSet fromRange(quint32 first, quint32 last);
    // Reads a sequence-set. Empty input, zero, junk or an overflowing number give nullopt.
    static std::optional<UidSet> parse(QByteArrayView text);
    // Reads a sequence-set as it was written: its ranges in their order, neither sorted nor
    // merged (for COPYUID, where the n-th source UID maps to the n-th destination UID).
    static std::optional<QList<Range>> parseWritten(QByteArrayView text);

    void add(quint32 uid) { addRange(uid, uid); }
    void addRange(quint32 first, quint32 last);
    void add(const UidSet &other);

    bool isEmpty() const { return m_ranges.isEmpty(); }
    bool contains(quint32 uid) const;
    // Number of members (a range ending at Star counts up to Star).
    quint64 count() const;
    quint32 first() const { return m_ranges.isEmpty() ? 0 : m_ranges.first().first; }
    quint32 last() const { return m_ranges.isEmpty() ? 0 : m_ranges.last().second; }
    const QList<Range> &ranges() const { return m_ranges; }
    // Every member; a set reaching Star is cut at maxCount entries.
    QList<quint32> toList(qsizetype maxCount = 1 << 20) const;
    // The set split into pieces of at most batchSize members each, in ascending order.
    QList<UidSet> split(quint64 batchSize) const;
    // The set split into pieces whose toString() is at most maxBytes long, in ascending order,
    // ranges kept whole: for commands on many UIDs, whose lines must stay short.
    QList<UidSet> splitByLength(qsizetype maxBytes) const;
    QByteArray toString() const;

    friend bool operator==(const UidSet &a, const UidSet &b) { return a.m_ranges == b.m_ranges; }

private:
    QList<Range> m_ranges;
};
