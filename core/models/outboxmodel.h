#pragma once

#include "models/itemroles.h"

#include "outbox/outboxentry.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

class MessageSender;

// The messages waiting in the outboxes of all accounts, one row each, oldest first per
// account. Rows are read again from the senders whenever one of them reports a change (an
// outbox holds a handful of messages, so a reset is cheap and keeps the model simple).
class OutboxModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SubjectColumn,
        RecipientsColumn,
        StateColumn,
        ErrorColumn,
        QueuedColumn,
        ColumnCount,
    };
    Q_ENUM(Column)

    enum Role {
        EntryIdRole = Qt::UserRole + 1,
        AccountIdRole = ItemRoles::AccountIdRole,
        StateRole = Qt::UserRole + 2, // int, OutboxEntry::State
        CanRetryRole, // the user may send it now: any state but being sent
        IsSendingRole,
        ErrorRole,
        NextAttemptRole, // QDateTime (local time) of the automatic retry; invalid when none
    };
    Q_ENUM(Role)

    explicit OutboxModel(QObject *parent = nullptr);
    ~OutboxModel() override;

    // Follows sender's entries; not owned. A second call for the same account replaces it.
    void addSender(const QString &accountId, MessageSender *sender);
    void removeSender(const QString &accountId);
    MessageSender *sender(const QString &accountId) const;
    // Reads every sender's entries again.
    void reload();

    OutboxEntry entry(const QModelIndex &index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString stateText(OutboxEntry::State state);
    // "14:32", or with the date when it is not today.
    static QString attemptTimeText(const QDateTime &time);

private:
    struct Source
    {
        QString accountId;
        QPointer<MessageSender> sender;
    };

    QList<Source> m_sources;
    QList<OutboxEntry> m_entries;
    QStringList m_sending; // entry ids being submitted, per reload
};
