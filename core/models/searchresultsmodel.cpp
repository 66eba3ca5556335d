#include "searchresultsmodel.h"

#include "changeduids.h"
#include "folderdisplayname.h"

#include "store/messagestore.h"
#include "store/searchquery.h"

#include <QCoreApplication>
#include <QSet>
#include <QTimer>

#include <algorithm>

namespace {

// Newest first; among messages of the same date, the later UID first.
bool newerThan(const MessageRecord &a, const MessageRecord &b)
{
    const qint64 da = a.displayDate().isValid() ? a.displayDate().toMSecsSinceEpoch() : 0;
    const qint64 db = b.displayDate().isValid() ? b.displayDate().toMSecsSinceEpoch() : 0;
    if (da != db)
        return da > db;
    return a.uid > b.uid;
}

QString folderKey(const QString &accountId, qint64 folderId)
{
    return accountId + QLatin1Char('/') + QString::number(folderId);
}

} // namespace

SearchResultsModel::SearchResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

SearchResultsModel::~SearchResultsModel()
{
    for (const Search &search : std::as_const(m_searches))
        search.watcher->future().cancel();
}

void SearchResultsModel::addAccount(const QString &accountId, const QString &name,
                                    MessageStore *store)
{
    removeAccount(accountId);
    m_accounts.append(Account {accountId, name, store});
    connect(store, &MessageStore::messagesChanged, this,
            [this, accountId](qint64 folderId, const QList<quint32> &uids) {
                onChanged(accountId, folderId, uids);
            });
    connect(store, &MessageStore::messagesRemoved, this,
            [this, accountId](qint64 folderId, const QList<quint32> &uids) {
                onRemoved(accountId, folderId, uids);
            });
    connect(store, &MessageStore::folderCleared, this, [this, accountId](qint64 folderId) {
        removeRows([&](const Row &row) {
            return row.accountId == accountId && row.message.folderId == folderId;
        });
    });
    connect(store, &MessageStore::foldersChanged, this, [this] {
        m_folderNames.clear();
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, LocationColumn),
                               index(int(m_rows.size()) - 1, LocationColumn));
    });
    connect(store, &QObject::destroyed, this, [this, accountId] { removeAccount(accountId); });
    if (!m_searchText.isEmpty())
        setSearchText(std::exchange(m_searchText, {}));
}

void SearchResultsModel::setAccountName(const QString &accountId, const QString &name)
{
    for (Account &a : m_accounts) {
        if (a.id == accountId)
            a.name = name;
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, LocationColumn), index(int(m_rows.size()) - 1, LocationColumn));
}

void SearchResultsModel::removeAccount(const QString &accountId)
{
    const auto it = std::find_if(m_accounts.begin(), m_accounts.end(),
                                 [&](const Account &a) { return a.id == accountId; });
    if (it == m_accounts.end())
        return;
    if (it->store)
        disconnect(it->store, nullptr, this, nullptr);
    m_accounts.erase(it);
    cancelSearches(accountId);
    removeRows([&](const Row &row) { return row.accountId == accountId; });
}

const SearchResultsModel::Account *SearchResultsModel::account(const QString &accountId) const
{
    for (const Account &a : m_accounts) {
        if (a.id == accountId)
            return &a;
    }
    return nullptr;
}

void SearchResultsModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_searchText)
        return;
    cancelSearches();
    m_searchText = trimmed;
    m_hasAttachmentOnly = SearchQuery::parse(trimmed).hasAttachment;
    if (!m_rows.isEmpty()) {
        beginResetModel();
        m_rows.clear();
        endResetModel();
    }
    if (trimmed.isEmpty())
        return;
    for (const Account &a : std::as_const(m_accounts)) {
        if (!a.store)
            continue;
        auto *watcher = new QFutureWatcher<Answer>(this);
        connect(watcher, &QFutureWatcherBase::finished, this,
                [this, watcher] { onSearched(watcher); });
        m_searches.append(Search {a.id, watcher});
        watcher->setFuture(a.store->searchAllInBackground(trimmed, m_limit));
    }
    if (m_searches.isEmpty())
        Q_EMIT searchFinished();
}

