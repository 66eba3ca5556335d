#include "foldertreeview.h"

#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "models/unifiedinboxmodel.h"

#include <QDragEnterEvent>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QTimer>

FolderTreeView::FolderTreeView(QWidget *parent)
    : QTreeView(parent)
{
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DropOnly);
}

void FolderTreeView::setModel(QAbstractItemModel *model)
{
    if (QAbstractItemModel *old = this->model())
        disconnect(old, nullptr, this, nullptr);
    QTreeView::setModel(model);
    m_lastCurrent = QPersistentModelIndex();
    if (!model)
        return;
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (m_restoring)
                    return;
                m_lastCurrent = current;
                Q_EMIT currentFolderChanged(current);
            });
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &FolderTreeView::keepCurrent);
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        restoreCurrent();
        applyFilter();
    });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        restoreCurrent();
        applyFilter();
    });
    connect(model, &QAbstractItemModel::layoutChanged, this, [this] { applyFilter(); });
    connect(model, &QAbstractItemModel::dataChanged, this, [this] { applyFilter(); });
    applyFilter();
}

void FolderTreeView::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    // Before the view moves the current row away from the rows that go.
    for (QModelIndex at = currentIndex(); at.isValid(); at = at.parent()) {
        if (at.parent() == parent && at.row() >= start && at.row() <= end) {
            keepCurrent();
            break;
        }
    }
    QTreeView::rowsAboutToBeRemoved(parent, start, end);
}

void FolderTreeView::keepCurrent()
{
    const QModelIndex current = currentIndex();
    if (m_restoring || !isFolder(current))
        return;
    m_restoring = true;
    m_keptAccount = m_accountIdRole >= 0 ? current.data(m_accountIdRole).toString() : QString();
    m_keptFolder = current.data(m_folderIdRole).toLongLong();
    // What the model did not bring back by the next turn of the event loop is gone.
    QTimer::singleShot(0, this, &FolderTreeView::finishRestore);
}

void FolderTreeView::restoreCurrent()
{
    if (!m_restoring || !model())
        return;
    const QModelIndex found = findFolder(QModelIndex());
    if (!found.isValid())
        return;
    setCurrentIndex(found);
    m_restoring = false;
    m_lastCurrent = found;
}

void FolderTreeView::finishRestore()
{
    if (!m_restoring)
        return;
    m_restoring = false;
    if (currentIndex() != m_lastCurrent) {
        m_lastCurrent = currentIndex();
        Q_EMIT currentFolderChanged(currentIndex());
    }
}

QModelIndex FolderTreeView::findFolder(const QModelIndex &parent) const
{
    for (int row = 0; row < model()->rowCount(parent); ++row) {
        const QModelIndex index = model()->index(row, 0, parent);
        if (index.data(m_folderIdRole).toLongLong() == m_keptFolder
            && (m_accountIdRole < 0 || index.data(m_accountIdRole).toString() == m_keptAccount))
            return index;
        const QModelIndex below = findFolder(index);
        if (below.isValid())
            return below;
    }
    return {};
}

void FolderTreeView::setSubscribedOnly(bool subscribedOnly)
{
    if (m_subscribedOnly == subscribedOnly)
        return;
    m_subscribedOnly = subscribedOnly;
    applyFilter();
}

void FolderTreeView::applyFilter()
{
    if (model())
        applyFilter(QModelIndex());
}

bool FolderTreeView::applyFilter(const QModelIndex &parent)
{
    bool anyShown = false;
    for (int row = 0; row < model()->rowCount(parent); ++row) {
        const QModelIndex index = model()->index(row, 0, parent);
        const bool childShown = applyFilter(index);
        bool shown = true;
        if (m_subscribedOnly && parent.isValid()) {
            // Account headings and views (top level) always show; in an account, a folder
            // shows when subscribed or special, a folder only named as a parent when it
            // holds one that shows.
            const bool folder = isFolder(index);
            const bool subscribed = index.data(FolderTreeModel::IsSubscribedRole).toBool();
            const bool special = index.data(FolderTreeModel::SpecialUseRole).toInt() != 0;
            shown = childShown || (folder && (subscribed || special));
        }
        if (isRowHidden(row, parent) == shown)
            setRowHidden(row, parent, !shown);
        anyShown |= shown;
    }
    return anyShown;
}

void FolderTreeView::mousePressEvent(QMouseEvent *event)
{
    // The context menu acts on the folder clicked; the folder on display stays.
    if (event->button() == Qt::RightButton) {
        event->accept();
        return;
    }
    QTreeView::mousePressEvent(event);
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
