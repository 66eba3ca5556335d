#pragma once

#include "messagequery.h"
#include "messagerecord.h"
#include "storeresult.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QVariant>

#include <functional>

class CacheDatabase;
class UnwrittenChanges;
class ListIndexes;
class QSqlDatabase;
class QSqlQuery;
class SearchIndex;

// The message lists item models read: the rows of a query (a folder, a sort order, a search),
// in its order, counted, read a window at a time, and the positions of given messages in it.
// Records carry the list columns only (no recipients, references or structure).
//
// A query that searches first brings the search index up to date, and one sorted by sender,
// subject or size first makes the index of its order: lists always see every cached message
// and never sort a whole folder per window.
class ListQueries
{
public:
    ListQueries(CacheDatabase &db, SearchIndex &search, ListIndexes &indexes,
                const UnwrittenChanges &unwritten);

    StoreResult<int> count(const MessageQuery &query);
    StoreResult<QList<MessageRecord>> fetch(const MessageQuery &query, int offset, int limit);
    // The limit rows that follow the message afterUid in the query's order: reading on from a
    // known row walks the index instead of skipping an OFFSET.
    StoreResult<QList<MessageRecord>> fetchAfter(const MessageQuery &query, quint32 afterUid,
                                                 int limit);
    // The row of uid in the query's order; -1 when the query does not contain it.
    StoreResult<int> position(const MessageQuery &query, quint32 uid);
    // The rows of the given UIDs in the query's order (absent ones are left out).
    StoreResult<QHash<quint32, int>> positions(const MessageQuery &query,
                                               const QList<quint32> &uids);
    // UIDs of the messages whose subject, sender or recipients contain words starting with
    // each word of text, ascending.
    StoreResult<QList<quint32>> search(qint64 folderId, const QString &text);
    // The messages of every folder that match what a user typed (SearchQuery), newest first,
    // at most limit of them.
    StoreResult<QList<MessageRecord>> searchAll(const QString &text, int limit);
    // The same read on a worker thread over a connection of its own, after the search index
    // is brought up to date here; cancelling the future interrupts SQLite, and a cancelled
    // search has no result. A cache in memory is searched at once.
    QFuture<StoreResult<QList<MessageRecord>>> searchAllInBackground(const QString &text, int limit);

    // The list columns of the given UIDs of a folder, by UID (absent ones are left out).
    StoreResult<QHash<quint32, MessageRecord>> fetchUids(qint64 folderId,
                                                         const QList<quint32> &uids);
    // The UIDs of the query's rows, in its order, read here.
    StoreResult<QList<quint32>> uidsInOrder(const MessageQuery &query);
    // What reading the query needs done first, here or over another connection: the search
    // index brought up to date and the index of its order made, on this connection.
    MailError prepare(const MessageQuery &query);
    // Reads the UIDs of the query's rows in its order over a connection of its own to the
    // cache at path, for a worker thread (after prepare() on the store's thread). deliver gets
    // them in batches as they are read, the first of firstBatchRows, each following one twice
    // as large up to maxBatchRows. stop is asked between batches and, through SQLite's progress
    // handler, while SQLite works towards the next row (a search must often gather every match
    // before the first row in order comes): once it answers true the read ends at once, without
    // an error and without delivering what was read since the last batch.
    static constexpr int firstBatchRows = 100;
    static constexpr int maxBatchRows = 65536;
    static MailError readUidsApart(const QString &path, const MessageQuery &query,
                                   const std::function<bool()> &stop,
                                   const std::function<void(QList<quint32> &&)> &deliver);
    // fetch() over another connection, for a worker thread (after prepare() on the store's
    // thread), with the changes still to write that unwritten holds, whose functions are
    // installed on db (UnwrittenChanges::install()).
    // What fetchOver() and a worker that cannot open its connection answer.
    static MailError readFailed(const QString &detail);
    static StoreResult<QList<MessageRecord>> fetchOver(QSqlDatabase &db, const MessageQuery &query,
                                                       int offset, int limit,
                                                       const UnwrittenChanges &unwritten);

    // Whether a comes before b in a list sorted as query sorts (key, then UID), exactly as the
    // queries order rows: for merging the lists of several stores.
    static bool sortsBefore(const MessageRecord &a, const MessageRecord &b,
                            const MessageQuery &query);

    // The SQL of a list over the query's folder and search, and the values it takes; source is
    // the table and any index hint, named "messages"; condition (without values) narrows it,
    // and flags is what to read for the flags column.
    static QString listSql(const MessageQuery &query, const QString &select, const QString &tail,
                           const QString &source, const QString &condition = {},
                           const QString &flags = QStringLiteral("flags"));
    static QVariantList listValues(const MessageQuery &query);
    // That list prepared, with its values bound, once the indexes it needs are there; without
    // the changes a worker still writes (UnwrittenChanges).
    QSqlQuery *listQuery(const MessageQuery &query, const QString &select, const QString &tail,
                         MailError *error, const QString &source = QStringLiteral("messages"));

private:
    StoreResult<QList<MessageRecord>> readWindow(QSqlQuery *query, qint64 folderId, int limit);
    // The rows at which the wanted UIDs stand in a query that lists UIDs in order.
    StoreResult<QHash<quint32, int>> readPositions(QSqlQuery *query, QSet<quint32> wanted);
    // The UIDs the query matches, ordered by order (an ORDER BY clause).
    StoreResult<QList<quint32>> selectUids(const MessageQuery &query, const QString &order);

    CacheDatabase &m_db;
    SearchIndex &m_search;
    ListIndexes &m_indexes;
    const UnwrittenChanges &m_unwritten;
};
