#pragma once

#include "messagequery.h"
#include "storeresult.h"

#include <QFuture>
#include <QSet>
#include <QStringList>

class CacheDatabase;

// The indexes of the messages table that serve reading only, and how a large write goes
// without them.
//
// Every index of the messages table costs a B-tree insert per new row, at a place its key
// decides: for sort keys like sender or subject, a random page, and each commit writes every
// page its rows touched. These indexes are therefore made only once a list needs them: the
// sender, subject and size orders have one each, made the first time a list is read in that
// order, and threads have theirs, made the first time threads are read.
//
// A large write (the first synchronisation of a big folder) drops those that exist (defer()):
// rows are then written without a B-tree insert per index, and restore() builds each of them
// again in one sorted pass. Meanwhile every query still answers, by scanning. A database
// closed before the restore (a crash, a quit) builds each missing index when first needed.
class ListIndexes
{
public:
    explicit ListIndexes(CacheDatabase &db);

    // The statements that make the indexes threads need.
    static const QStringList &threadIndexStatements();

    // Whether the index of the key's order exists. sortIndexInBackground() makes it on a worker
    // thread, for a large folder whose first sort would otherwise hold up the caller (the
    // caller's writes meanwhile wait through SQLite's busy timeout).
    bool hasSortIndex(MessageQuery::SortKey key);
    QFuture<MailError> sortIndexInBackground(MessageQuery::SortKey key);
    // The index of a sort order other than by date, built the first time a list is read in it.
    MailError ensureSortIndex(MessageQuery::SortKey key);
    MailError ensureThreadIndexes();

    MailError defer();
    MailError restore();
    bool isDeferred() const { return m_deferred; }
    // Forgets what is known of the indexes: the database closed.
    void reset();

private:
    CacheDatabase &m_db;
    // Between defer() and restore(); the thread indexes are built at the restore too when they
    // existed or were asked for meanwhile.
    bool m_deferred = false;
    bool m_threadIndexesDeferred = false;
    QStringList m_deferredIndexes; // the list indexes that existed when deferred
    QSet<QString> m_sortIndexes; // list indexes known to exist, made on first use
};
