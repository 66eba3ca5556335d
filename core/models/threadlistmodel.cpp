#include "threadlistmodel.h"

#include "common/logging.h"
#include "models/changeduids.h"
#include "models/messagelistmodel.h"
#include "store/messagestore.h"

#include <QCoreApplication>
#include <QMimeData>
#include <QSet>

#include <algorithm>

ThreadListModel::ThreadListModel(MessageStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
{
    connect(&m_rootsWatcher, &QFutureWatcherBase::finished, this, &ThreadListModel::onRootsRead);
    if (!store)
        return;
    connect(store, &MessageStore::messagesChanged, this, &ThreadListModel::onChanged);
    for (auto signal : {&MessageStore::messagesAdded, &MessageStore::messagesRemoved}) {
        connect(store, signal, this,
                [this](qint64 folderId, const QList<quint32> &) { onStructureChanged(folderId); });
    }
    connect(store, &MessageStore::folderCleared, this, &ThreadListModel::onStructureChanged);
    connect(store, &QObject::destroyed, this, [this] {
        beginResetModel();
        clearRows();
        endResetModel();
    });
}

ThreadListModel::~ThreadListModel() = default;

void ThreadListModel::setFolderId(qint64 folderId)
{
    if (folderId == m_query.folderId)
        return;
    MessageQuery next = m_query;
    next.folderId = folderId;
    resetWith(next);
}

void ThreadListModel::setSearchText(const QString &text)
{
    if (text == m_query.searchText)
        return;
    MessageQuery next = m_query;
    next.searchText = text;
    resetWith(next);
}

void ThreadListModel::reload()
{
    resetWith(m_query);
}

void ThreadListModel::resetWith(const MessageQuery &query)
{
    beginResetModel();
    m_query = query;
    clearRows();
    endResetModel();
    readRootsLater();
}

void ThreadListModel::readRootsLater()
{
    if (!m_store || m_query.folderId == 0)
        return;
    m_loading = true;
    m_rootsWatcher.setFuture(m_store->threadRootsInBackground(m_query));
}

void ThreadListModel::onRootsRead()
{
    if (!m_loading || m_rootsWatcher.future().resultCount() == 0)
        return;
    m_loading = false;
    StoreResult<QList<ThreadRoot>> roots = m_rootsWatcher.result();
    if (reportError(roots.error()))
        return;
    QList<ThreadRoot> read = std::move(roots).value();
    // Read over the worker's connection, which still has what the store removes.
    read.removeIf([this](const ThreadRoot &root) {
        return m_store->isRemovalPending(m_query.folderId, root.uid);
    });
    if (read.isEmpty())
        return;
    beginInsertRows({}, 0, int(read.size()) - 1);
    m_roots = std::move(read);
    endInsertRows();
}

void ThreadListModel::readRoots()
{
    if (!m_store || m_query.folderId == 0)
        return;
    StoreResult<QList<ThreadRoot>> roots = m_store->threadRoots(m_query);
    if (!reportError(roots.error()))
        m_roots = std::move(roots).value();
}

ThreadRow *ThreadListModel::rootRow(int row) const
{
    if (row < 0 || row >= m_roots.size() || !m_store)
        return nullptr;
    const int window = row / m_windowSize;
    auto it = m_windows.find(window);
    if (it == m_windows.end()) {
        QList<quint32> uids;
        for (int i = window * m_windowSize; i < m_roots.size() && uids.size() < m_windowSize; ++i)
            uids.append(m_roots.at(i).uid);
        StoreResult<QHash<quint32, ThreadRow>> rows = m_store->threadRows(m_query.folderId, uids);
        ++m_windowLoads;
        if (reportError(rows.error()))
            return nullptr;
        QList<ThreadRow> ordered;
        ordered.reserve(uids.size());
        for (quint32 uid : std::as_const(uids))
            ordered.append(rows.value().value(uid)); // a row gone meanwhile stays empty
        evictWindows();
        it = m_windows.insert(window, std::move(ordered));
    }
    m_windowUse.removeOne(window);
    m_windowUse.append(window);
    ThreadRow &found = (*it)[row - window * m_windowSize];
    return found.message.uid != 0 ? &found : nullptr;
}

void ThreadListModel::evictWindows() const
{
    while (m_windows.size() >= m_maxWindows && !m_windowUse.isEmpty())
        m_windows.remove(m_windowUse.takeFirst());
}

ThreadRow *ThreadListModel::row(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    if (index.internalId() == 0)
        return rootRow(index.row());
    auto replies = m_replies.find(quint32(index.internalId()));
    if (replies == m_replies.end() || index.row() >= replies->rows.size())
        return nullptr;
    return &replies->rows[index.row()];
}

quint32 ThreadListModel::uidAt(const QModelIndex &index) const
{
    if (index.isValid() && index.internalId() == 0)
        return index.row() < m_roots.size() ? m_roots.at(index.row()).uid : 0;
    const ThreadRow *r = row(index);
    return r ? r->message.uid : 0;
}

bool ThreadListModel::hasReplies(const QModelIndex &index) const
{
    // Views ask this of every top-level row when they lay out (QTreeView does): a root answers
    // without its row being read.
    if (index.isValid() && index.internalId() == 0)
        return index.row() < m_roots.size() && m_roots.at(index.row()).hasReplies;
    const ThreadRow *r = row(index);
    return r && r->replyCount > 0;
}

ThreadListModel::Replies *ThreadListModel::repliesOf(const QModelIndex &parent) const
{
    if (!hasReplies(parent))
        return nullptr;
    const quint32 uid = uidAt(parent);
    auto it = m_replies.find(uid);
    if (it == m_replies.end()) {
        StoreResult<QList<ThreadRow>> rows = m_store->fetchReplies(m_query.folderId, uid);
        ++m_replyLoads;
        if (reportError(rows.error()))
            return nullptr;
        if (m_flat && !parent.parent().isValid()) {
            // The whole conversation under its first message: the replies to replies too.
            QList<ThreadRow> all;
            QList<ThreadRow> pending = std::move(rows).value();
            while (!pending.isEmpty()) {
                ThreadRow next = pending.takeFirst();
                if (next.replyCount > 0) {
                    StoreResult<QList<ThreadRow>> more = m_store->fetchReplies(m_query.folderId,
                                                                               next.message.uid);
                    if (reportError(more.error()))
                        return nullptr;
                    pending += more.value();
                }
                next.replyCount = 0;
                all.append(std::move(next));
            }
            std::stable_sort(all.begin(), all.end(), [](const ThreadRow &a, const ThreadRow &b) {
                return a.message.displayDate() < b.message.displayDate();
            });
            rows = std::move(all);
        }
        it = m_replies.insert(uid,
                              Replies {parent.row(), parent.internalId(), std::move(rows).value()});
    }
    return &it.value();
}

QModelIndex ThreadListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= MessageListModel::ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_roots.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.column() != 0)
        return {};
    const Replies *replies = repliesOf(parent);
    if (!replies || row >= replies->rows.size())
        return {};
    return createIndex(row, column, quintptr(this->row(parent)->message.uid));
}

