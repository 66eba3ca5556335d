// MessageListModel: following the store's changes with row insertions, removals and updates.
//
// While several separate ranges are announced one after the other, the store already holds the
// final state; storeRow() maps the rows of each intermediate state to rows of the store, so
// that a view or proxy reading between two signals sees coherent data.

#include "messagelistmodel.h"

#include "store/messagestore.h"

#include <QSet>

#include <algorithm>

namespace {

// Above this many UIDs in one change the model resets instead of computing rows one by one.
constexpr int fineGrainedLimit = 64;
// Up to this many changed messages, each keeps its own dataChanged() when its row is known.
constexpr int preciseChangeLimit = 16;
// From this many rows on, a list is read again after additions at most once per interval.
constexpr int spacedResetRows = 20000;
constexpr int addedResetIntervalMs = 1000;

} // namespace

QList<MessageListModel::Range> MessageListModel::rangesFor(const QList<quint32> &uids) const
{
    const StoreResult<QHash<quint32, int>> positions = m_store->messagePositions(m_query, uids);
    reportError(positions.error());
    QList<int> rows = positions.value().values();
    std::sort(rows.begin(), rows.end());
    QList<Range> ranges;
    for (int row : rows) {
        if (!ranges.isEmpty() && ranges.last().last + 1 == row)
            ranges.last().last = row;
        else
            ranges.append(Range {row, row});
    }
    return ranges;
}

void MessageListModel::onMessagesAdded(qint64 folderId, const QList<quint32> &uids)
{
    if (folderId != m_query.folderId || m_pending != Pending::None)
        return;
    if (m_searchList) {
        resetWith(m_query); // the search runs again
        return;
    }
    if (uids.size() > fineGrainedLimit || m_addedReset.isActive()) {
        m_addedSinceReset += int(uids.size());
        resetForAdded();
        return;
    }
    if (m_estimated) {
        // Rows are only known by their place once counted.
        resetWith(m_query, m_rowCount + int(uids.size()));
        return;
    }
    const QList<Range> ranges = rangesFor(uids);
    int added = 0;
    for (const Range &range : ranges)
        added += range.size();
    if (!checkRowCount(m_rowCount + added)) {
        resetWith(m_query);
        return;
    }
    clearCache();
    m_pending = Pending::Insert;
    m_ranges = ranges;
    while (!m_ranges.isEmpty()) {
        const Range range = m_ranges.first();
        beginInsertRows({}, range.first, range.last);
        m_ranges.removeFirst();
        m_rowCount += range.size();
        endInsertRows();
    }
    m_pending = Pending::None;
}

void MessageListModel::resetForAdded()
{
    if (m_addedReset.isActive())
        return;
    const qint64 since = m_sinceAddedReset.isValid() ? m_sinceAddedReset.elapsed()
                                                     : addedResetIntervalMs;
    if (m_rowCount >= spacedResetRows && since < addedResetIntervalMs) {
        m_addedReset.start(int(addedResetIntervalMs - since));
        return;
    }
    resetWith(m_query, m_rowCount + m_addedSinceReset);
    m_sinceAddedReset.start();
}

