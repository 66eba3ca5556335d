#include "messagelistmodel.h"

#include "common/logging.h"
#include "store/messagestore.h"

#include <QDataStream>
#include <QFutureWatcher>
#include <QIODevice>
#include <QMimeData>

#include <algorithm>

MessageListModel::MessageListModel(MessageStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_windowReader(store)
{
    connect(&m_windowReader, &WindowReader::windowRead, this, &MessageListModel::onWindowRead);
    connect(&m_windowReader, &WindowReader::errorOccurred, this,
            [this](const MailError &error) { reportError(error); });
    connect(&m_sortIndexes, &SortIndexPreparer::ready, this,
            [this] { sort(m_sortColumn, m_sortOrder); });
    connect(&m_sortIndexes, &SortIndexPreparer::errorOccurred, this,
            [this](const MailError &error) { reportError(error); });
    connect(&m_search, &SearchRunner::found, this, &MessageListModel::onSearchFound);
    connect(&m_search, &SearchRunner::finished, this, &MessageListModel::onSearchFinished);
    m_addedReset.setSingleShot(true);
    connect(&m_addedReset, &QTimer::timeout, this, &MessageListModel::resetForAdded);
    if (store) {
        connect(store, &MessageStore::messagesAdded, this, &MessageListModel::onMessagesAdded);
        connect(store, &MessageStore::messagesChanged, this, &MessageListModel::onMessagesChanged);
        connect(store, &MessageStore::messagesAboutToBeRemoved, this,
                &MessageListModel::onMessagesAboutToBeRemoved);
        connect(store, &MessageStore::messagesRemoved, this, &MessageListModel::onMessagesRemoved);
        connect(store, &MessageStore::folderCleared, this, &MessageListModel::onFolderCleared);
        connect(store, &QObject::destroyed, this, [this] {
            beginResetModel();
            clearCache();
            m_rowCount = 0;
            forgetCount();
            m_pending = Pending::None;
            m_ranges.clear();
            m_search.cancel();
            m_searchList = false;
            m_searchUids.clear();
            endResetModel();
        });
    }
}

MessageListModel::~MessageListModel() = default;

void MessageListModel::setFolderId(qint64 folderId)
{
    if (folderId == m_query.folderId)
        return;
    MessageQuery next = m_query;
    next.folderId = folderId;
    m_folderRows = -1;
    resetWith(next, expectedRows(folderId));
}

void MessageListModel::setSearchText(const QString &text)
{
    if (text == m_query.searchText)
        return;
    MessageQuery next = m_query;
    next.searchText = text;
    // Back to the whole folder: the rows it had when last counted, counted again on a worker
    // for a large folder.
    resetWith(next, text.isEmpty() && m_folderRows >= 0 ? m_folderRows : -1);
}

void MessageListModel::reload()
{
    resetWith(m_query);
}

QModelIndex MessageListModel::indexForUid(quint32 uid, int column) const
{
    if (!m_store || m_pending != Pending::None)
        return {};
    if (m_searchList) {
        const qsizetype row = m_searchUids.indexOf(uid);
        return row >= 0 ? index(int(row), column) : QModelIndex();
    }
    const StoreResult<int> position = m_store->messagePosition(m_query, uid);
    if (reportError(position.error()) || position.value() < 0)
        return {};
    return index(position.value(), column);
}

void MessageListModel::setWindowSize(int rows)
{
    m_windowSize = std::max(1, rows);
    clearCache(true); // the rows stay where they are
}

void MessageListModel::setMaxCachedWindows(int windows)
{
    m_maxWindows = std::max(1, windows);
    clearCache(true); // the rows stay where they are
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int MessageListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MessageRecord *m = record(index.row());
    return m ? recordData(*m, index.column(), role) : QVariant();
}

QVariant MessageListModel::recordData(const MessageRecord &message, int column, int role)
{
    const MessageRecord *m = &message;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case SenderColumn:
            return m->fromName.isEmpty() ? m->fromAddress : m->fromName;
        case SubjectColumn:
            return m->subject;
        case DateColumn:
            return m->displayDate();
        case SizeColumn:
            return m->size;
        default:
            return {};
        }
    case UidRole:
        return m->uid;
    case FolderIdRole:
        return m->folderId;
    case FlagsRole:
        return int(m->flags.toInt());
    case IsUnreadRole:
        return !m->flags.testFlag(MessageRecord::Seen);
    case IsFlaggedRole:
        return m->flags.testFlag(MessageRecord::Flagged);
    case IsAnsweredRole:
        return m->flags.testFlag(MessageRecord::Answered);
    case HasAttachmentsRole:
        return m->hasAttachments;
    case MessageIdRole:
        return m->messageId;
    case SubjectRole:
        return m->subject;
    case SenderNameRole:
        return m->fromName;
    case SenderAddressRole:
        return m->fromAddress;
    case DateRole:
        return m->displayDate();
    case SizeRole:
        return m->size;
    case KeywordsRole:
        return m->keywords;
    default:
        return {};
    }
}

