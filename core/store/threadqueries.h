#pragma once

#include "messagequery.h"
#include "storeresult.h"
#include "threadroot.h"
#include "threadrow.h"

#include <QFuture>
#include <QHash>
#include <QList>

class CacheDatabase;
class ListIndexes;
class ListQueries;
class SearchIndex;

// Threaded lists, by References and In-Reply-To within a folder.
//
// Conversations are found in SQL through thread_key (schema version 5): the messages sharing a
// key form one, and a key that is the Message-ID of a message filed under another key joins
// that conversation (an In-Reply-To chain without References). Inside one conversation the tree
// is built here, from the headers of its messages.
//
// A root is the first message of a conversation that is in the folder. roots() lists them all
// in the query's order and filter, UIDs only, so a view can lay out every row; rows() reads the
// list columns of some of them, with how many other messages their conversation has.
// Replies are the messages that answer parentUid, the last message of their References that is
// in the folder (else their In-Reply-To, else the root), oldest first, each with its number of
// direct replies; so a missing message in the middle loses no one.
// The first call creates the indexes threads need (ListIndexes), so a cache that never shows
// threads does not maintain them on every write.
class ThreadQueries
{
public:
    ThreadQueries(CacheDatabase &db, ListQueries &lists, ListIndexes &indexes, SearchIndex &search);

    StoreResult<QList<ThreadRoot>> roots(const MessageQuery &query);
    // The same, read on a worker thread over a connection of its own: a large folder's roots
    // (and the first time, the thread indexes) take longer than a view may wait. Rows not in
    // the search index yet are indexed here first when the query searches.
    QFuture<StoreResult<QList<ThreadRoot>>> rootsInBackground(const MessageQuery &query);
    StoreResult<QHash<quint32, ThreadRow>> rows(qint64 folderId, const QList<quint32> &uids);
    StoreResult<QList<ThreadRow>> replies(qint64 folderId, quint32 parentUid);
    // The UIDs of every message of uid's conversation, uid itself included, in no order: what
    // its thread holds, found without reading the rows or building the tree.
    StoreResult<QList<quint32>> conversation(qint64 folderId, quint32 uid);

private:
    // The key that names uid's conversation: its own, followed through the keys it joins; empty
    // for a message without one.
    StoreResult<QByteArray> conversationKey(qint64 folderId, quint32 uid);

    CacheDatabase &m_db;
    ListQueries &m_lists;
    ListIndexes &m_indexes;
    SearchIndex &m_search;
};
