#pragma once

#include "models/itemroles.h"
#include "models/messagelistmodel.h"

#include "store/messagerecord.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>

#include <deque>

class MessageStore;

// The messages of every folder of every account that match a search, newest first, with
// MessageListModel's columns and roles, the account of each row (AccountIdRole), where it lives
// (LocationColumn: account and folder) and who found it (FoundColumn: this computer's index,
// the server, or both).
//
// setSearchText() searches every account's cache at once, each on a worker thread
// (MessageStore::searchAllInBackground(), at most limit() rows each); each account's rows join
// the list when they come, and a newer search drops what an older one still finds. What
// servers find besides is added with addServerMatches(), for messages the cache knows, in their
// place by date. Rows follow their messages' flags and leave with them.
class SearchResultsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { LocationColumn = MessageListModel::ColumnCount, FoundColumn, ColumnCount };
    enum Role {
        AccountIdRole = ItemRoles::AccountIdRole,
        FoundRole = Qt::UserRole + 700, // int, Found flags
        LocationRole, // QString: account and folder
    };
    enum Found {
        FoundHere = 0x1,
        FoundOnServer = 0x2,
    };

    explicit SearchResultsModel(QObject *parent = nullptr);
    ~SearchResultsModel() override;

    void addAccount(const QString &accountId, const QString &name, MessageStore *store);
    void setAccountName(const QString &accountId, const QString &name);
    void removeAccount(const QString &accountId);

    int limit() const { return m_limit; }
    void setLimit(int rows) { m_limit = std::max(1, rows); }

    // Searches every account's cache; empty clears the list.
    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }
    // Whether some cache is still being searched (the list may grow); searchFinished() when
    // none is any more.
    bool isSearching() const { return !m_searches.empty(); }
    // Messages of the account's folder that its server found for the current search.
    void addServerMatches(const QString &accountId, qint64 folderId, const QList<quint32> &uids);
    // Whether some server is still being asked (the list may grow).
    bool isServerSearching() const { return m_serverSearching; }
    void setServerSearching(bool searching);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void serverSearchingChanged(bool searching);
    void searchFinished();
    void errorOccurred(const MailError &error);

private:
    struct Account
    {
        QString id;
        QString name;
        QPointer<MessageStore> store;
    };
    struct Row
    {
        QString accountId;
        MessageRecord message;
        int found = 0;
    };
    using Answer = StoreResult<QList<MessageRecord>>;
    // An account's cache being searched.
    struct Search
    {
        QString accountId;
        QFutureWatcher<Answer> *watcher = nullptr; // deleted later: it is the caller of onSearched()
    };

    const Account *account(const QString &accountId) const;
    QString location(const Row &row) const;
    int rowOf(const QString &accountId, qint64 folderId, quint32 uid) const;
    // Where a message goes to keep the list newest first.
    int insertionRow(const MessageRecord &message) const;
    void onChanged(const QString &accountId, qint64 folderId, const QList<quint32> &uids);
    // Reads the rows of changed messages again, refreshBatch of them now (one query per folder)
    // and the rest in later turns of the event loop: a change of a whole folder may name every
    // row of the list.
    void refreshChanged();
    void onRemoved(const QString &accountId, qint64 folderId, const QList<quint32> &uids);
    void removeRows(const std::function<bool(const Row &)> &which);
    // The UIDs of the rows of one folder of one account.
    QSet<quint32> heldUids(const QString &accountId, qint64 folderId) const;
    void onSearched(QFutureWatcher<Answer> *watcher);
    // Stops the searches of accountId, or of every account when it is empty.
    void cancelSearches(const QString &accountId = {});

    QList<Account> m_accounts;
    QList<Row> m_rows;
    struct Changed
    {
        QString accountId;
        qint64 folderId = 0;
        quint32 uid = 0;
    };
    std::deque<Changed> m_changed; // still to read again (refreshChanged())
    static constexpr int refreshBatch = 25;
    QList<Search> m_searches;
    QString m_searchText;
    bool m_hasAttachmentOnly = false;
    bool m_serverSearching = false;
    int m_limit = 500;
    mutable QHash<QString, QString> m_folderNames; // "account/folder id" -> path
};
