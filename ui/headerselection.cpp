#include "headerselection.h"

#include <QHeaderView>
#include <QItemSelectionModel>

namespace HeaderSelection {

void detach(QHeaderView *header)
{
    QItemSelectionModel *given = header->selectionModel();
    if (!given || !given->model() || given->parent() == header)
        return;
    const QList<QItemSelectionModel *> before = header->findChildren<QItemSelectionModel *>(
            Qt::FindDirectChildrenOnly);
    header->setSelectionModel(new QItemSelectionModel(given->model(), header));
    for (QItemSelectionModel *old : before)
        old->deleteLater();
}

} // namespace HeaderSelection
