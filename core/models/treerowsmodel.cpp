#include "treerowsmodel.h"

#include <algorithm>

TreeRowsModel::TreeRowsModel(QObject *parent)
    : QAbstractProxyModel(parent)
{ }

TreeRowsModel::~TreeRowsModel() = default;

void TreeRowsModel::setSourceModel(QAbstractItemModel *source)
{
    if (source == sourceModel())
        return;
    beginResetModel();
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_expanded.clear();
    QAbstractProxyModel::setSourceModel(source);
    if (source)
        connectSource(source);
    rebuild();
    endResetModel();
}

void TreeRowsModel::connectSource(QAbstractItemModel *source)
{
    // A new set of rows, or new columns: nothing stays open.
    const auto beginReset = [this] {
        beginResetModel();
    };
    const auto endReset = [this] {
        m_expanded.clear();
        m_sourceHolds.clear();
        rebuild();
        endResetModel();
    };
    m_connections << connect(source, &QAbstractItemModel::modelAboutToBeReset, this, beginReset)
                  << connect(source, &QAbstractItemModel::modelReset, this, endReset)
                  << connect(source, &QAbstractItemModel::columnsAboutToBeInserted, this, beginReset)
                  << connect(source, &QAbstractItemModel::columnsInserted, this, endReset)
                  << connect(source, &QAbstractItemModel::columnsAboutToBeRemoved, this, beginReset)
                  << connect(source, &QAbstractItemModel::columnsRemoved, this, endReset)
                  << connect(source, &QAbstractItemModel::columnsAboutToBeMoved, this, beginReset)
                  << connect(source, &QAbstractItemModel::columnsMoved, this, endReset)
                  << connect(source, &QObject::destroyed, this,
                             [this] {
                                 // QAbstractProxyModel has let go of it already: no rows are left.
                                 beginResetModel();
                                 m_expanded.clear();
                                 m_sourceHolds.clear();
                                 m_expandedNow.clear();
                                 m_opened.clear();
                                 m_shownBelow = 0;
                                 endResetModel();
                             })
                  << connect(source, &QAbstractItemModel::layoutAboutToBeChanged, this,
                             &TreeRowsModel::beginLayoutChange)
                  << connect(source, &QAbstractItemModel::layoutChanged, this,
                             &TreeRowsModel::endLayoutChange)
                  << connect(source, &QAbstractItemModel::rowsAboutToBeMoved, this,
                             &TreeRowsModel::beginLayoutChange)
                  << connect(source, &QAbstractItemModel::rowsMoved, this,
                             &TreeRowsModel::endLayoutChange)
                  << connect(source, &QAbstractItemModel::rowsAboutToBeInserted, this,
                             &TreeRowsModel::onRowsAboutToBeInserted)
                  << connect(source, &QAbstractItemModel::rowsInserted, this,
                             &TreeRowsModel::onRowsInserted)
                  << connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                             &TreeRowsModel::onRowsAboutToBeRemoved)
                  << connect(source, &QAbstractItemModel::rowsRemoved, this,
                             &TreeRowsModel::onRowsRemoved)
                  << connect(source, &QAbstractItemModel::dataChanged, this,
                             &TreeRowsModel::onDataChanged)
                  << connect(source, &QAbstractItemModel::headerDataChanged, this,
                             [this](Qt::Orientation orientation, int first, int last) {
                                 if (orientation == Qt::Horizontal)
                                     Q_EMIT headerDataChanged(orientation, first, last);
                             });
}

void TreeRowsModel::rebuild()
{
    m_expanded.removeIf([](const QPersistentModelIndex &index) { return !index.isValid(); });
    m_expandedNow.clear();
    m_opened.clear();
    for (const QPersistentModelIndex &index : std::as_const(m_expanded)) {
        m_expandedNow.insert(index);
        if (!index.parent().isValid())
            m_opened.append({index, index.row(), 0, {}});
    }
    std::sort(m_opened.begin(), m_opened.end(),
              [](const Opened &a, const Opened &b) { return a.topRow < b.topRow; });
    m_shownBelow = 0;
    for (Opened &opened : m_opened) {
        opened.before = m_shownBelow;
        collectShown(opened.top, 1, &opened.rows);
        m_shownBelow += int(opened.rows.size());
    }
}

void TreeRowsModel::collectShown(const QModelIndex &parent, int depth, QList<Shown> *rows) const
{
    const int count = sourceModel()->rowCount(parent);
    for (int row = 0; row < count; ++row) {
        const QModelIndex child = sourceModel()->index(row, 0, parent);
        rows->append({child, depth});
        if (m_expandedNow.contains(child))
            collectShown(child, depth + 1, rows);
    }
}

