#pragma once

#include <QPersistentModelIndex>
#include <QTreeView>

class QMimeData;

// The folder tree: a tree view that takes messages dragged from the message list and hands
// them on as messagesDropped() for the folder under the cursor, to be moved, or copied when
// Ctrl is held. A folder accepts them when it is selectable (a real, selectable mailbox) and
// is not the folder they come from; it may be a folder of another account. Messages that do
// not name their account come from the account of the folder on display (the current one).
//
// The folder on display stays current when the model lays out an account's folders anew (a
// folder renamed or created): currentFolderChanged() tells only real changes of folder. A right
// click opens the context menu without opening the folder. With subscribedOnly, the folders
// the user is not subscribed to are hidden (the Inbox and the special folders, and folders
// holding subscribed ones, stay).
class FolderTreeView : public QTreeView
{
    Q_OBJECT
public:
    explicit FolderTreeView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

    // The role that holds a folder's id in the model (0 or none: no folder there).
    void setFolderIdRole(int role) { m_folderIdRole = role; }
    int folderIdRole() const { return m_folderIdRole; }
    // The role that holds a folder's account id in the model.
    void setAccountIdRole(int role) { m_accountIdRole = role; }
    int accountIdRole() const { return m_accountIdRole; }

    // Whether the messages in mime (as a message list's mimeData() gives them) may go to folder.
    bool acceptsMessages(const QModelIndex &folder, const QMimeData *mime) const;
    // Whether index is a folder (not an account's heading or a view like All Inboxes).
    bool isFolder(const QModelIndex &index) const;
    // The top of account's part of the tree; without one, the top of the current folder's.
    QModelIndex accountRoot(const QString &account) const;

    void setSubscribedOnly(bool subscribedOnly);
    bool isSubscribedOnly() const { return m_subscribedOnly; }

Q_SIGNALS:
    // sourceAccountId: the account the drag named, or empty (the account on display).
    void messagesDropped(const QModelIndex &folder, qint64 sourceFolderId,
                         const QList<quint32> &uids, const QString &sourceAccountId, bool copy);
    // The current row is another folder (or view) than before.
    void currentFolderChanged(const QModelIndex &current);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;

private:
    QModelIndex targetFor(const QPoint &position, const QMimeData *mime) const;
    // Ctrl held, and the drag allows copying.
    static bool isCopy(const QDropEvent *event);
    // The rows of the current folder are about to go: it is found again when they return.
    void keepCurrent();
    void restoreCurrent();
    void finishRestore();
    QModelIndex findFolder(const QModelIndex &parent) const;
    // Hides or shows the rows below parent for subscribedOnly; true when any is shown.
    bool applyFilter(const QModelIndex &parent);
    void applyFilter();

    int m_folderIdRole = -1;
    int m_accountIdRole = -1;
    bool m_subscribedOnly = false;
    // While an account's rows are laid out anew: the folder to make current again.
    bool m_restoring = false;
    QString m_keptAccount;
    qint64 m_keptFolder = 0;
    QPersistentModelIndex m_lastCurrent;
};
