// MainWindow: the message list, shown in a table when flat and in a tree as threads, its
// columns, and the messages selected in it.
#include "mainwindow.h"

#include "messageitemdelegate.h"
#include "messageselectionkeeper.h"
#include "messagetableview.h"
#include "models/messagelistmodel.h"
#include "models/threadlistmodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

void MainWindow::setMessageModel(QAbstractItemModel *model)
{
    QAbstractItemView *view = model ? viewFor(model) : m_messageList;
    if (model == m_messageList->model()) {
        if (view != m_messageList) {
            switchListView(view);
            m_selectionKeeper->setView(view);
            layOutColumns(model);
        }
        updateEmptySearch();
        updateMessageActions();
        return; // the same list, reset by its folder when it changes
    }
    if (view != m_messageList)
        switchListView(view);
    m_selectionKeeper->setModel(model, view);
    for (const QMetaObject::Connection &connection : std::as_const(m_modelConnections))
        disconnect(connection);
    m_modelConnections.clear();
    if (model) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            m_modelConnections.append(connect(model, signal, this, &MainWindow::updateEmptySearch));
        m_modelConnections.append(connect(model, &QAbstractItemModel::modelReset, this,
                                          &MainWindow::updateEmptySearch));
        m_modelConnections.append(connect(model, &QAbstractItemModel::layoutChanged, this,
                                          &MainWindow::updateEmptySearch));
    }
    updateEmptySearch();
    layOutColumns(model);
    updateMessageActions();
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
                                  MessageItemDelegate::dateColumnWidth(m_messageList->font(),
                                                                       m_messageList->locale()));
            header->resizeSection(MessageListModel::SizeColumn,
                                  MessageItemDelegate::sizeColumnWidth(m_messageList->font(),
                                                                       m_messageList->locale()));
        }
        if (model->columnCount() > MessageListModel::ColumnCount)
            fitSearchColumns();
    }
    fitColumns();
}

QAbstractItemView *MainWindow::viewFor(const QAbstractItemModel *model) const
{
    if (qobject_cast<const ThreadListModel *>(model))
        return m_messageTree;
    const bool flat = qobject_cast<const QAbstractTableModel *>(model)
                      || qobject_cast<const QAbstractListModel *>(model);
    return flat || !isThreaded() ? static_cast<QAbstractItemView *>(m_messageTable) : m_messageTree;
}

void MainWindow::switchListView(QAbstractItemView *view)
{
    QHeaderView *from = messageHeader();
    QHeaderView *to = view == m_messageTree ? m_messageTree->header()
                                            : m_messageTable->horizontalHeader();
    // The columns as the user left them go with the list: widths, order and sort.
    const QAbstractItemModel *model = m_messageList->model();
    if (model && model->columnCount() > 1 && model->columnCount() <= MessageListModel::ColumnCount)
        m_pendingHeaderState = from->saveState();
    to->setSortIndicator(from->sortIndicatorSection(), from->sortIndicatorOrder());
    const bool focused = m_messageList->hasFocus();
    m_messageList = view;
    m_listStack->setCurrentWidget(view);
    m_emptySearch->parentWidget()->layout()->removeWidget(m_emptySearch);
    static_cast<QVBoxLayout *>(view->viewport()->layout())
            ->addWidget(m_emptySearch, 0, Qt::AlignCenter);
    if (focused)
        view->setFocus(Qt::OtherFocusReason);
}

QTableView *MainWindow::messageTable() const
{
    return m_messageTable;
}

QHeaderView *MainWindow::messageHeader() const
{
    return m_messageList == m_messageTree ? m_messageTree->header()
                                          : m_messageTable->horizontalHeader();
}

void MainWindow::fitColumns()
{
    // The subject takes the room there is: the other columns keep their widths, so Date and
    // Size stay in view in a narrow window and Size does not grow in a wide one.
    QAbstractItemModel *model = m_messageList->model();
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
    return m_messageList->selectionModel() ? m_messageList->selectionModel()->currentIndex()
                                           : QModelIndex();
}

QItemSelection MainWindow::selectedMessages() const
{
    const QItemSelectionModel *selection = m_messageList->selectionModel();
    return selection ? selection->selection() : QItemSelection();
}