void SearchResultsModel::cancelSearches(const QString &accountId)
{
    const bool wasSearching = isSearching();
    m_searches.removeIf([&](const Search &search) {
        if (!accountId.isEmpty() && search.accountId != accountId)
            return false;
        search.watcher->disconnect(this);
        search.watcher->future().cancel();
        search.watcher->deleteLater();
        return true;
    });
    if (wasSearching && !isSearching() && !accountId.isEmpty())
        Q_EMIT searchFinished();
}

void SearchResultsModel::onSearched(QFutureWatcher<Answer> *watcher)
{
    const auto search = std::find_if(m_searches.cbegin(), m_searches.cend(),
                                     [watcher](const Search &s) { return s.watcher == watcher; });
    if (search == m_searches.cend())
        return;
    const QString accountId = search->accountId;
    m_searches.erase(search);
    watcher->deleteLater();
    const Answer answer = watcher->future().resultCount() > 0 ? watcher->result()
                                                              : Answer(QList<MessageRecord>());
    QList<MessageRecord> found = answer.isOk() ? answer.value() : QList<MessageRecord>();
    // Read over the worker's connection, which does not know what the store still writes.
    for (const Account &account : std::as_const(m_accounts)) {
        if (account.id == accountId && account.store)
            account.store->applyPendingChanges(&found);
    }
    if (!answer) {
        Q_EMIT errorOccurred(answer.error());
    } else if (!found.isEmpty()) {
        // What a server found meanwhile stays, marked as found here too.
        QList<Row> rows = m_rows;
        for (const MessageRecord &message : std::as_const(found)) {
            const int existing = rowOf(accountId, message.folderId, message.uid);
            if (existing >= 0)
                rows[existing].found |= FoundHere;
            else
                rows.append(Row {accountId, message, FoundHere});
        }
        std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
            return newerThan(a.message, b.message);
        });
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    if (!isSearching())
        Q_EMIT searchFinished();
}

void SearchResultsModel::setServerSearching(bool searching)
{
    if (searching == m_serverSearching)
        return;
    m_serverSearching = searching;
    Q_EMIT serverSearchingChanged(searching);
}

int SearchResultsModel::rowOf(const QString &accountId, qint64 folderId, quint32 uid) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        const Row &r = m_rows.at(row);
        if (r.message.uid == uid && r.message.folderId == folderId && r.accountId == accountId)
            return row;
    }
    return -1;
}

int SearchResultsModel::insertionRow(const MessageRecord &message) const
{
    const auto at = std::lower_bound(m_rows.cbegin(), m_rows.cend(), message,
                                     [](const Row &row, const MessageRecord &m) {
                                         return newerThan(row.message, m);
                                     });
    return int(at - m_rows.cbegin());
}

void SearchResultsModel::addServerMatches(const QString &accountId, qint64 folderId,
                                          const QList<quint32> &uids)
{
    const Account *a = account(accountId);
    if (!a || !a->store || m_searchText.isEmpty())
        return;
    for (quint32 uid : uids) {
        const int existing = rowOf(accountId, folderId, uid);
        if (existing >= 0) {
            m_rows[existing].found |= FoundOnServer;
            Q_EMIT dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
            continue;
        }
        StoreResult<MessageRecord> message = a->store->message(folderId, uid);
        if (!message)
            continue;
        // The server has no criterion for attachments: the cache's structure decides.
        if (m_hasAttachmentOnly && !message.value().hasAttachments)
            continue;
        const int row = insertionRow(message.value());
        beginInsertRows({}, row, row);
        m_rows.insert(row, Row {accountId, std::move(message).value(), FoundOnServer});
        endInsertRows();
    }
}

void SearchResultsModel::onChanged(const QString &accountId, qint64 folderId,
                                   const QList<quint32> &uids)
{
    const Account *a = account(accountId);
    if (!a || !a->store || m_rows.isEmpty())
        return;
    const QSet<quint32> changed = changedAmong(uids, heldUids(accountId, folderId));
    if (changed.isEmpty())
        return;
    const bool waiting = !m_changed.empty();
    for (const Row &row : std::as_const(m_rows)) {
        if (row.accountId == accountId && row.message.folderId == folderId
            && changed.contains(row.message.uid))
            m_changed.push_back(Changed {accountId, folderId, row.message.uid});
    }
    if (!waiting)
        refreshChanged();
}