qsizetype TreeRowsModel::openedAtOrAboveRow(int row) const
{
    const auto after = std::upper_bound(m_opened.cbegin(), m_opened.cend(), row,
                                        [](int r, const Opened &o) { return r < o.start(); });
    return (after - m_opened.cbegin()) - 1;
}

qsizetype TreeRowsModel::openedAtOrAboveTop(int topRow) const
{
    const auto after = std::upper_bound(m_opened.cbegin(), m_opened.cend(), topRow,
                                        [](int r, const Opened &o) { return r < o.topRow; });
    return (after - m_opened.cbegin()) - 1;
}

TreeRowsModel::Shown TreeRowsModel::locate(int row) const
{
    QAbstractItemModel *source = sourceModel();
    if (!source || row < 0 || row >= rowCount())
        return {{}, 0};
    const qsizetype at = openedAtOrAboveRow(row);
    if (at < 0)
        return {source->index(row, 0), 0};
    const Opened &opened = m_opened.at(at);
    const int offset = row - opened.start();
    if (offset == 0)
        return {source->index(opened.topRow, 0), 0};
    if (offset <= opened.rows.size())
        return opened.rows.at(offset - 1);
    return {source->index(row - opened.before - int(opened.rows.size()), 0), 0};
}

QModelIndex TreeRowsModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || proxyIndex.model() != this)
        return {};
    const QModelIndex source = locate(proxyIndex.row()).source;
    return proxyIndex.column() == 0 ? source : source.siblingAtColumn(proxyIndex.column());
}

QModelIndex TreeRowsModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel())
        return {};
    QModelIndex top = sourceIndex.siblingAtColumn(0);
    while (top.parent().isValid())
        top = top.parent();
    const qsizetype at = openedAtOrAboveTop(top.row());
    if (top == sourceIndex.siblingAtColumn(0)) {
        if (at < 0)
            return index(top.row(), sourceIndex.column());
        const Opened &opened = m_opened.at(at);
        const int shownAbove = opened.before
                               + (opened.topRow == top.row() ? 0 : int(opened.rows.size()));
        return index(top.row() + shownAbove, sourceIndex.column());
    }
    if (at < 0 || m_opened.at(at).topRow != top.row())
        return {}; // under a collapsed row
    const Opened &opened = m_opened.at(at);
    const QModelIndex row = sourceIndex.siblingAtColumn(0);
    for (qsizetype i = 0; i < opened.rows.size(); ++i) {
        if (opened.rows.at(i).source == row)
            return index(opened.start() + 1 + int(i), sourceIndex.column());
    }
    return {};
}

bool TreeRowsModel::isExpanded(const QModelIndex &index) const
{
    return m_expandedNow.contains(mapToSource(index).siblingAtColumn(0));
}

int TreeRowsModel::rowsUnder(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return 0;
    const int proxyRow = index.row();
    const Shown row = locate(proxyRow);
    if (!m_expandedNow.contains(row.source))
        return 0;
    const Opened &opened = m_opened.at(openedAtOrAboveRow(proxyRow));
    int count = 0;
    for (qsizetype i = proxyRow - opened.start(); i < opened.rows.size(); ++i, ++count) {
        if (opened.rows.at(i).depth <= row.depth)
            break;
    }
    return count;
}

void TreeRowsModel::setExpanded(const QModelIndex &index, bool expanded)
{
    const QModelIndex source = mapToSource(index).siblingAtColumn(0);
    if (!source.isValid() || m_expandedNow.contains(source) == expanded)
        return;
    if (expanded && !sourceModel()->hasChildren(source))
        return;
    const int row = index.row();
    if (expanded) {
        QList<Shown> under;
        collectShown(source, locate(row).depth + 1, &under);
        if (!under.isEmpty())
            beginInsertRows({}, row + 1, row + int(under.size()));
        m_expanded.append(QPersistentModelIndex(source));
        rebuild();
        if (!under.isEmpty())
            endInsertRows();
    } else {
        const int under = rowsUnder(index);
        if (under > 0)
            beginRemoveRows({}, row + 1, row + under);
        m_expanded.removeIf([&source](const QPersistentModelIndex &e) { return e == source; });
        rebuild();
        if (under > 0)
            endRemoveRows();
    }
    const QModelIndex first = this->index(row, 0);
    Q_EMIT dataChanged(first, first.siblingAtColumn(columnCount() - 1), {ExpandedRole});
}

