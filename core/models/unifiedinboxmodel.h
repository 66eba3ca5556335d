#pragma once

#include "models/itemroles.h"

#include "common/mailerror.h"
#include "models/sortindexpreparer.h"
#include "store/messagequery.h"
#include "store/messagerecord.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

class QMimeData;

class MessageStore;

// The Inboxes of several accounts as one list, with MessageListModel's columns and roles plus
// the account of each row, sorted like a folder's list (date, sender, subject or size, either
// way; newest first to begin with). Each account's Inbox is read from its cache a window at a
// time in that order and merged as far as a view scrolls (canFetchMore()/fetchMore()), so even
// very large Inboxes cost only the rows shown.
//
// Flag changes update rows in place. Messages added or removed change the layout: the list is
// merged again as far as it was, and the rows a view holds (current, selected) follow their
// messages. Rows drag as MessageListModel's, with the account (accountMimeType()); a drag of
// rows of several accounts is refused.
class UnifiedInboxModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        AccountIdRole = ItemRoles::AccountIdRole,
    };

    explicit UnifiedInboxModel(QObject *parent = nullptr);
    ~UnifiedInboxModel() override;

    // Shows the Inbox of the account's cache (found by its special use or the name INBOX).
    void addAccount(const QString &accountId, MessageStore *store);
    void removeAccount(const QString &accountId);
    QStringList accountIds() const;
    void reload();

    int batchSize() const { return m_batchSize; }
    void setBatchSize(int rows);
    // Shows only the messages the store's full-text index matches; empty shows all.
    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }
    // As MessageListModel's: large Inboxes get a new order's index on a worker thread first.
    void setBackgroundIndexRows(int rows) { m_sortIndexes.setBackgroundRows(rows); }
    bool isWaitingForSortIndex() const { return m_sortIndexes.isBusy(); }

    // The account of dragged rows, in the MIME data beside MessageListModel::mimeType().
    static QString accountMimeType();
    static QString accountOf(const QMimeData *data);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void errorOccurred(const MailError &error);

private:
    struct Source
    {
        QString accountId;
        QPointer<MessageStore> store;
        qint64 inboxId = 0;
        QList<MessageRecord> pending; // read from the store, not merged yet
        int read = 0;
        bool exhausted = false;
    };
    struct Row
    {
        int source = 0;
        MessageRecord message;
    };

    void rebuild();
    // Every source read again from its start, no rows merged.
    void restart();
    // Merges up to count more rows from the sources' fronts.
    QList<Row> merge(int count);
    void findInbox(Source &source);
    bool fill(Source &source);
    int sourceIndex(const QString &accountId) const;
    void onChanged(const QString &accountId, qint64 folderId, const QList<quint32> &uids);
    // added: how many messages came (they may push held rows further down).
    void onStructureChanged(const QString &accountId, qint64 folderId, int added);

    QList<Source> m_sources;
    QList<Row> m_rows;
    MessageQuery m_sort; // sortKey and order; folder and search are per source
    SortIndexPreparer m_sortIndexes;
    int m_sortColumn = -1; // the sort asked for while its indexes are made
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;

    QString m_searchText;
    int m_batchSize = 200;
    bool m_inserting = false;
};