void SearchResultsModel::refreshChanged()
{
    // The next batch, read with one query per folder.
    QHash<std::pair<QString, qint64>, QList<quint32>> batch;
    for (int done = 0; done < refreshBatch && !m_changed.empty(); ++done) {
        const Changed next = m_changed.front();
        m_changed.pop_front();
        batch[{next.accountId, next.folderId}].append(next.uid);
    }
    for (auto it = batch.cbegin(); it != batch.cend(); ++it) {
        const auto &[accountId, folderId] = it.key();
        const Account *a = account(accountId);
        if (!a || !a->store)
            continue; // gone meanwhile
        const StoreResult<QHash<quint32, MessageRecord>> fresh
                = a->store->fetchMessagesByUid(folderId, it.value());
        if (!fresh)
            continue;
        for (quint32 uid : it.value()) {
            const int row = rowOf(accountId, folderId, uid);
            const auto record = fresh.value().constFind(uid);
            if (row < 0 || record == fresh.value().cend())
                continue; // gone meanwhile
            m_rows[row].message = *record;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    if (!m_changed.empty())
        QTimer::singleShot(0, this, &SearchResultsModel::refreshChanged);
}

void SearchResultsModel::onRemoved(const QString &accountId, qint64 folderId,
                                   const QList<quint32> &uids)
{
    const QSet<quint32> removed = changedAmong(uids, heldUids(accountId, folderId));
    if (removed.isEmpty())
        return;
    removeRows([&](const Row &row) {
        return row.accountId == accountId && row.message.folderId == folderId
               && removed.contains(row.message.uid);
    });
}

QSet<quint32> SearchResultsModel::heldUids(const QString &accountId, qint64 folderId) const
{
    QSet<quint32> uids;
    for (const Row &row : m_rows) {
        if (row.accountId == accountId && row.message.folderId == folderId)
            uids.insert(row.message.uid);
    }
    return uids;
}

void SearchResultsModel::removeRows(const std::function<bool(const Row &)> &which)
{
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!which(m_rows.at(row)))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
}

QString SearchResultsModel::location(const Row &row) const
{
    const QString key = folderKey(row.accountId, row.message.folderId);
    auto it = m_folderNames.find(key);
    const Account *a = account(row.accountId);
    if (it == m_folderNames.end()) {
        const StoreResult<FolderRecord> folder = a && a->store
                                                         ? a->store->folder(row.message.folderId)
                                                         : StoreResult<FolderRecord>(MailError());
        QString name = folder ? folder.value().path : QString();
        if (folder)
            name = FolderDisplayName::of(folder.value().isInbox() ? FolderRecord::SpecialUse::Inbox
                                                                  : folder.value().specialUse,
                                         name);
        it = m_folderNames.insert(key, name);
    }
    return QCoreApplication::translate("SearchResultsModel", "%1 › %2")
            .arg(a ? a->name : row.accountId, it.value());
}

int SearchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SearchResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case AccountIdRole:
        return row.accountId;
    case FoundRole:
        return row.found;
    case LocationRole:
        return location(row);
    default:
        break;
    }
    const bool text = role == Qt::DisplayRole || role == Qt::ToolTipRole;
    if (index.column() == LocationColumn && text)
        return location(row);
    if (index.column() == FoundColumn && text) {
        if (row.found == (FoundHere | FoundOnServer))
            return QCoreApplication::translate("SearchResultsModel", "Here and on the server");
        if (row.found == FoundOnServer)
            return QCoreApplication::translate("SearchResultsModel", "Server");
        return QCoreApplication::translate("SearchResultsModel", "Here");
    }
    return MessageListModel::recordData(row.message, index.column(), role);
}

QVariant SearchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == LocationColumn)
        return QCoreApplication::translate("SearchResultsModel", "Folder");
    if (section == FoundColumn)
        return QCoreApplication::translate("SearchResultsModel", "Found");
    return MessageListModel::columnTitle(section);
}

Qt::ItemFlags SearchResultsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> SearchResultsModel::roleNames() const
{
    QHash<int, QByteArray> names = MessageListModel(nullptr).roleNames();
    names.insert(AccountIdRole, "accountId");
    names.insert(FoundRole, "found");
    names.insert(LocationRole, "location");
    return names;
}
