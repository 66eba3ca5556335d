#pragma once

#include "common/mailerror.h"
#include "store/messagerecord.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

class MessageStore;

// The Inboxes of several accounts as one list, newest first (or oldest first), with
// MessageListModel's columns and roles plus the account of each row. Each account's Inbox is
// read from its cache a window at a time and merged by date as far as a view scrolls
// (canFetchMore()/fetchMore()), so even very large Inboxes cost only the rows shown.
//
// Flag changes update rows in place; messages added or removed rebuild the list.
class UnifiedInboxModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        AccountIdRole = Qt::UserRole + 60,
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

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
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
    void findInbox(Source &source);
    bool fill(Source &source);
    bool newer(const MessageRecord &a, const MessageRecord &b) const;
    int sourceIndex(const QString &accountId) const;
    void onChanged(const QString &accountId, qint64 folderId, const QList<quint32> &uids);
    void onStructureChanged(const QString &accountId, qint64 folderId);

    QList<Source> m_sources;
    QList<Row> m_rows;
    Qt::SortOrder m_order = Qt::DescendingOrder;
    QString m_searchText;
    int m_batchSize = 200;
    bool m_inserting = false;
};
