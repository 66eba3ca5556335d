#pragma once

#include "models/itemroles.h"
#include "models/rowpositions.h"
#include "models/searchrunner.h"
#include "models/windowreader.h"

#include "common/mailerror.h"
#include "models/sortindexpreparer.h"
#include "store/messagequery.h"
#include "store/messagerecord.h"
#include "store/storeresult.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <optional>

class MessageStore;

// The messages of one folder as a table, read lazily from the store: the row count comes from
// one COUNT(*) (on a worker for a large folder, see isCounting()), rows are read in windows
// around what a view asks for and kept in a small LRU of windows, sorting and the search
// filter are done by SQL. Strings exist only for the rows of the cached windows.
//
// The model follows the store's change signals with row insertions and removals where a few
// messages change, and with a reset for large changes.
class MessageListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        StatusColumn,
        SenderColumn,
        SubjectColumn,
        DateColumn,
        SizeColumn,
        ColumnCount,
    };
    Q_ENUM(Column)

    enum Role {
        UidRole = Qt::UserRole + 1,
        FolderIdRole = ItemRoles::FolderIdRole,
        FlagsRole = Qt::UserRole + 2, // int, MessageRecord::Flags
        IsUnreadRole,
        IsFlaggedRole,
        IsAnsweredRole,
        HasAttachmentsRole,
        MessageIdRole, // QByteArray
        SubjectRole,
        SenderNameRole,
        SenderAddressRole,
        DateRole, // QDateTime in UTC
        SizeRole,
        KeywordsRole,
    };
    Q_ENUM(Role)

    explicit MessageListModel(MessageStore *store, QObject *parent = nullptr);
    ~MessageListModel() override;

    qint64 folderId() const { return m_query.folderId; }
    // Whether the list holds every cached message of its folder: no search filters it.
    bool showsWholeFolder() const { return m_query.folderId != 0 && m_query.searchText.isEmpty(); }
    void setFolderId(qint64 folderId);
    QString searchText() const { return m_query.searchText; }
    // Filters the list by what a user typed. In a folder of at least backgroundSearchRows()
    // messages the search runs on a worker thread (SearchRunner): the list empties at once and
    // its rows arrive in order as they are found, the newest search winning; until
    // searchFinished(), isSearching() is true. Meanwhile, and until the next search, its rows
    // are a fixed list: they leave when their messages are removed, and new messages start
    // the search again, but a flag change does not make a row match or stop matching.
    void setSearchText(const QString &text);
    bool isSearching() const { return m_search.isRunning(); }
    int backgroundSearchRows() const { return m_backgroundSearchRows; }
    void setBackgroundSearchRows(int rows) { m_backgroundSearchRows = rows; }
    SearchRunner *searchRunner() { return &m_search; }
    MessageQuery query() const { return m_query; }
    // Whether the rows are counted on a worker. Counting a list of the whole folder takes
    // longer than a frame from backgroundCountRows() rows on: such a list takes the rows it
    // expects at once (when opened, what the folder held at its last synchronisation; after a
    // change, its rows with the change) and grows or shrinks at its end if the count answers
    // otherwise.
    bool isCounting() const { return m_counting; }
    int backgroundCountRows() const { return m_backgroundCountRows; }
    void setBackgroundCountRows(int rows) { m_backgroundCountRows = rows; }
    int rowCountReads() const { return m_countReads; } // counts on this thread since creation
    // Whether a window far down the list is read on from a known row (RowPositions) rather than
    // through an OFFSET. A list of the whole folder of backgroundCountRows() rows or more reads
    // the positions of its rows on a worker the first time such a window is asked for.
    bool knowsRowPositions() const { return m_positions.isReady(); }
    // While one exists, a row whose window would hold this thread for longer than a frame to
    // read (an OFFSET over backgroundWindowSkip() rows or more: far down a large list, before
    // its row positions are known) reads as blank, and a worker reads its window
    // (WindowReader); dataChanged() announces the rows once read. For a view's paint, which
    // draws such rows blank meanwhile: every other reader gets every row at once.
    class ViewPaint
    {
    public:
        explicit ViewPaint(QAbstractItemModel *model); // any model; a MessageListModel's rows wait
        ~ViewPaint();
        Q_DISABLE_COPY_MOVE(ViewPaint)

    private:
        QPointer<MessageListModel> m_model;
    };
    int backgroundWindowSkip() const { return m_backgroundWindowSkip; }
    void setBackgroundWindowSkip(int rows) { m_backgroundWindowSkip = rows; }
    int backgroundWindowReads() const { return m_windowReader.reads(); } // since creation
    // Reads everything again from the store.
    void reload();

    // What a row of the list shows of m: the columns and roles above. Shared with the threaded
    // list, which shows the same columns.
    static QVariant recordData(const MessageRecord &m, int column, int role);
    static QVariant columnTitle(int section);
    // The order a column sorts by; nullopt for a column without one (the status markers).
    static std::optional<MessageQuery::SortKey> sortKey(int column);

    // Dragged messages: their folder and UIDs, as mimeData() writes them.
    static QString mimeType();
    static bool decodeMimeData(const QMimeData *data, qint64 *folderId, QList<quint32> *uids);
    static QMimeData *encodeMimeData(qint64 folderId, const QList<quint32> &uids);

    // The UIDs of the indexes' rows (each row once, however many of its columns), in row order.
    QList<quint32> uidsOf(const QModelIndexList &indexes) const;
    // The row of uid in the current order, or an invalid index.
    QModelIndex indexForUid(quint32 uid, int column = 0) const;

    int windowSize() const { return m_windowSize; }
    void setWindowSize(int rows); // resets the cache
    int maxCachedWindows() const { return m_maxWindows; }
    void setMaxCachedWindows(int windows);
    int cachedWindowCount() const { return int(m_windows.size()); }
    int windowLoadCount() const { return m_windowLoads; } // store reads since creation
    // A folder of at least this many rows, sorted by an order whose index the store has not
    // made yet, keeps its order until a worker thread made it (see MessageStore::hasSortIndex).
    void setBackgroundIndexRows(int rows) { m_sortIndexes.setBackgroundRows(rows); }
    bool isWaitingForSortIndex() const { return m_sortIndexes.isBusy(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void errorOccurred(const MailError &error);
    // The search on the worker thread has found all its rows.
    void searchFinished();

private:
    struct Window
    {
        QList<MessageRecord> rows;
        quint64 lastUse = 0;
    };
    struct Range
    {
        int first = 0;
        int last = 0;
        int size() const { return last - first + 1; }
    };
    enum class Pending {
        None,
        Insert, // m_ranges: rows in the store not announced yet, ascending
        RemovePrepared, // m_ranges: rows the store is about to delete, ascending
        Remove, // m_ranges: rows gone from the store, not announced yet, ascending
        Reset, // between beginResetModel() and endResetModel()
    };

    const MessageRecord *record(int row) const;
    // The UIDs of rows (ascending, without repeats), in their order.
    QList<quint32> uidsOfRows(const QList<int> &rows) const;
    // How a window is read: on from a known row (readsOn), else through the OFFSET of the
    // request, which a worker can read too.
    struct WindowPlan
    {
        WindowReader::Request request;
        bool readsOn = false;
        quint32 afterUid = 0;
        int skip = 0; // rows read on and dropped
    };
    WindowPlan planWindow(int windowIndex) const;
    StoreResult<QList<MessageRecord>> readWindow(const WindowPlan &plan) const;
    bool readsInBackground(const WindowPlan &plan) const;
    // Keeps the rows of a window read, forgetting the least recently used ones beyond
    // maxCachedWindows().
    QHash<int, Window>::iterator keepWindow(int windowIndex, QList<MessageRecord> rows) const;
    void onWindowRead(int windowIndex, const QList<MessageRecord> &rows);
    int storeRow(int row) const;
    // Forgets the windows read, and the row positions unless keepPositions (a change that
    // moves no row).
    void clearCache(bool keepPositions = false) const;
    bool usesRowPositions() const;
    void readRowPositions() const;
    // Reads everything again; expected: the rows the list is thought to have, -1 for unknown.
    void resetWith(const MessageQuery &query, int expected = -1);
    int countRows();
    // What the folder held at its last synchronisation, at most the span of its cached UIDs
    // (two index lookups, where a count reads every message); -1 when it was never synchronised.
    int expectedRows(qint64 folderId) const;
    // Whether the list of query, of about rows rows, is counted on a worker.
    bool countsInBackground(const MessageQuery &query, int rows) const;
    // The rows after a change: counted here, or on a worker for a large list, which then takes
    // expected meanwhile. False when counted here and not as expected.
    bool checkRowCount(int expected);
    void countInBackground();
    void forgetCount();
    void onCounted(const StoreResult<int> &count);
    bool reportError(const MailError &error) const;
    QList<Range> rangesFor(const QList<quint32> &uids) const;

    void onMessagesAdded(qint64 folderId, const QList<quint32> &uids);
    // Many messages added: the list is read again, a large one at most once a second while
    // they come (a first synchronisation writes them a few thousand at a time, and each reset
    // counts every row). Meanwhile its rows stay as they were; new rows of a first
    // synchronisation, older ones, come below them.
    void resetForAdded();
    void onMessagesChanged(qint64 folderId, const QList<quint32> &uids);
    void onMessagesAboutToBeRemoved(qint64 folderId, const QList<quint32> &uids);
    void onMessagesRemoved(qint64 folderId, const QList<quint32> &uids);
    void onFolderCleared(qint64 folderId);
    // The list of a search on the worker thread (m_searchUids).
    bool searchesInBackground(const MessageQuery &query);
    void onSearchFound(QList<quint32> uids);
    void onSearchFinished(const MailError &error);
    void removeSearchRows(const QList<quint32> &uids);

    QPointer<MessageStore> m_store;
    MessageQuery m_query;
    int m_rowCount = 0;
    int m_windowSize = 200;
    int m_maxWindows = 8;
    Pending m_pending = Pending::None;
    QList<Range> m_ranges;
    QHash<int, MessageRecord> m_removing; // by row, while Pending::Remove
    mutable QHash<int, Window> m_windows;
    mutable quint64 m_useCounter = 0;
    mutable int m_windowLoads = 0;
    mutable RowPositions m_positions;
    mutable WindowReader m_windowReader;
    int m_viewPaints = 0; // ViewPaint nesting
    int m_backgroundWindowSkip = 10000; // about 4 ms of rows skipped
    SortIndexPreparer m_sortIndexes;
    // The sort asked for while its index is made.
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    // A search run on a worker thread: its rows' UIDs in order, as found so far.
    SearchRunner m_search;
    bool m_searchList = false;
    QList<quint32> m_searchUids;
    int m_backgroundSearchRows = 20000;
    int m_folderRows = -1; // messages in the folder, counted without a search
    int m_backgroundCountRows = 20000;
    bool m_counting = false;
    bool m_estimated = false; // m_rowCount is expected, not counted yet
    quint64 m_countGeneration = 0; // the count whose answer is awaited
    int m_countReads = 0;
    int m_addedSinceReset = 0; // UIDs added while resetForAdded() waited
    QTimer m_addedReset;
    QElapsedTimer m_sinceAddedReset;
};
