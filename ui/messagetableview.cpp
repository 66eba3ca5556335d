#include "messagetableview.h"

#include "headerselection.h"

#include "messageitemdelegate.h"
#include "models/messagelistmodel.h"
#include "models/treerowsmodel.h"

#include <QAbstractItemDelegate>
#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyleOptionFocusRect>

MessageTableView::MessageTableView(QWidget *parent)
    : QTableView(parent)
{
    setShowGrid(false);
    setWordWrap(false);
    setCornerButtonEnabled(false);
    setTabKeyNavigation(false); // Tab leaves the list, as it leaves the tree
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setMinimumSectionSize(1);
    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setFirstSectionMovable(false);
    updateRowHeight();
}

void MessageTableView::setModel(QAbstractItemModel *model)
{
    // Before the rows exist: changing the height of a million rows emits a million signals.
    updateRowHeight();
    QTableView::setModel(model);
    // No row is hidden or of its own height, so the rows' header has nothing to keep across a
    // new order; yet before each one Qt's header walks all its sections, a few milliseconds at a
    // million rows and several times that on a busy machine. Its end of the change stays: it
    // lays the sections out again should their number differ.
    if (model) {
        QObject::disconnect(model,
                            SIGNAL(layoutAboutToBeChanged(QList<QPersistentModelIndex>,
                                                          QAbstractItemModel::LayoutChangeHint)),
                            verticalHeader(),
                            SLOT(_q_sectionsAboutToBeChanged(QList<QPersistentModelIndex>,
                                                             QAbstractItemModel::LayoutChangeHint)));
    }
    const int column = horizontalHeader()->sortIndicatorSection();
    if (model && isSortingEnabled() && column >= 0 && column < model->columnCount())
        model->sort(column, horizontalHeader()->sortIndicatorOrder());
}

void MessageTableView::setSelectionModel(QItemSelectionModel *selectionModel)
{
    QTableView::setSelectionModel(selectionModel);
    HeaderSelection::detach(horizontalHeader());
}

int MessageTableView::rowHeightHint() const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.features |= QStyleOptionViewItem::HasDisplay;
    option.text = QStringLiteral("Xg");
    QAbstractItemDelegate *delegate = itemDelegate();
    int height = delegate->sizeHint(option, QModelIndex()).height();
    option.font.setBold(true); // unread messages
    height = std::max(height, delegate->sizeHint(option, QModelIndex()).height());
    return height;
}

void MessageTableView::updateRowHeight()
{
    const int height = rowHeightHint();
    if (height != verticalHeader()->defaultSectionSize())
        verticalHeader()->setDefaultSectionSize(height);
}

void MessageTableView::changeEvent(QEvent *event)
{
    QTableView::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateRowHeight();
}

QModelIndex MessageTableView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    const QModelIndex current = currentIndex();
    const QAbstractItemModel *list = model();
    switch (cursorAction) {
    case MoveHome:
    case MoveEnd: {
        // The first or last message, not the first or last column of the row.
        if (!list || list->rowCount(rootIndex()) == 0)
            return current;
        const int row = cursorAction == MoveHome ? 0 : list->rowCount(rootIndex()) - 1;
        return list->index(row, current.isValid() ? current.column() : 0, rootIndex());
    }
    case MoveLeft:
    case MoveRight:
        if (TreeRowsModel *rows = treeRows(); rows && current.isValid()) {
            const QModelIndex row = current.siblingAtColumn(0);
            const bool expanded = rows->isExpanded(row);
            if (cursorAction == MoveRight && !expanded
                && row.data(TreeRowsModel::ExpandableRole).toBool()) {
                setExpanded(row, true);
                return current;
            }
            if (cursorAction == MoveRight && expanded)
                return current.siblingAtRow(current.row() + 1); // its first reply
            if (cursorAction == MoveLeft && expanded) {
                setExpanded(row, false);
                return currentIndex();
            }
            const int depth = row.data(TreeRowsModel::DepthRole).toInt();
            if (cursorAction == MoveLeft && depth > 0) {
                // The message it answers: the closest row above one level out.
                for (int above = current.row() - 1; above >= 0; --above) {
                    const QModelIndex at = current.siblingAtRow(above);
                    if (at.data(TreeRowsModel::DepthRole).toInt() < depth)
                        return at;
                }
            }
        }
        // The columns scroll into view; the current message stays.
        horizontalScrollBar()->triggerAction(cursorAction == MoveLeft
                                                     ? QAbstractSlider::SliderSingleStepSub
                                                     : QAbstractSlider::SliderSingleStepAdd);
        return current;
    default:
        return QTableView::moveCursor(cursorAction, modifiers);
    }
}