QVariant MessageListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return columnTitle(section);
}

QVariant MessageListModel::columnTitle(int section)
{
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case SenderColumn:
        return tr("From");
    case SubjectColumn:
        return tr("Subject");
    case DateColumn:
        return tr("Date");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

Qt::ItemFlags MessageListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren
           | Qt::ItemIsDragEnabled;
}

QString MessageListModel::mimeType()
{
    return QStringLiteral("application/x-heron-messages");
}

QStringList MessageListModel::mimeTypes() const
{
    return {mimeType()};
}

Qt::DropActions MessageListModel::supportedDragActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

QMimeData *MessageListModel::mimeData(const QModelIndexList &indexes) const
{
    return encodeMimeData(m_query.folderId, uidsOf(indexes));
}

QList<quint32> MessageListModel::uidsOf(const QModelIndexList &indexes) const
{
    // A view hands one index per column of each row.
    QList<int> rows;
    rows.reserve(indexes.size());
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && index.model() == this)
            rows.append(index.row());
    }
    // A selection's rows come in order (a million from Select All): sorted, they need no sort.
    if (!std::is_sorted(rows.cbegin(), rows.cend()))
        std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return uidsOfRows(rows);
}

QList<quint32> MessageListModel::uidsOfRows(const QList<int> &rows) const
{
    QList<quint32> uids;
    uids.reserve(rows.size());
    if (m_searchList) {
        for (int row : rows) {
            if (row >= 0 && row < m_searchUids.size())
                uids.append(m_searchUids.at(row));
        }
        return uids;
    }
    // Many rows (Select All in a large folder): the UIDs of the whole list in one query, not
    // every row's record read window by window. Rows past the store's are those a list still
    // counting expected and does not have.
    if (rows.size() > 2 * m_windowSize && m_store && m_pending == Pending::None) {
        StoreResult<QList<quint32>> all = m_store->queryUids(m_query);
        if (all) {
            if (rows.size() == m_rowCount && all.value().size() == m_rowCount)
                return std::move(all).value();
            for (int row : rows) {
                if (row >= 0 && row < all.value().size())
                    uids.append(all.value().at(row));
            }
            return uids;
        }
        reportError(all.error());
    }
    for (int row : rows) {
        if (const MessageRecord *m = record(row))
            uids.append(m->uid);
    }
    return uids;
}

QMimeData *MessageListModel::encodeMimeData(qint64 folderId, const QList<quint32> &uids)
{
    if (uids.isEmpty())
        return nullptr;
    QByteArray bytes;
    QDataStream stream(&bytes, QIODevice::WriteOnly);
    stream << folderId << uids;
    auto *data = new QMimeData;
    data->setData(mimeType(), bytes);
    return data;
}