QModelIndex ThreadListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const auto replies = m_replies.constFind(quint32(child.internalId()));
    if (replies == m_replies.cend())
        return {};
    return createIndex(replies->parentRow, 0, replies->parentInternalId);
}

int ThreadListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_roots.size());
    if (parent.column() != 0)
        return 0;
    const Replies *replies = repliesOf(parent);
    return replies ? int(replies->rows.size()) : 0;
}

int ThreadListModel::columnCount(const QModelIndex &) const
{
    return MessageListModel::ColumnCount;
}

bool ThreadListModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return !m_roots.isEmpty();
    if (parent.column() != 0)
        return false;
    return hasReplies(parent);
}

QVariant ThreadListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ThreadRow *r = row(index);
    if (!r)
        return {};
    const bool root = index.internalId() == 0;
    if (role == ConversationSizeRole)
        return root ? conversationSize(*r) : 0;
    if (role == Qt::DisplayRole && root && r->replyCount > 0
        && index.column() == MessageListModel::SubjectColumn) {
        return QCoreApplication::translate("ThreadListModel", "%1 (%2)",
                                           "a thread's subject, and its number of messages")
                .arg(MessageListModel::recordData(r->message, index.column(), role).toString())
                .arg(conversationSize(*r));
    }
    return MessageListModel::recordData(r->message, index.column(), role);
}