void MessageTableView::paintEvent(QPaintEvent *event)
{
    {
        // Rows far down a million are drawn blank until a worker read them.
        const MessageListModel::ViewPaint paint(model());
        QTableView::paintEvent(event);
    }
    // The current row shows focus as a whole, as the tree draws it with all columns focused.
    const QModelIndex current = currentIndex();
    if (!current.isValid() || !(hasFocus() || viewport()->hasFocus()))
        return;
    const int top = rowViewportPosition(current.row());
    if (top < 0 && top + rowHeight(current.row()) <= 0)
        return;
    QStyleOptionFocusRect focus;
    focus.initFrom(this);
    focus.state |= QStyle::State_KeyboardFocusChange | QStyle::State_HasFocus;
    const bool selected = selectionModel() && selectionModel()->isSelected(current);
    focus.backgroundColor = palette().color(isEnabled() ? QPalette::Normal : QPalette::Disabled,
                                            selected ? QPalette::Highlight : QPalette::Window);
    focus.rect = QRect(-horizontalOffset(), top, horizontalHeader()->length(),
                       rowHeight(current.row()));
    QPainter painter(viewport());
    style()->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, &painter, this);
}

TreeRowsModel *MessageTableView::treeRows() const
{
    return qobject_cast<TreeRowsModel *>(model());
}

void MessageTableView::setExpanded(const QModelIndex &index, bool expanded)
{
    TreeRowsModel *rows = treeRows();
    if (!rows || !index.isValid())
        return;
    const QModelIndex row = index.siblingAtColumn(0);
    if (!expanded && rows->isExpanded(row)) {
        // The current row would go with the replies: the thread takes it, as the message shown.
        const QModelIndex current = currentIndex();
        if (current.isValid() && current.row() > row.row()
            && current.row() <= row.row() + rows->rowsUnder(row)) {
            selectionModel()->setCurrentIndex(row, QItemSelectionModel::ClearAndSelect
                                                           | QItemSelectionModel::Rows);
        }
    }
    rows->setExpanded(row, expanded);
}

QModelIndex MessageTableView::branchAt(const QPoint &pos) const
{
    if (!treeRows())
        return {};
    const QModelIndex at = indexAt(pos);
    if (!at.isValid() || at.column() != MessageListModel::SubjectColumn
        || !at.data(TreeRowsModel::ExpandableRole).toBool())
        return {};
    const QRect branch = MessageItemDelegate::branchRect(visualRect(at),
                                                         at.data(TreeRowsModel::DepthRole).toInt(),
                                                         this);
    return branch.contains(pos) ? at : QModelIndex();
}

void MessageTableView::keyPressEvent(QKeyEvent *event)
{
    if (treeRows() && currentIndex().isValid()
        && (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Minus)) {
        setExpanded(currentIndex(), event->key() == Qt::Key_Plus);
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void MessageTableView::mousePressEvent(QMouseEvent *event)
{
    const QModelIndex branch = event->button() == Qt::LeftButton
                                       ? branchAt(event->position().toPoint())
                                       : QModelIndex();
    if (branch.isValid()) {
        // The arrow opens or closes the thread; the selection stays as it is.
        setExpanded(branch, !treeRows()->isExpanded(branch.siblingAtColumn(0)));
        event->accept();
        return;
    }
    QTableView::mousePressEvent(event);
}

void MessageTableView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (branchAt(event->position().toPoint()).isValid()) {
        mousePressEvent(event); // a quick second click on the arrow toggles again
        return;
    }
    QTableView::mouseDoubleClickEvent(event);
}
