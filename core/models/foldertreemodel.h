#pragma once

#include "models/itemroles.h"

#include "common/mailerror.h"
#include "store/foldercounts.h"
#include "store/folderrecord.h"

#include <QAbstractItemModel>
#include <QPointer>

#include <memory>

class FolderCounter;
class MessageStore;

// The folders of one account as a tree built from their paths and hierarchy delimiters.
// Parents that the server did not list get a node of their own that cannot be selected.
// Children are ordered with the special folders first (Inbox, Drafts, Sent, Archive, Junk,
// Trash), then by name. Unread counts come from the cache, or from the server's last STATUS
// while nothing of the folder is cached; they follow the store's change signals. A large
// folder is counted on a worker, and its counts show when they come.
class FolderTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role {
        FolderIdRole = ItemRoles::FolderIdRole, // 0 for a parent that was not listed
        PathRole = Qt::UserRole + 1,
        SpecialUseRole, // int, FolderRecord::SpecialUse
        UnreadCountRole,
        MessageCountRole,
        IsSelectableRole,
        IsSubscribedRole,
    };
    Q_ENUM(Role)

    explicit FolderTreeModel(MessageStore *store, QObject *parent = nullptr);
    ~FolderTreeModel() override;

    // Reads the folder list again; a reset only when the tree's shape changed.
    void reload();

    QModelIndex indexForPath(const QString &path) const;
    QModelIndex indexForFolderId(qint64 folderId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void errorOccurred(const MailError &error);

private:
    struct Node;
    // toCount: the folders whose counts are not known yet.
    std::unique_ptr<Node> buildTree(const QList<FolderRecord> &folders,
                                    QList<qint64> *toCount) const;
    QModelIndex indexOf(const Node *node) const;
    Node *nodeFor(const QModelIndex &index) const;
    void updateCounts(qint64 folderId);
    void showCounts(qint64 folderId, const FolderCounts &counts);

    QPointer<MessageStore> m_store;
    std::unique_ptr<Node> m_root;
    FolderCounter *m_counter = nullptr;
};