bool MessageListModel::decodeMimeData(const QMimeData *data, qint64 *folderId, QList<quint32> *uids)
{
    if (!data || !data->hasFormat(mimeType()))
        return false;
    QDataStream stream(data->data(mimeType()));
    qint64 folder = 0;
    QList<quint32> list;
    stream >> folder >> list;
    if (stream.status() != QDataStream::Ok || folder == 0 || list.isEmpty())
        return false;
    *folderId = folder;
    *uids = list;
    return true;
}

std::optional<MessageQuery::SortKey> MessageListModel::sortKey(int column)
{
    switch (column) {
    case SenderColumn:
        return MessageQuery::SortKey::Sender;
    case SubjectColumn:
        return MessageQuery::SortKey::Subject;
    case DateColumn:
        return MessageQuery::SortKey::Date;
    case SizeColumn:
        return MessageQuery::SortKey::Size;
    default:
        return std::nullopt; // the status column has no order of its own
    }
}

void MessageListModel::sort(int column, Qt::SortOrder order)
{
    MessageQuery next = m_query;
    const std::optional<MessageQuery::SortKey> key = sortKey(column);
    if (!key)
        return;
    next.sortKey = *key;
    next.order = order;
    m_sortColumn = column; // the latest wish wins once an index is made
    m_sortOrder = order;
    if (m_sortIndexes.isBusy() || next == m_query || m_pending != Pending::None || !m_store)
        return;
    if (m_sortIndexes.prepare({{m_store, std::max(m_rowCount, m_folderRows)}}, *key))
        return;
    if (m_searchList) {
        // The search runs again in the new order.
        resetWith(next);
        return;
    }

    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    QList<quint32> uids;
    uids.reserve(from.size());
    for (const QModelIndex &index : from) {
        const MessageRecord *m = record(index.row());
        uids.append(m ? m->uid : 0);
    }
    m_query = next;
    clearCache();
    QList<quint32> wanted = uids;
    wanted.removeAll(0);
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    const StoreResult<QHash<quint32, int>> positions = m_store->messagePositions(m_query, wanted);
    reportError(positions.error());
    QModelIndexList to;
    to.reserve(from.size());
    for (int i = 0; i < from.size(); ++i) {
        const int row = positions.value().value(uids.at(i), -1);
        to.append(row >= 0 ? createIndex(row, from.at(i).column()) : QModelIndex());
    }
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(UidRole, "uid");
    names.insert(FolderIdRole, "folderId");
    names.insert(FlagsRole, "flags");
    names.insert(IsUnreadRole, "isUnread");
    names.insert(IsFlaggedRole, "isFlagged");
    names.insert(IsAnsweredRole, "isAnswered");
    names.insert(HasAttachmentsRole, "hasAttachments");
    names.insert(MessageIdRole, "messageId");
    names.insert(SubjectRole, "subject");
    names.insert(SenderNameRole, "senderName");
    names.insert(SenderAddressRole, "senderAddress");
    names.insert(DateRole, "date");
    names.insert(SizeRole, "size");
    names.insert(KeywordsRole, "keywords");
    return names;
}

// The row in the store's current order that the view's row stands for, while announced and
// not yet announced changes differ; -1 for a row that is being removed.
int MessageListModel::storeRow(int row) const
{
    switch (m_pending) {
    case Pending::Insert: {
        int mapped = row;
        for (const Range &range : m_ranges) {
            if (range.first > mapped)
                break;
            mapped += range.size();
        }
        return mapped;
    }
    case Pending::Remove: {
        int shift = 0;
        for (const Range &range : m_ranges) {
            if (row > range.last)
                shift += range.size();
            else if (row >= range.first)
                return -1;
            else
                break;
        }
        return row - shift;
    }
    default:
        return row;
    }
}

