#pragma once

#include <QTreeView>

// The folder tree: a tree view that takes messages dragged from the message list and hands
// them on as messagesDropped() for the folder under the cursor. A folder accepts them when it
// is selectable (a real, selectable mailbox) and is not the folder they come from.
class FolderTreeView : public QTreeView
{
    Q_OBJECT
public:
    explicit FolderTreeView(QWidget *parent = nullptr);

    // The role that holds a folder's id in the model (0 or none: no folder there).
    void setFolderIdRole(int role) { m_folderIdRole = role; }
    int folderIdRole() const { return m_folderIdRole; }

Q_SIGNALS:
    void messagesDropped(const QModelIndex &folder, qint64 sourceFolderId,
                         const QList<quint32> &uids);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QModelIndex targetFor(const QPoint &position, const QMimeData *mime) const;

    int m_folderIdRole = -1;
};
