#pragma once

#include <QAbstractProxyModel>
#include <QList>
#include <QPersistentModelIndex>
#include <QSet>

// A tree model's rows as one table, in the order a tree view shows them: the top-level rows,
// each followed by the rows under it while it is expanded. A table view shows threads with it
// and lays out nothing: a million conversations cost it what a million messages cost the flat
// list, where a tree view makes an item for every top-level row on each reset.
//
// Expanding a row inserts the rows under it, collapsing removes them. The rows of the tree
// keep their expanded state across the source's layout changes; a reset or a new order of the
// source collapses everything, as a tree view does.
class TreeRowsModel : public QAbstractProxyModel
{
    Q_OBJECT

public:
    enum Role {
        DepthRole = Qt::UserRole + 80, // int: 0 for a top-level row
        ExpandableRole, // bool: the row has rows under it
        ExpandedRole, // bool: they are shown
    };

    explicit TreeRowsModel(QObject *parent = nullptr);
    ~TreeRowsModel() override;

    void setSourceModel(QAbstractItemModel *source) override;

    bool isExpanded(const QModelIndex &index) const;
    void setExpanded(const QModelIndex &index, bool expanded);
    // Every row with rows under it, at every depth (reads the whole tree).
    void expandAll();
    // How many rows are shown under the row at index: 0 while it is collapsed.
    int rowsUnder(const QModelIndex &index) const;
    // Holds the source rows behind the rows held here (a view's selection and current row) as
    // persistent indexes of the source, until its next change is done: for a source that keeps
    // the rows held in place across a change and rebuilds otherwise (ThreadListModel).
    void holdSourceRows();

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    // A row under an expanded top-level row, as shown.
    struct Shown
    {
        QModelIndex source; // column 0
        int depth = 1;
    };
    // An expanded top-level row and the rows shown under it.
    struct Opened
    {
        QPersistentModelIndex top;
        int topRow = 0;
        int before = 0; // rows shown under the opened top-level rows above this one
        QList<Shown> rows;
        int start() const { return topRow + before; }
    };

    void connectSource(QAbstractItemModel *source);
    // Where the source's expanded rows are now, and the rows shown under them.
    void rebuild();
    void collectShown(const QModelIndex &parent, int depth, QList<Shown> *rows) const;
    // The source row shown at row, and its depth; an invalid source when there is none.
    Shown locate(int row) const;
    // The last opened top-level row whose proxy row is at or above row, or -1.
    qsizetype openedAtOrAboveRow(int row) const;
    // The last opened top-level row at or above the source's top-level row topRow, or -1.
    qsizetype openedAtOrAboveTop(int topRow) const;

    // The source rows behind rows of this model, held as persistent indexes.
    QList<QPersistentModelIndex> sourceRowsOf(const QModelIndexList &rows) const;
    void beginLayoutChange();
    void endLayoutChange();
    void onRowsAboutToBeInserted(const QModelIndex &parent, int first, int last);
    void onRowsInserted(const QModelIndex &parent);
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onRowsRemoved(const QModelIndex &parent);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                       const QList<int> &roles);

    QList<QMetaObject::Connection> m_connections;
    QList<QPersistentModelIndex> m_expanded; // source rows, column 0, at any depth
    QSet<QModelIndex> m_expandedNow; // the same, as the source's indexes are now
    QList<Opened> m_opened; // by topRow
    int m_shownBelow = 0; // rows shown under all opened top-level rows
    // A layout change under way: the proxy's held rows, and the source rows they showed.
    QModelIndexList m_heldRows;
    QList<QPersistentModelIndex> m_heldSources;
    QList<QPersistentModelIndex> m_sourceHolds; // holdSourceRows()
    int m_layoutChanges = 0;
};
