#pragma once

#include <QTreeView>

// The message list in threads: a tree whose header keeps a selection model of its own
// (HeaderSelection::detach()), as the flat list's does.
class MessageTreeView : public QTreeView
{
    Q_OBJECT
public:
    using QTreeView::QTreeView;

    void setSelectionModel(QItemSelectionModel *selectionModel) override;
};
