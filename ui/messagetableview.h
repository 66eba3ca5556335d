#pragma once

#include <QTableView>

// The flat message list: a table that looks and behaves as the message tree does without
// threads (no grid, no row numbers, whole rows selected and focused, Home and End go to the
// first and last message), but never lays out its rows: every row has the height the
// delegate gives one line of text, so a reset costs the same for ten messages or a million.
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

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateRowHeight();
};
