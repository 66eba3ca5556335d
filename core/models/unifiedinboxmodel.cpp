#include "unifiedinboxmodel.h"

#include "common/logging.h"
#include "models/changeduids.h"
#include "models/messagelistmodel.h"
#include "store/messagestore.h"

#include <QHash>
#include <QMimeData>
#include <QSet>

#include <algorithm>

UnifiedInboxModel::UnifiedInboxModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    connect(&m_sortIndexes, &SortIndexPreparer::ready, this,
            [this] { sort(m_sortColumn, m_sortOrder); });
    connect(&m_sortIndexes, &SortIndexPreparer::errorOccurred, this,
            &UnifiedInboxModel::errorOccurred);
}

UnifiedInboxModel::~UnifiedInboxModel() = default;

void UnifiedInboxModel::addAccount(const QString &accountId, MessageStore *store)
{
    removeAccount(accountId);
    Source source;
    source.accountId = accountId;
    source.store = store;
    findInbox(source);
    m_sources.append(source);
    connect(store, &MessageStore::foldersChanged, this, [this, accountId] {
        const int at = sourceIndex(accountId);
        if (at < 0)
            return;
        const qint64 before = m_sources.at(at).inboxId;
        findInbox(m_sources[at]);
        if (m_sources.at(at).inboxId != before)
            rebuild();
    });
    connect(store, &MessageStore::messagesChanged, this,
            [this, accountId](qint64 folderId, const QList<quint32> &uids) {
                onChanged(accountId, folderId, uids);
            });
    connect(store, &MessageStore::messagesAdded, this,
            [this, accountId](qint64 folderId, const QList<quint32> &uids) {
                onStructureChanged(accountId, folderId, int(uids.size()));
            });
    connect(store, &MessageStore::messagesRemoved, this,
            [this, accountId](qint64 folderId, const QList<quint32> &) {
                onStructureChanged(accountId, folderId, 0);
            });
    connect(store, &MessageStore::folderCleared, this,
            [this, accountId](qint64 folderId) { onStructureChanged(accountId, folderId, 0); });
    connect(store, &QObject::destroyed, this, [this, accountId] { removeAccount(accountId); });
    rebuild();
}

void UnifiedInboxModel::removeAccount(const QString &accountId)
{
    const int at = sourceIndex(accountId);
    if (at < 0)
        return;
    if (m_sources.at(at).store)
        disconnect(m_sources.at(at).store, nullptr, this, nullptr);
    m_sources.removeAt(at);
    rebuild();
}

QStringList UnifiedInboxModel::accountIds() const
{
    QStringList ids;
    for (const Source &source : m_sources)
        ids.append(source.accountId);
    return ids;
}

int UnifiedInboxModel::sourceIndex(const QString &accountId) const
{
    for (int i = 0; i < m_sources.size(); ++i) {
        if (m_sources.at(i).accountId == accountId)
            return i;
    }
    return -1;
}

void UnifiedInboxModel::setBatchSize(int rows)
{
    m_batchSize = std::max(1, rows);
    rebuild();
}

void UnifiedInboxModel::reload()
{
    rebuild();
}

void UnifiedInboxModel::findInbox(Source &source)
{
    source.inboxId = 0;
    if (!source.store)
        return;
    for (const FolderRecord &folder : source.store->folders().value()) {
        if (folder.isInbox()) {
            source.inboxId = folder.id;
            return;
        }
    }
}

void UnifiedInboxModel::rebuild()
{
    m_inserting = true;
    beginResetModel();
    restart();
    endResetModel();
    m_inserting = false;
    fetchMore({});
}

void UnifiedInboxModel::restart()
{
    m_rows.clear();
    for (Source &source : m_sources) {
        source.pending.clear();
        source.read = 0;
        source.exhausted = source.inboxId == 0 || !source.store;
    }
}

