#pragma once

#include <QTreeView>

class QMimeData;

// The folder tree: a tree view that takes messages dragged from the message list and hands
// them on as messagesDropped() for the folder under the cursor, to be moved, or copied when
// Ctrl is held. A folder accepts them when it is selectable (a real, selectable mailbox) and
// is not the folder they come from; it may be a folder of another account. Messages that do
// not name their account come from the account of the folder on display (the current one).
class FolderTreeView : public QTreeView
{
    Q_OBJECT
public:
    explicit FolderTreeView(QWidget *parent = nullptr);

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

Q_SIGNALS:
    // sourceAccountId: the account the drag named, or empty (the account on display).
    void messagesDropped(const QModelIndex &folder, qint64 sourceFolderId,
                         const QList<quint32> &uids, const QString &sourceAccountId, bool copy);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QModelIndex targetFor(const QPoint &position, const QMimeData *mime) const;
    // Ctrl held, and the drag allows copying.
    static bool isCopy(const QDropEvent *event);

    int m_folderIdRole = -1;
    int m_accountIdRole = -1;
};