const MessageRecord *MessageListModel::record(int row) const
{
    if (row < 0 || row >= m_rowCount || !m_store)
        return nullptr;
    if (m_searchList) {
        const int windowIndex = row / m_windowSize;
        auto it = m_windows.find(windowIndex);
        if (it == m_windows.end()) {
            const QList<quint32> uids = m_searchUids.mid(qsizetype(windowIndex) * m_windowSize,
                                                         m_windowSize);
            StoreResult<QHash<quint32, MessageRecord>> found
                    = m_store->fetchMessagesByUid(m_query.folderId, uids);
            ++m_windowLoads;
            if (reportError(found.error()))
                return nullptr;
            QList<MessageRecord> rows;
            rows.reserve(uids.size());
            for (quint32 uid : uids) {
                MessageRecord m = found.value().value(uid);
                m.uid = uid;
                m.folderId = m_query.folderId;
                rows.append(std::move(m));
            }
            it = keepWindow(windowIndex, std::move(rows));
        }
        it->lastUse = ++m_useCounter;
        const int offset = row - windowIndex * m_windowSize;
        return offset < it->rows.size() ? &it->rows.at(offset) : nullptr;
    }
    const int position = storeRow(row);
    if (position < 0) {
        const auto removing = m_removing.constFind(row);
        return removing != m_removing.cend() ? &removing.value() : nullptr;
    }
    const int windowIndex = position / m_windowSize;
    auto it = m_windows.find(windowIndex);
    if (it == m_windows.end()) {
        const WindowPlan plan = planWindow(windowIndex);
        if (m_viewPaints > 0 && readsInBackground(plan)) {
            m_windowReader.ask(plan.request);
            return nullptr;
        }
        StoreResult<QList<MessageRecord>> rows = readWindow(plan);
        ++m_windowLoads;
        if (reportError(rows.error()))
            return nullptr;
        it = keepWindow(windowIndex, std::move(rows).value());
    }
    it->lastUse = ++m_useCounter;
    const int offset = position - windowIndex * m_windowSize;
    return offset < it->rows.size() ? &it->rows.at(offset) : nullptr;
}

QHash<int, MessageListModel::Window>::iterator MessageListModel::keepWindow(
        int windowIndex, QList<MessageRecord> rows) const
{
    while (m_windows.size() >= m_maxWindows) {
        auto oldest = std::min_element(m_windows.begin(), m_windows.end(),
                                       [](const Window &a, const Window &b) {
                                           return a.lastUse < b.lastUse;
                                       });
        m_windows.erase(oldest);
    }
    return m_windows.insert(windowIndex, Window {std::move(rows), 0});
}

MessageListModel::WindowPlan MessageListModel::planWindow(int windowIndex) const
{
    WindowPlan plan;
    plan.request.window = windowIndex;
    plan.request.query = m_query;
    plan.request.offset = windowIndex * m_windowSize;
    plan.request.limit = m_windowSize;
    // Scrolling down reads on from the end of the window above, without an OFFSET.
    const auto above = m_windows.constFind(windowIndex - 1);
    if (above != m_windows.cend() && above->rows.size() == m_windowSize) {
        plan.readsOn = true;
        plan.afterUid = above->rows.last().uid;
        return plan;
    }
    const int offset = plan.request.offset;
    if (offset >= RowPositions::step && usesRowPositions()) {
        if (m_positions.anchorFor(offset, &plan.afterUid, &plan.skip)) {
            plan.readsOn = true;
            plan.request.limit = plan.skip + m_windowSize;
            return plan;
        }
        readRowPositions();
    }
    // Not while the rows are expected: the end is not known yet.
    if (m_pending != Pending::None || m_estimated || offset <= m_rowCount / 2)
        return plan;
    // In the second half, the same rows are read backwards from the end: the OFFSET then
    // skips fewer index entries (a view sorted while scrolled to the bottom reads here).
    MessageQuery &reversed = plan.request.query;
    reversed.order = m_query.order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
    const int end = std::min(offset + m_windowSize, m_rowCount);
    plan.request.offset = m_rowCount - end;
    plan.request.limit = end - offset;
    plan.request.reversed = true;
    return plan;
}

