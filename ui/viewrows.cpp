#include "viewrows.h"

#include <QTreeView>

namespace ViewRows {

QModelIndex below(const QAbstractItemView *view, const QModelIndex &index)
{
    if (const auto *tree = qobject_cast<const QTreeView *>(view))
        return tree->indexBelow(index);
    return index.isValid() ? index.sibling(index.row() + 1, index.column()) : QModelIndex();
}

QModelIndex above(const QAbstractItemView *view, const QModelIndex &index)
{
    if (const auto *tree = qobject_cast<const QTreeView *>(view))
        return tree->indexAbove(index);
    return index.isValid() && index.row() > 0 ? index.sibling(index.row() - 1, index.column())
                                              : QModelIndex();
}

} // namespace ViewRows
