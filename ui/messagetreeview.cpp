#include "messagetreeview.h"

#include "headerselection.h"

void MessageTreeView::setSelectionModel(QItemSelectionModel *selectionModel)
{
    QTreeView::setSelectionModel(selectionModel);
    HeaderSelection::detach(header());
}
