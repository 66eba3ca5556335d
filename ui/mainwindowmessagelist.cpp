// MainWindow: the message list, shown in a table whether flat or as threads, its columns, and
// the messages selected in it.
#include "mainwindow.h"

#include "messageitemdelegate.h"
#include "messageselectionkeeper.h"
#include "messagetableview.h"
#include "models/messagelistmodel.h"
#include "models/threadlistmodel.h"
#include "models/treerowsmodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>

void MainWindow::setMessageModel(QAbstractItemModel *model)
{
    const bool threads = model && showsAsThreads(model);
    QAbstractItemModel *shown = threads ? m_threadRows : model;
    if (model == messageModel() && shown == m_messageTable->model()) {
        updateEmptySearch();
        updateMessageActions();
        return; // the same list, reset by its folder when it changes
    }
    // The columns as the user left them go with the list: widths, order and sort.
    const QAbstractItemModel *before = m_messageTable->model();
    if (before && before->columnCount() > 1
        && before->columnCount() <= MessageListModel::ColumnCount)
        m_pendingHeaderState = messageHeader()->saveState();
    if (threads) {
        if (m_messageTable->model() == m_threadRows)
            m_selectionKeeper->setModel(nullptr); // the rows of another list follow
        m_threadRows->setSourceModel(model);
    }
    m_selectionKeeper->setModel(shown);
    if (!threads)
        m_threadRows->setSourceModel(nullptr); // no work on a list no longer shown
    for (const QMetaObject::Connection &connection : std::as_const(m_modelConnections))
        disconnect(connection);
    m_modelConnections.clear();
    if (auto *list = qobject_cast<ThreadListModel *>(model); list && threads) {
        // The rows selected stay in place when mail comes or goes.
        m_modelConnections.append(connect(list, &ThreadListModel::rowsAboutToChange, m_threadRows,
                                          &TreeRowsModel::holdSourceRows));
    }
    if (shown) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            m_modelConnections.append(connect(shown, signal, this, &MainWindow::updateEmptySearch));
        m_modelConnections.append(connect(shown, &QAbstractItemModel::modelReset, this,
                                          &MainWindow::updateEmptySearch));
        m_modelConnections.append(connect(shown, &QAbstractItemModel::layoutChanged, this,
                                          &MainWindow::updateEmptySearch));
    }
    updateEmptySearch();
    layOutColumns(shown);
    updateMessageActions();
}

bool MainWindow::showsAsThreads(const QAbstractItemModel *model) const
{
    if (qobject_cast<const ThreadListModel *>(model))
        return true;
    const bool flat = qobject_cast<const QAbstractTableModel *>(model)
                      || qobject_cast<const QAbstractListModel *>(model);
    return !flat && isThreaded();
}

QAbstractItemModel *MainWindow::messageModel() const
{
    QAbstractItemModel *shown = m_messageTable->model();
    return shown == m_threadRows ? m_threadRows->sourceModel() : shown;
}

void MainWindow::layOutColumns(const QAbstractItemModel *model)
{
    if (!m_pendingHeaderState.isEmpty()) {
        messageHeader()->restoreState(m_pendingHeaderState);
        if (model && model->columnCount() > MessageListModel::ColumnCount)
            fitSearchColumns();
    } else if (model && model->columnCount() > 1) {
        // First start: the subject gets the room, the other columns a fixed width.
        QHeaderView *header = messageHeader();
        // Flat, threaded and unified lists all have the message list's columns.
        // (Search results add where each message lives and who found it.)
        const bool messageList = qobject_cast<const MessageListModel *>(model) != nullptr
                                 || model->columnCount() >= MessageListModel::ColumnCount;
        const int subject = messageList ? MessageListModel::SubjectColumn : 0;
        for (int column = 0; column < model->columnCount(); ++column)
            header->resizeSection(column, column == subject ? 360 : 130);
        if (messageList) {
            header->resizeSection(MessageListModel::StatusColumn, 56);
            header->resizeSection(MessageListModel::SenderColumn, 150);
            header->resizeSection(MessageListModel::DateColumn,
                                  MessageItemDelegate::dateColumnWidth(m_messageTable->font(),
                                                                       m_messageTable->locale()));
            header->resizeSection(MessageListModel::SizeColumn,
                                  MessageItemDelegate::sizeColumnWidth(m_messageTable->font(),
                                                                       m_messageTable->locale()));
        }
        if (model->columnCount() > MessageListModel::ColumnCount)
            fitSearchColumns();
    }
    fitColumns();
}

QAbstractItemView *MainWindow::messageView() const
{
    return m_messageTable;
}

QTableView *MainWindow::messageTable() const
{
    return m_messageTable;
}

QHeaderView *MainWindow::messageHeader() const
{
    return m_messageTable->horizontalHeader();
}

void MainWindow::fitColumns()
{
    // The subject takes the room there is: the other columns keep their widths, so Date and
    // Size stay in view in a narrow window and Size does not grow in a wide one.
    QAbstractItemModel *model = m_messageTable->model();
    QHeaderView *header = messageHeader();
    if (!model || model->columnCount() != MessageListModel::ColumnCount)
        return;
    header->setStretchLastSection(false);
    for (int column = 0; column < model->columnCount(); ++column)
        header->setSectionResizeMode(column, column == MessageListModel::SubjectColumn
                                                     ? QHeaderView::Stretch
                                                     : QHeaderView::Interactive);
}

QModelIndex MainWindow::currentMessage() const
{
    return m_messageTable->selectionModel() ? m_messageTable->selectionModel()->currentIndex()
                                            : QModelIndex();
}

QItemSelection MainWindow::selectedMessages() const
{
    const QItemSelectionModel *selection = m_messageTable->selectionModel();
    return selection ? selection->selection() : QItemSelection();
}