int ThreadListModel::conversationSize(const ThreadRow &root) const
{
    if (root.replyCount == 0 || !m_store)
        return 1;
    const auto known = m_sizes.constFind(root.message.uid);
    if (known != m_sizes.cend())
        return *known;
    const StoreResult<int> size = m_store->conversationSize(m_query.folderId, root.message.uid);
    if (reportError(size.error()))
        return 1;
    const int found = std::max(1, size.value());
    m_sizes.insert(root.message.uid, found);
    return found;
}

void ThreadListModel::setFlat(bool flat)
{
    if (flat == m_flat)
        return;
    beginResetModel();
    m_flat = flat;
    m_replies.clear();
    m_sizes.clear();
    endResetModel();
}

QVariant ThreadListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    return MessageListModel::columnTitle(section);
}

Qt::ItemFlags ThreadListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled;
    if (index.column() != 0 || !hasReplies(index))
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QStringList ThreadListModel::mimeTypes() const
{
    return {MessageListModel::mimeType()};
}

Qt::DropActions ThreadListModel::supportedDragActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

QMimeData *ThreadListModel::mimeData(const QModelIndexList &indexes) const
{
    QList<quint32> uids;
    QSet<quint32> seen;
    for (const QModelIndex &index : indexes) {
        const ThreadRow *r = index.model() == this ? row(index) : nullptr;
        if (r && !seen.contains(r->message.uid)) {
            seen.insert(r->message.uid);
            uids.append(r->message.uid);
        }
    }
    return MessageListModel::encodeMimeData(m_query.folderId, uids);
}

void ThreadListModel::sort(int column, Qt::SortOrder order)
{
    MessageQuery next = m_query;
    const std::optional<MessageQuery::SortKey> key = MessageListModel::sortKey(column);
    if (!key)
        return;
    next.sortKey = *key;
    next.order = order;
    if (next != m_query)
        resetWith(next);
}

QHash<int, QByteArray> ThreadListModel::roleNames() const
{
    QHash<int, QByteArray> names = MessageListModel(nullptr).roleNames();
    names.insert(ConversationSizeRole, "conversationSize");
    return names;
}

void ThreadListModel::onChanged(qint64 folderId, const QList<quint32> &uids)
{
    if (folderId != m_query.folderId || !m_store)
        return;
    QSet<quint32> held;
    for (const QList<ThreadRow> &window : std::as_const(m_windows)) {
        for (const ThreadRow &r : window)
            held.insert(r.message.uid);
    }
    for (const Replies &replies : std::as_const(m_replies)) {
        for (const ThreadRow &r : replies.rows)
            held.insert(r.message.uid);
    }
    const QSet<quint32> changed = changedAmong(uids, held);
    if (changed.isEmpty())
        return;
    auto refresh = [&](ThreadRow &r) {
        if (!changed.contains(r.message.uid))
            return false;
        const StoreResult<MessageRecord> fresh = m_store->message(folderId, r.message.uid);
        if (!fresh)
            return false;
        const QByteArray messageId = r.message.messageId;
        r.message = fresh.value();
        r.message.messageId = messageId; // what its replies were found by
        return true;
    };
    const int last = MessageListModel::ColumnCount - 1;
    for (auto it = m_windows.begin(); it != m_windows.end(); ++it) {
        for (int i = 0; i < it->size(); ++i) {
            if (refresh((*it)[i])) {
                const int rootRowNumber = it.key() * m_windowSize + i;
                Q_EMIT dataChanged(createIndex(rootRowNumber, 0, quintptr(0)),
                                   createIndex(rootRowNumber, last, quintptr(0)));
            }
        }
    }
    for (auto it = m_replies.begin(); it != m_replies.end(); ++it) {
        for (int i = 0; i < it->rows.size(); ++i) {
            if (refresh(it->rows[i])) {
                Q_EMIT dataChanged(createIndex(i, 0, quintptr(it.key())),
                                   createIndex(i, last, quintptr(it.key())));
            }
        }
    }
}