void MessageListModel::onMessagesChanged(qint64 folderId, const QList<quint32> &uids)
{
    if (folderId != m_query.folderId || m_pending != Pending::None)
        return;
    if (m_searchList) {
        clearCache();
        if (m_rowCount > 0)
            Q_EMIT dataChanged(index(0, 0), index(m_rowCount - 1, ColumnCount - 1));
        return;
    }
    // Many: every row is repainted, without looking for theirs.
    const QSet<quint32> changed = uids.size() <= preciseChangeLimit
                                          ? QSet<quint32>(uids.begin(), uids.end())
                                          : QSet<quint32>();
    QHash<quint32, int> oldRows;
    for (auto it = m_windows.cbegin(); !changed.isEmpty() && it != m_windows.cend(); ++it) {
        for (int i = 0; i < it->rows.size(); ++i) {
            if (changed.contains(it->rows.at(i).uid))
                oldRows.insert(it->rows.at(i).uid, it.key() * m_windowSize + i);
        }
    }
    // A cached message keeps its date (a flag or a size changes): by date, no row moves.
    clearCache(m_query.sortKey == MessageQuery::SortKey::Date);
    // A filtered list may gain or lose rows when a subject or a flag changes; the whole folder
    // keeps its rows.
    if (!m_query.searchText.isEmpty() && countRows() != m_rowCount) {
        resetWith(m_query);
        return;
    }
    if (m_rowCount == 0)
        return;
    bool precise = uids.size() <= preciseChangeLimit && oldRows.size() == changed.size();
    if (precise) {
        // Rows whose sort key changed have moved: then the whole list is repainted.
        const StoreResult<QHash<quint32, int>> positions = m_store->messagePositions(m_query,
                                                                                     oldRows.keys());
        precise = positions.isOk() && positions.value() == oldRows;
    }
    if (!precise) {
        Q_EMIT dataChanged(index(0, 0), index(m_rowCount - 1, ColumnCount - 1));
        return;
    }
    QList<int> rows = oldRows.values();
    std::sort(rows.begin(), rows.end());
    for (int row : rows)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void MessageListModel::onMessagesAboutToBeRemoved(qint64 folderId, const QList<quint32> &uids)
{
    if (folderId != m_query.folderId || m_pending != Pending::None || !m_store || m_searchList)
        return;
    if (uids.size() > fineGrainedLimit || m_estimated) {
        m_pending = Pending::Reset;
        beginResetModel();
        return;
    }
    // Rows in the order before the delete, announced once the store has removed them. Their
    // records are kept: until its own removal is announced, such a row still has data.
    m_ranges = rangesFor(uids);
    m_removing.clear();
    for (const Range &range : std::as_const(m_ranges)) {
        for (int row = range.first; row <= range.last; ++row) {
            if (const MessageRecord *m = record(row))
                m_removing.insert(row, *m);
        }
    }
    m_pending = Pending::RemovePrepared;
}

void MessageListModel::onMessagesRemoved(qint64 folderId, const QList<quint32> &uids)
{
    if (folderId != m_query.folderId)
        return;
    if (m_searchList) {
        removeSearchRows(uids);
        return;
    }
    if (m_pending == Pending::Reset) {
        clearCache();
        m_pending = Pending::None;
        forgetCount();
        // Decided by the rows before: those the store hides until a worker deletes them are
        // read by a count as well.
        m_estimated = countsInBackground(m_query, m_rowCount);
        m_rowCount = m_estimated ? std::max(0, m_rowCount - int(uids.size())) : countRows();
        endResetModel();
        if (m_estimated)
            countInBackground();
        return;
    }
    if (m_pending != Pending::RemovePrepared)
        return;
    clearCache();
    int removed = 0;
    for (const Range &range : std::as_const(m_ranges))
        removed += range.size();
    if (!checkRowCount(m_rowCount - removed)) {
        resetWith(m_query);
        return;
    }
    m_pending = Pending::Remove;
    while (!m_ranges.isEmpty()) {
        const Range range = m_ranges.last();
        beginRemoveRows({}, range.first, range.last);
        m_ranges.removeLast();
        m_rowCount -= range.size();
        endRemoveRows();
    }
    m_removing.clear();
    m_pending = Pending::None;
}

void MessageListModel::onFolderCleared(qint64 folderId)
{
    if (folderId == m_query.folderId && m_pending == Pending::None)
        resetWith(m_query);
}

void MessageListModel::removeSearchRows(const QList<quint32> &uids)
{
    const QSet<quint32> gone(uids.begin(), uids.end());
    QList<Range> ranges;
    for (int row = 0; row < m_searchUids.size(); ++row) {
        if (!gone.contains(m_searchUids.at(row)))
            continue;
        if (!ranges.isEmpty() && ranges.last().last + 1 == row)
            ranges.last().last = row;
        else
            ranges.append(Range {row, row});
    }
    if (ranges.isEmpty())
        return;
    clearCache();
    if (ranges.size() > fineGrainedLimit) {
        beginResetModel();
        m_searchUids.removeIf([&gone](quint32 uid) { return gone.contains(uid); });
        m_rowCount = int(m_searchUids.size());
        clearCache();
        endResetModel();
        return;
    }
    // From the last range back, so that the rows of the others stay where they are.
    for (auto it = ranges.crbegin(); it != ranges.crend(); ++it) {
        beginRemoveRows({}, it->first, it->last);
        m_searchUids.remove(it->first, it->size());
        m_rowCount = int(m_searchUids.size());
        clearCache(); // windows read while the removal was announced
        endRemoveRows();
    }
}
