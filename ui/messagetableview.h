#pragma once

#include <QTableView>

class TreeRowsModel;

// The message list: a table (no grid, no row numbers, whole rows selected and focused, Home
// and End go to the first and last message) that never lays out its rows: every row has the
// height the delegate gives one line of text, so a reset costs the same for ten messages or a
// million.
//
// Threads come as TreeRowsModel's rows, and the table then acts as a tree does: a click on a
// row's arrow, Right or + expands it, Left or - collapses it (Left on a reply goes to the
// message it answers), and a collapsed thread that held the current row takes it.
class MessageTableView : public QTableView
{
    Q_OBJECT
public:
    explicit MessageTableView(QWidget *parent = nullptr);

    // As a tree does, a new model is sorted by the header's sort indicator.
    void setModel(QAbstractItemModel *model) override;
    // The header keeps a selection model of its own (HeaderSelection::detach()).
    void setSelectionModel(QItemSelectionModel *selectionModel) override;

    // The height of every row, from the delegate and the view's font.
    int rowHeightHint() const;

    // Expands or collapses the thread row at index (threads only).
    void setExpanded(const QModelIndex &index, bool expanded);

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    void updateRowHeight();
    TreeRowsModel *treeRows() const;
    // The row whose arrow is at pos, if any.
    QModelIndex branchAt(const QPoint &pos) const;
};
