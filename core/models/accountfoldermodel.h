#pragma once

#include "models/foldertreemodel.h"

#include <QAbstractItemModel>
#include <QPersistentModelIndex>
#include <QPointer>

#include <memory>
#include <vector>

// The folder list of the window: every account's folder tree under a row for the account, with
// All Inboxes first when there is more than one account and the Outbox last. It composes the
// accounts' FolderTreeModels and follows them in place: an unread count that changes is a
// dataChanged() of that row, and only a change of an account's folder list (a folder created,
// renamed, deleted) replaces that account's rows. The rows say what they are (KindRole), which
// folder of which account they show (a folder's name alone as its EditRole, with its unread
// count as its DisplayRole), and the name of the icon that fits them; the widgets turn
// that into icons and fonts.
class AccountFolderModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class Kind { AllInboxes, Account, Folder, Outbox };
    Q_ENUM(Kind)
    // The folder roles are FolderTreeModel's; these come on top.
    enum Role {
        AccountIdRole = ItemRoles::AccountIdRole,
        KindRole = Qt::UserRole + 40, // int, Kind
        IconNameRole, // "inbox", "sent", "outbox", "unified-inbox", "accounts", "folder", ...
        ConnectionStateRole, // on account rows: int, as the owner reports it
    };
    Q_ENUM(Role)

    explicit AccountFolderModel(QObject *parent = nullptr);
    ~AccountFolderModel() override;

    // Adds an account's row at position among the accounts, with the folders of tree (which
    // must outlive it here).
    void addAccount(int position, const QString &accountId, const QString &name,
                    const QString &address, FolderTreeModel *tree);
    void removeAccount(const QString &accountId);
    void setAccountName(const QString &accountId, const QString &name, const QString &address);
    void setConnectionState(const QString &accountId, int state, const QString &detail);
    void setAllInboxesUnread(int unread);
    void setOutboxCount(int count);

    QModelIndex allInboxesIndex() const;
    QModelIndex outboxIndex() const;
    QModelIndex accountIndex(const QString &accountId) const;
    QModelIndex folderIndex(const QString &accountId, qint64 folderId) const;
    // The name of the icon of a folder: its special use, else a well-known name, else "folder".
    static QString iconNameFor(FolderRecord::SpecialUse use, const QString &name);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Node;
    using Nodes = std::vector<std::unique_ptr<Node>>;

    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node) const;
    const Nodes &childrenOf(const Node *node) const;
    Node *accountNode(const QString &accountId) const;
    int accountCount() const;
    // The rows under an account, read from its tree.
    void fillFolders(Node *parent, FolderTreeModel *tree, const QModelIndex &sourceParent);
    void reloadFolders(const QString &accountId);
    void onSourceDataChanged(const QString &accountId, const QModelIndex &topLeft,
                             const QModelIndex &bottomRight);
    // All Inboxes is there with more than one account, the Outbox with any.
    void updateFixedRows();
    QVariant folderData(const Node *node, int role) const;

    Nodes m_top;
    int m_allInboxesUnread = 0;
    int m_outboxCount = 0;
};
