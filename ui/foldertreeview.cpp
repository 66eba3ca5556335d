#include "foldertreeview.h"

#include "models/messagelistmodel.h"
#include "models/unifiedinboxmodel.h"

#include <QDragEnterEvent>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QMimeData>

FolderTreeView::FolderTreeView(QWidget *parent)
    : QTreeView(parent)
{
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DropOnly);
}

bool FolderTreeView::acceptsMessages(const QModelIndex &folder, const QMimeData *mime) const
{
    qint64 sourceFolder = 0;
    QList<quint32> uids;
    if (!MessageListModel::decodeMimeData(mime, &sourceFolder, &uids))
        return false;
    if (!folder.isValid() || !(folder.flags() & Qt::ItemIsSelectable))
        return false;
    // Folder ids are per account: the same folder is the same id in the same account.
    QString sourceAccount = UnifiedInboxModel::accountOf(mime);
    if (sourceAccount.isEmpty() && m_accountIdRole >= 0)
        sourceAccount = currentIndex().data(m_accountIdRole).toString();
    const bool sameAccount = m_accountIdRole < 0
                             || folder.data(m_accountIdRole).toString() == sourceAccount;
    if (m_folderIdRole >= 0) {
        const qint64 id = folder.data(m_folderIdRole).toLongLong();
        if (id == 0 || (sameAccount && id == sourceFolder))
            return false;
    }
    return true;
}

QModelIndex FolderTreeView::targetFor(const QPoint &position, const QMimeData *mime) const
{
    const QModelIndex folder = indexAt(position);
    return acceptsMessages(folder, mime) ? folder : QModelIndex();
}

void FolderTreeView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!event->mimeData()->hasFormat(MessageListModel::mimeType()))
        return QTreeView::dragEnterEvent(event);
    event->acceptProposedAction();
}

void FolderTreeView::dragMoveEvent(QDragMoveEvent *event)
{
    if (!event->mimeData()->hasFormat(MessageListModel::mimeType()))
        return QTreeView::dragMoveEvent(event);
    if (targetFor(event->position().toPoint(), event->mimeData()).isValid()) {
        event->setDropAction(isCopy(event) ? Qt::CopyAction : Qt::MoveAction);
        event->accept();
    } else {
        event->ignore();
    }
}

void FolderTreeView::dropEvent(QDropEvent *event)
{
    const QModelIndex folder = targetFor(event->position().toPoint(), event->mimeData());
    qint64 sourceFolder = 0;
    QList<quint32> uids;
    if (!folder.isValid()
        || !MessageListModel::decodeMimeData(event->mimeData(), &sourceFolder, &uids)) {
        event->ignore();
        return;
    }
    const bool copy = isCopy(event);
    event->setDropAction(copy ? Qt::CopyAction : Qt::MoveAction);
    event->accept();
    Q_EMIT messagesDropped(folder, sourceFolder, uids,
                           UnifiedInboxModel::accountOf(event->mimeData()), copy);
}

bool FolderTreeView::isCopy(const QDropEvent *event)
{
    return (event->modifiers() & Qt::ControlModifier)
           && (event->possibleActions() & Qt::CopyAction);
}

bool FolderTreeView::isFolder(const QModelIndex &index) const
{
    return index.isValid() && m_folderIdRole >= 0 && index.data(m_folderIdRole).toLongLong() != 0;
}

QModelIndex FolderTreeView::accountRoot(const QString &account) const
{
    QModelIndex root = currentIndex();
    while (root.parent().isValid())
        root = root.parent();
    for (int row = 0;
         model() && !account.isEmpty() && m_accountIdRole >= 0 && row < model()->rowCount();
         ++row) {
        const QModelIndex top = model()->index(row, 0);
        if (top.data(m_accountIdRole).toString() == account)
            return top;
    }
    return root;
}
