#pragma once

#include "common/mailerror.h"
#include "store/messagequery.h"
#include "store/storeresult.h"
#include "store/threadroot.h"
#include "store/threadrow.h"

#include <QAbstractItemModel>
#include <QFutureWatcher>
#include <QHash>
#include <QPointer>

class MessageStore;

// The messages of one folder as threads: a tree whose top level holds the first message of each
// conversation (in the chosen order, read lazily in windows like MessageListModel) and whose
// children are the replies, by References and In-Reply-To, read only when a thread is expanded.
// It has MessageListModel's columns and roles, so views and actions treat both alike.
//
// Flag changes update rows in place. Messages added or removed change the layout: the rows a
// view holds (current, selected, expanded) follow their messages to their new places, and those
// whose message is gone become invalid.
class ThreadListModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    // Beside MessageListModel's roles: on a thread's first message, how many messages its
    // conversation has here, itself included (0 on replies). Its Subject column shows it too,
    // "Plans (3)", when there is more than one.
    enum Role { ConversationSizeRole = Qt::UserRole + 60 };

    explicit ThreadListModel(MessageStore *store, QObject *parent = nullptr);
    ~ThreadListModel() override;

    // Flat conversations: under each thread's first message, every other message of its
    // conversation on one level, oldest first, instead of a level per reply.
    void setFlat(bool flat);
    bool isFlat() const { return m_flat; }

    qint64 folderId() const { return m_query.folderId; }
    void setFolderId(qint64 folderId);
    void setSearchText(const QString &text);
    MessageQuery query() const { return m_query; }
    void reload();

    // The roots are read on a worker thread after each reset (folder, search, order): until
    // they come the list is empty, then they are inserted at once.
    bool isLoading() const { return m_loading; }
    int windowSize() const { return m_windowSize; }
    int rootWindowLoadCount() const { return m_windowLoads; }
    int replyLoadCount() const { return m_replyLoads; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void errorOccurred(const MailError &error);
    // Mail came or went in the folder: emitted before the rows change, so that a model over
    // this one can hold the rows its views hold as persistent indexes of this one. Rows held
    // are kept where they are; when none is, the threads are read again in the background.
    void rowsAboutToChange();

private:
    // The replies of one message, kept once read. Children's internal id is their parent's UID;
    // the parent's own place is remembered to answer parent().
    struct Replies
    {
        int parentRow = 0;
        quintptr parentInternalId = 0; // 0: the parent is a thread root
        QList<ThreadRow> rows;
    };

    ThreadRow *row(const QModelIndex &index) const;
    int conversationSize(const ThreadRow &root) const;
    ThreadRow *rootRow(int row) const;
    // The message at index, and whether it has replies, for a root without reading its row.
    quint32 uidAt(const QModelIndex &index) const;
    bool hasReplies(const QModelIndex &index) const;
    // Makes room for one more window, least recently used first.
    void evictWindows() const;
    Replies *repliesOf(const QModelIndex &parent) const;
    void resetWith(const MessageQuery &query);
    bool reportError(const MailError &error) const;
    void onChanged(qint64 folderId, const QList<quint32> &uids);
    void onStructureChanged(qint64 folderId);
    // The UIDs from the thread root down to the message at index.
    QList<quint32> pathOf(const QModelIndex &index) const;
    QModelIndex indexOfPath(const QList<quint32> &path, int column,
                            const QHash<quint32, int> &rootRows) const;
    // Reads the thread roots of m_query, here or in the background.
    void readRoots();
    void readRootsLater();
    void onRootsRead();
    void clearRows();

    QPointer<MessageStore> m_store;
    MessageQuery m_query;
    bool m_flat = false;
    // Messages in a root's conversation (by its UID), counted when first shown.
    mutable QHash<quint32, int> m_sizes;
    // Every root in order, so that views may lay out all rows without reading them.
    QList<ThreadRoot> m_roots;
    QFutureWatcher<StoreResult<QList<ThreadRoot>>> m_rootsWatcher;
    bool m_loading = false;
    int m_windowSize = 200;
    int m_maxWindows = 8;
    mutable QHash<int, QList<ThreadRow>> m_windows;
    mutable QList<int> m_windowUse; // least recently used first
    mutable QHash<quint32, Replies> m_replies;
    mutable int m_windowLoads = 0;
    mutable int m_replyLoads = 0;
};