// Reads the source's next window when its merged rows are used up; false when it has no more.
bool UnifiedInboxModel::fill(Source &source)
{
    if (!source.pending.isEmpty())
        return true;
    if (source.exhausted || !source.store)
        return false;
    MessageQuery query;
    query.folderId = source.inboxId;
    query.sortKey = m_sort.sortKey;
    query.order = m_sort.order;
    query.searchText = m_searchText;
    StoreResult<QList<MessageRecord>> rows = source.store->fetchMessages(query, source.read,
                                                                         m_batchSize);
    if (!rows) {
        qCWarning(lcStore) << "unified inbox:" << rows.error().toString();
        Q_EMIT errorOccurred(rows.error());
        source.exhausted = true;
        return false;
    }
    source.pending = std::move(rows).value();
    source.read += int(source.pending.size());
    source.exhausted = source.pending.size() < m_batchSize;
    return !source.pending.isEmpty();
}

bool UnifiedInboxModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid())
        return false;
    return std::any_of(m_sources.cbegin(), m_sources.cend(),
                       [](const Source &s) { return !s.pending.isEmpty() || !s.exhausted; });
}

void UnifiedInboxModel::fetchMore(const QModelIndex &parent)
{
    // A listener may ask for more while a reset or the last rows are being announced.
    if (parent.isValid() || m_inserting)
        return;
    const QList<Row> merged = merge(m_batchSize);
    if (merged.isEmpty())
        return;
    m_inserting = true;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + merged.size() - 1));
    m_rows.append(merged);
    endInsertRows();
    m_inserting = false;
}

QList<UnifiedInboxModel::Row> UnifiedInboxModel::merge(int count)
{
    QList<Row> merged;
    while (merged.size() < count) {
        int best = -1;
        for (int i = 0; i < m_sources.size(); ++i) {
            if (!fill(m_sources[i]))
                continue;
            if (best < 0
                || MessageStore::sortsBefore(m_sources.at(i).pending.first(),
                                             m_sources.at(best).pending.first(), m_sort))
                best = i;
        }
        if (best < 0)
            break;
        merged.append(Row {best, m_sources[best].pending.takeFirst()});
    }
    return merged;
}

int UnifiedInboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UnifiedInboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : MessageListModel::ColumnCount;
}

QVariant UnifiedInboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == AccountIdRole)
        return row.source < m_sources.size() ? m_sources.at(row.source).accountId : QString();
    return MessageListModel::recordData(row.message, index.column(), role);
}

QVariant UnifiedInboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return MessageListModel::columnTitle(section);
}

Qt::ItemFlags UnifiedInboxModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren
           | Qt::ItemIsDragEnabled;
}

QString UnifiedInboxModel::accountMimeType()
{
    return QStringLiteral("application/x-heron-account");
}

QString UnifiedInboxModel::accountOf(const QMimeData *data)
{
    return data ? QString::fromUtf8(data->data(accountMimeType())) : QString();
}

QStringList UnifiedInboxModel::mimeTypes() const
{
    return {MessageListModel::mimeType(), accountMimeType()};
}

Qt::DropActions UnifiedInboxModel::supportedDragActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

QMimeData *UnifiedInboxModel::mimeData(const QModelIndexList &indexes) const
{
    // A view hands one index per column of each row.
    int source = -1;
    QList<quint32> uids;
    QSet<int> seen;
    for (const QModelIndex &index : indexes) {
        if (!index.isValid() || index.model() != this || seen.contains(index.row()))
            continue;
        seen.insert(index.row());
        const Row &row = m_rows.at(index.row());
        if (source >= 0 && row.source != source)
            return nullptr; // messages move only within their account
        source = row.source;
        uids.append(row.message.uid);
    }
    if (source < 0 || source >= m_sources.size())
        return nullptr;
    QMimeData *data = MessageListModel::encodeMimeData(m_sources.at(source).inboxId, uids);
    if (data)
        data->setData(accountMimeType(), m_sources.at(source).accountId.toUtf8());
    return data;
}

void UnifiedInboxModel::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    rebuild();
}