StoreResult<QList<MessageRecord>> MessageListModel::readWindow(const WindowPlan &plan) const
{
    const WindowReader::Request &request = plan.request;
    StoreResult<QList<MessageRecord>> rows
            = plan.readsOn
                      ? m_store->fetchMessagesAfter(request.query, plan.afterUid, request.limit)
                      : m_store->fetchMessages(request.query, request.offset, request.limit);
    if (!rows.isOk())
        return rows;
    QList<MessageRecord> window = std::move(rows).value();
    window.remove(0, std::min<qsizetype>(plan.skip, window.size()));
    if (request.reversed)
        std::reverse(window.begin(), window.end());
    return window;
}

bool MessageListModel::readsInBackground(const WindowPlan &plan) const
{
    return !plan.readsOn && plan.request.offset >= m_backgroundWindowSkip
           && m_pending == Pending::None && !m_searchList && m_store->isFile();
}

void MessageListModel::onWindowRead(int windowIndex, const QList<MessageRecord> &rows)
{
    // Asked for with no change pending, and dropped at every change since (clearCache()).
    if (m_pending != Pending::None || m_searchList || m_windows.contains(windowIndex))
        return;
    ++m_windowLoads;
    keepWindow(windowIndex, rows);
    const int first = windowIndex * m_windowSize;
    const int last = std::min(first + int(rows.size()), m_rowCount) - 1;
    if (last >= first)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

MessageListModel::ViewPaint::ViewPaint(QAbstractItemModel *model)
    : m_model(qobject_cast<MessageListModel *>(model))
{
    if (m_model && m_model->m_viewPaints++ == 0)
        m_model->m_windowReader.beginRound();
}

MessageListModel::ViewPaint::~ViewPaint()
{
    if (m_model && --m_model->m_viewPaints == 0)
        m_model->m_windowReader.endRound();
}

void MessageListModel::clearCache(bool keepPositions) const
{
    m_windows.clear();
    m_windowReader.forget();
    if (!keepPositions)
        m_positions.forget();
}

void MessageListModel::readRowPositions() const
{
    // Rows hidden while a worker deletes them are in the file still: the positions wait for it.
    if (usesRowPositions() && !m_positions.isReading() && !m_positions.isReady()
        && !m_store->hasBackgroundWrites())
        m_positions.start(m_store, m_query, m_rowCount);
}

bool MessageListModel::usesRowPositions() const
{
    return m_pending == Pending::None && !m_estimated && !m_searchList && showsWholeFolder()
           && m_rowCount >= m_backgroundCountRows;
}

int MessageListModel::countRows()
{
    if (!m_store)
        return 0;
    ++m_countReads;
    const StoreResult<int> count = m_store->countMessages(m_query);
    reportError(count.error());
    return count.isOk() ? count.value() : 0;
}

int MessageListModel::expectedRows(qint64 folderId) const
{
    if (!m_store || folderId == 0)
        return -1;
    const StoreResult<FolderRecord> folder = m_store->folder(folderId);
    if (!folder || folder.value().uidValidity == 0)
        return -1;
    const StoreResult<std::pair<quint32, quint32>> bounds = m_store->uidBounds(folderId);
    if (!bounds)
        return -1;
    const auto [lowest, highest] = bounds.value();
    const qint64 span = highest == 0 ? 0 : qint64(highest) - lowest + 1;
    return int(std::min<qint64>(folder.value().exists, span));
}

bool MessageListModel::countsInBackground(const MessageQuery &query, int rows) const
{
    return m_store && query.searchText.isEmpty() && rows >= m_backgroundCountRows;
}

bool MessageListModel::checkRowCount(int expected)
{
    if (!countsInBackground(m_query, std::max(m_rowCount, expected)))
        return countRows() == expected;
    countInBackground(); // answers once the change is announced
    return true;
}

void MessageListModel::countInBackground()
{
    const quint64 generation = ++m_countGeneration;
    m_counting = true;
    auto *watcher = new QFutureWatcher<StoreResult<int>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_countGeneration)
            onCounted(watcher->result());
    });
    watcher->setFuture(m_store->messageCountInBackground(m_query.folderId));
}

