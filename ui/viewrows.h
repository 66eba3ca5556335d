#pragma once

#include <QModelIndex>

class QAbstractItemView;

// The rows of a message list in the order its view shows them: a tree's rows as unfolded, a
// table's rows one after the other.
namespace ViewRows {
QModelIndex below(const QAbstractItemView *view, const QModelIndex &index);
QModelIndex above(const QAbstractItemView *view, const QModelIndex &index);
} // namespace ViewRows
