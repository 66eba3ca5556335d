#include "unifiedinboxmodel.h"

#include "common/logging.h"
#include "models/messagelistmodel.h"
#include "store/messagestore.h"

#include <QSet>

#include <algorithm>

UnifiedInboxModel::UnifiedInboxModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

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
    for (auto signal : {&MessageStore::messagesAdded, &MessageStore::messagesRemoved}) {
        connect(store, signal, this, [this, accountId](qint64 folderId, const QList<quint32> &) {
            onStructureChanged(accountId, folderId);
        });
    }
    connect(store, &MessageStore::folderCleared, this,
            [this, accountId](qint64 folderId) { onStructureChanged(accountId, folderId); });
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
        if (folder.specialUse == FolderRecord::SpecialUse::Inbox
            || folder.path.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0) {
            source.inboxId = folder.id;
            return;
        }
    }
}

void UnifiedInboxModel::rebuild()
{
    m_inserting = true;
    beginResetModel();
    m_rows.clear();
    for (Source &source : m_sources) {
        source.pending.clear();
        source.read = 0;
        source.exhausted = source.inboxId == 0 || !source.store;
    }
    endResetModel();
    m_inserting = false;
    fetchMore({});
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
    query.sortKey = MessageQuery::SortKey::Date;
    query.order = m_order;
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

bool UnifiedInboxModel::newer(const MessageRecord &a, const MessageRecord &b) const
{
    const QDateTime da = a.displayDate();
    const QDateTime db = b.displayDate();
    if (da != db)
        return m_order == Qt::DescendingOrder ? da > db : da < db;
    return m_order == Qt::DescendingOrder ? a.uid > b.uid : a.uid < b.uid;
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
    QList<Row> merged;
    while (merged.size() < m_batchSize) {
        int best = -1;
        for (int i = 0; i < m_sources.size(); ++i) {
            if (!fill(m_sources[i]))
                continue;
            if (best < 0
                || newer(m_sources.at(i).pending.first(), m_sources.at(best).pending.first()))
                best = i;
        }
        if (best < 0)
            break;
        merged.append(Row {best, m_sources[best].pending.takeFirst()});
    }
    if (merged.isEmpty())
        return;
    m_inserting = true;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + merged.size() - 1));
    m_rows.append(merged);
    endInsertRows();
    m_inserting = false;
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
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
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
    // Accounts share no other order than time.
    if (column != MessageListModel::DateColumn || order == m_order)
        return;
    m_order = order;
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
    const QSet<quint32> changed(uids.begin(), uids.end());
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

void UnifiedInboxModel::onStructureChanged(const QString &accountId, qint64 folderId)
{
    const int at = sourceIndex(accountId);
    if (at >= 0 && folderId == m_sources.at(at).inboxId)
        rebuild();
}