void UnifiedInboxModel::sort(int column, Qt::SortOrder order)
{
    MessageQuery next = m_sort;
    const std::optional<MessageQuery::SortKey> key = MessageListModel::sortKey(column);
    if (!key)
        return;
    next.sortKey = *key;
    next.order = order;
    m_sortColumn = column; // the latest wish wins once the indexes are there
    m_sortOrder = order;
    if (m_sortIndexes.isBusy() || next == m_sort)
        return;
    QList<SortIndexPreparer::Folder> inboxes;
    for (const Source &source : std::as_const(m_sources)) {
        if (source.store && source.inboxId != 0)
            inboxes.append({source.store, source.store->messageCount(source.inboxId).value()});
    }
    if (m_sortIndexes.prepare(inboxes, *key))
        return;
    m_sort = next;
    rebuild();
}

QHash<int, QByteArray> UnifiedInboxModel::roleNames() const
{
    QHash<int, QByteArray> names = MessageListModel(nullptr).roleNames();
    names.insert(AccountIdRole, "accountId");
    return names;
}

void UnifiedInboxModel::onChanged(const QString &accountId, qint64 folderId,
                                  const QList<quint32> &uids)
{
    const int at = sourceIndex(accountId);
    if (at < 0 || folderId != m_sources.at(at).inboxId || !m_sources.at(at).store)
        return;
    QSet<quint32> held;
    for (const Row &r : std::as_const(m_rows)) {
        if (r.source == at)
            held.insert(r.message.uid);
    }
    const QSet<quint32> changed = changedAmong(uids, held);
    if (changed.isEmpty())
        return;
    for (int row = 0; row < m_rows.size(); ++row) {
        Row &r = m_rows[row];
        if (r.source != at || !changed.contains(r.message.uid))
            continue;
        const StoreResult<MessageRecord> fresh = m_sources.at(at).store->message(folderId,
                                                                                 r.message.uid);
        if (!fresh)
            continue;
        r.message = fresh.value();
        Q_EMIT dataChanged(index(row, 0), index(row, MessageListModel::ColumnCount - 1));
    }
}

void UnifiedInboxModel::onStructureChanged(const QString &accountId, qint64 folderId, int added)
{
    const int at = sourceIndex(accountId);
    if (at < 0 || folderId != m_sources.at(at).inboxId)
        return;
    if (persistentIndexList().isEmpty()) {
        rebuild(); // no view holds a row: nothing to keep
        return;
    }
    m_inserting = true;
    Q_EMIT layoutAboutToBeChanged();
    // Rows held by a view, by account and UID: they survive the new merge, row numbers do not.
    const QModelIndexList held = persistentIndexList();
    QHash<std::pair<int, quint32>, int> wanted; // (source, uid) -> new row, -1 while unknown
    QList<std::pair<int, quint32>> keys;
    for (const QModelIndex &index : held) {
        std::pair<int, quint32> key {-1, 0};
        if (index.row() < m_rows.size())
            key = {m_rows.at(index.row()).source, m_rows.at(index.row()).message.uid};
        keys.append(key);
        if (key.first >= 0)
            wanted.insert(key, -1);
    }
    // Merged again as far as before; held rows pushed down by new messages are still reached.
    const int before = int(m_rows.size());
    restart();
    int missing = int(wanted.size());
    const auto take = [&](const QList<Row> &rows) {
        for (const Row &row : rows) {
            const auto it = wanted.find({row.source, row.message.uid});
            if (it != wanted.end() && it.value() < 0) {
                it.value() = int(m_rows.size());
                --missing;
            }
            m_rows.append(row);
        }
    };
    take(merge(std::max(before, 1)));
    if (missing > 0 && added > 0)
        take(merge(added));
    QModelIndexList moved;
    moved.reserve(held.size());
    for (qsizetype i = 0; i < held.size(); ++i) {
        const int row = keys.at(i).first >= 0 ? wanted.value(keys.at(i), -1) : -1;
        moved.append(row >= 0 ? index(row, held.at(i).column()) : QModelIndex());
    }
    changePersistentIndexList(held, moved);
    Q_EMIT layoutChanged();
    m_inserting = false;
}