void MessageListModel::forgetCount()
{
    ++m_countGeneration;
    m_counting = false;
    m_estimated = false;
}

void MessageListModel::onCounted(const StoreResult<int> &count)
{
    m_counting = false;
    if (m_pending != Pending::None || m_searchList)
        return;
    if (reportError(count.error())) {
        if (m_estimated)
            resetWith(m_query); // counted here, then
        return;
    }
    const int rows = count.value();
    if (m_query.searchText.isEmpty())
        m_folderRows = rows;
    // The rows read meanwhile are right (see fetchWindow()) but for the end.
    if (rows > m_rowCount) {
        clearCache();
        beginInsertRows({}, m_rowCount, rows - 1);
        m_rowCount = rows;
        endInsertRows();
    } else if (rows < m_rowCount) {
        beginRemoveRows({}, rows, m_rowCount - 1);
        m_rowCount = rows;
        endRemoveRows();
    }
    m_estimated = false;
    clearCache();
    // Before the first scroll far down, which would otherwise skip rows through an OFFSET.
    readRowPositions();
}

void MessageListModel::resetWith(const MessageQuery &query, int expected)
{
    m_addedReset.stop();
    m_addedSinceReset = 0;
    forgetCount();
    beginResetModel();
    m_query = query;
    clearCache();
    m_pending = Pending::None;
    m_ranges.clear();
    m_removing.clear();
    m_searchUids.clear();
    m_searchList = searchesInBackground(query);
    if (m_searchList) {
        m_rowCount = 0;
    } else {
        m_search.cancel();
        m_estimated = countsInBackground(query, expected);
        m_rowCount = m_estimated ? expected : countRows();
        if (m_query.searchText.isEmpty())
            m_folderRows = m_rowCount;
    }
    endResetModel();
    if (m_searchList)
        m_search.start(m_store, m_query);
    else if (m_estimated)
        countInBackground();
}

bool MessageListModel::searchesInBackground(const MessageQuery &query)
{
    if (!m_store || query.searchText.isEmpty() || query.folderId == 0)
        return false;
    if (m_folderRows < 0) {
        MessageQuery all = query;
        all.searchText.clear();
        const StoreResult<int> count = m_store->countMessages(all);
        reportError(count.error());
        m_folderRows = count.isOk() ? count.value() : 0;
    }
    return m_folderRows >= m_backgroundSearchRows;
}

void MessageListModel::onSearchFound(QList<quint32> uids)
{
    // Read over the worker's connection, which still has what the store removes.
    if (!m_searchList || !m_store)
        return;
    uids.removeIf([this](quint32 uid) { return m_store->isRemovalPending(m_query.folderId, uid); });
    if (uids.isEmpty())
        return;
    const int cutShort = m_rowCount / m_windowSize; // the last window ended with the rows
    beginInsertRows({}, m_rowCount, m_rowCount + int(uids.size()) - 1);
    m_windows.remove(cutShort);
    m_searchUids += uids;
    m_rowCount = int(m_searchUids.size());
    endInsertRows();
}

void MessageListModel::onSearchFinished(const MailError &error)
{
    reportError(error);
    Q_EMIT searchFinished();
}

bool MessageListModel::reportError(const MailError &error) const
{
    if (!error)
        return false;
    qCWarning(lcStore) << "message list:" << error.toString();
    // Queued: the error may be found inside data(), where listeners must not re-enter.
    QMetaObject::invokeMethod(
            const_cast<MessageListModel *>(this),
            [this, error] { Q_EMIT const_cast<MessageListModel *>(this)->errorOccurred(error); },
            Qt::QueuedConnection);
    return true;
}