void ThreadListModel::onStructureChanged(qint64 folderId)
{
    if (folderId != m_query.folderId)
        return;
    Q_EMIT rowsAboutToChange();
    if (persistentIndexList().isEmpty() || !m_store || m_loading) {
        resetWith(m_query); // no view holds a row: nothing to keep
        return;
    }
    Q_EMIT layoutAboutToBeChanged();
    // Where each held index points, by UIDs: they survive the new layout, rows do not.
    const QModelIndexList held = persistentIndexList();
    QList<QList<quint32>> paths;
    QSet<quint32> wanted;
    for (const QModelIndex &index : held) {
        paths.append(pathOf(index));
        if (!paths.last().isEmpty())
            wanted.insert(paths.last().first());
    }
    clearRows();
    readRoots();
    // Where the held roots are now: one pass over the roots.
    QHash<quint32, int> rootRows;
    for (int row = 0; row < m_roots.size() && rootRows.size() < wanted.size(); ++row) {
        if (wanted.contains(m_roots.at(row).uid))
            rootRows.insert(m_roots.at(row).uid, row);
    }
    QModelIndexList moved;
    moved.reserve(held.size());
    for (qsizetype i = 0; i < held.size(); ++i)
        moved.append(indexOfPath(paths.at(i), held.at(i).column(), rootRows));
    changePersistentIndexList(held, moved);
    Q_EMIT layoutChanged();
}

QList<quint32> ThreadListModel::pathOf(const QModelIndex &index) const
{
    QList<quint32> path;
    for (QModelIndex at = index; at.isValid(); at = parent(at)) {
        const quint32 uid = uidAt(at);
        if (uid == 0)
            return {};
        path.prepend(uid);
    }
    return path;
}

QModelIndex ThreadListModel::indexOfPath(const QList<quint32> &path, int column,
                                         const QHash<quint32, int> &rootRows) const
{
    if (path.isEmpty() || !rootRows.contains(path.first()))
        return {};
    const int rootRow = rootRows.value(path.first());
    QModelIndex at = createIndex(rootRow, path.size() == 1 ? column : 0, quintptr(0));
    for (qsizetype level = 1; level < path.size(); ++level) {
        const Replies *replies = repliesOf(at);
        if (!replies)
            return {};
        const auto found = std::find_if(replies->rows.cbegin(), replies->rows.cend(),
                                        [uid = path.at(level)](const ThreadRow &r) {
                                            return r.message.uid == uid;
                                        });
        if (found == replies->rows.cend())
            return {};
        const quintptr parentUid = uidAt(at);
        at = createIndex(int(found - replies->rows.cbegin()), level + 1 == path.size() ? column : 0,
                         parentUid);
    }
    return at;
}

void ThreadListModel::clearRows()
{
    m_windows.clear();
    m_windowUse.clear();
    m_replies.clear();
    m_sizes.clear();
    m_roots.clear();
    m_loading = false;
}

bool ThreadListModel::reportError(const MailError &error) const
{
    if (!error)
        return false;
    qCWarning(lcStore) << "thread list:" << error.toString();
    QMetaObject::invokeMethod(
            const_cast<ThreadListModel *>(this),
            [this, error] { Q_EMIT const_cast<ThreadListModel *>(this)->errorOccurred(error); },
            Qt::QueuedConnection);
    return true;
}