void TreeRowsModel::expandAll()
{
    QAbstractItemModel *source = sourceModel();
    if (!source)
        return;
    beginLayoutChange();
    QList<QModelIndex> pending;
    for (int row = 0; row < source->rowCount(); ++row)
        pending.append(source->index(row, 0));
    while (!pending.isEmpty()) {
        const QModelIndex at = pending.takeLast();
        if (!source->hasChildren(at))
            continue;
        if (!m_expandedNow.contains(at)) {
            m_expanded.append(QPersistentModelIndex(at));
            m_expandedNow.insert(at);
        }
        for (int row = 0; row < source->rowCount(at); ++row)
            pending.append(source->index(row, 0, at));
    }
    endLayoutChange();
}

QModelIndex TreeRowsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex TreeRowsModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex TreeRowsModel::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int TreeRowsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !sourceModel())
        return 0;
    return sourceModel()->rowCount() + m_shownBelow;
}

int TreeRowsModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !sourceModel())
        return 0;
    return sourceModel()->columnCount();
}

bool TreeRowsModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0;
}

QVariant TreeRowsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    switch (role) {
    case DepthRole:
        return locate(index.row()).depth;
    case ExpandableRole:
        return sourceModel()->hasChildren(locate(index.row()).source);
    case ExpandedRole:
        return isExpanded(index);
    default:
        return QAbstractProxyModel::data(index, role);
    }
}

Qt::ItemFlags TreeRowsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return QAbstractProxyModel::flags(index);
    return QAbstractProxyModel::flags(index) | Qt::ItemNeverHasChildren;
}

QList<QPersistentModelIndex> TreeRowsModel::sourceRowsOf(const QModelIndexList &rows) const
{
    QList<QPersistentModelIndex> sources;
    sources.reserve(rows.size());
    for (const QModelIndex &row : rows)
        sources.append(QPersistentModelIndex(mapToSource(row)));
    return sources;
}

void TreeRowsModel::holdSourceRows()
{
    m_sourceHolds = sourceRowsOf(persistentIndexList());
}

void TreeRowsModel::beginLayoutChange()
{
    if (m_layoutChanges++ > 0)
        return;
    Q_EMIT layoutAboutToBeChanged();
    m_heldRows = persistentIndexList();
    m_heldSources = sourceRowsOf(m_heldRows);
}

void TreeRowsModel::endLayoutChange()
{
    if (m_layoutChanges == 0 || --m_layoutChanges > 0)
        return;
    rebuild();
    QModelIndexList moved;
    moved.reserve(m_heldSources.size());
    for (const QPersistentModelIndex &source : std::as_const(m_heldSources))
        moved.append(mapFromSource(source));
    changePersistentIndexList(m_heldRows, moved);
    m_heldRows.clear();
    m_heldSources.clear();
    m_sourceHolds.clear();
    Q_EMIT layoutChanged();
}

void TreeRowsModel::onRowsAboutToBeInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid()) {
        beginLayoutChange(); // rows under a row: where they show is found again after
        return;
    }
    const int at = first < sourceModel()->rowCount()
                           ? mapFromSource(sourceModel()->index(first, 0)).row()
                           : rowCount();
    beginInsertRows({}, at, at + last - first);
}

void TreeRowsModel::onRowsInserted(const QModelIndex &parent)
{
    if (parent.isValid()) {
        endLayoutChange();
        return;
    }
    rebuild();
    endInsertRows();
}

void TreeRowsModel::onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid()) {
        beginLayoutChange();
        return;
    }
    const int from = mapFromSource(sourceModel()->index(first, 0)).row();
    const int to = mapFromSource(sourceModel()->index(last, 0)).row();
    beginRemoveRows({}, from, to + rowsUnder(this->index(to, 0)));
}

void TreeRowsModel::onRowsRemoved(const QModelIndex &parent)
{
    if (parent.isValid()) {
        endLayoutChange();
        return;
    }
    rebuild();
    endRemoveRows();
}

void TreeRowsModel::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                  const QList<int> &roles)
{
    const QModelIndex first = mapFromSource(topLeft);
    const QModelIndex last = mapFromSource(bottomRight);
    if (first.isValid() && last.isValid()) {
        Q_EMIT dataChanged(first, last, roles);
        return;
    }
    // Some of the rows are under a collapsed row: those shown, one at a time.
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const QModelIndex left = mapFromSource(topLeft.siblingAtRow(row));
        if (left.isValid())
            Q_EMIT dataChanged(left, left.siblingAtColumn(bottomRight.column()), roles);
    }
}
