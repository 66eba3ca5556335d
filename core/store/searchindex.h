#pragma once

#include "storeresult.h"

#include <QList>
#include <QObject>
#include <QTimer>

class CacheDatabase;

// The full-text index (FTS5) over subject, sender, recipients and the text of the bodies
// that are cached. Its text is folded (SearchQuery::fold()) on the way in, as queries are.
//
// Inserting a message does not touch the index: the rows above the watermark
// fts_state.indexed_through (schema version 7) are tokenized here, in chunks on the store's
// thread once no write came for idleDelayMs, and all at once before any search, so searches
// always see every cached message. A cold synchronisation of a large folder thus writes rows at
// the speed of the table and its indexes, and the search index catches up right after.
class SearchIndex : public QObject
{
    Q_OBJECT

public:
    static constexpr int idleDelayMs = 250;
    static constexpr int chunkRows = 2000;
    // The text of a body beyond this is not indexed.
    static constexpr int maxBodyChars = 512 * 1024;

    explicit SearchIndex(CacheDatabase &db, QObject *parent = nullptr);

    // The FTS5 query for the text terms of what a user typed (SearchQuery).
    static QString ftsQuery(const QString &text);

    // The text of a message's bodies (as a reader shows them) joins its row of the index; the
    // message then counts as having its body indexed.
    MailError indexBody(qint64 folderId, quint32 uid, const QString &text);
    StoreResult<bool> isBodyIndexed(qint64 folderId, quint32 uid);
    // The messages of a folder whose body is not indexed, highest UID first (all when limit is
    // negative), and how many there are.
    StoreResult<QList<quint32>> uidsWithoutBody(qint64 folderId, int limit);
    StoreResult<int> countWithoutBody(qint64 folderId);
    StoreResult<bool> hasMessagesWithoutBody(qint64 folderId);

    // Messages written but not indexed yet.
    StoreResult<int> pendingRows();
    // Indexes up to maxRows pending messages, oldest first (all of them when negative).
    MailError indexPending(int maxRows = -1);

    // Turns the idle-time indexing on (the default) or off; searches index what they need
    // either way.
    void setBackgroundIndexing(bool enabled);
    // Every write pushes the idle-time indexing back: a synchronisation in progress is not
    // slowed down.
    void schedule();
    // Pushes back indexing already scheduled, for a writer about to write more.
    void postpone();
    // No more idle-time indexing until the next schedule(): the database closes.
    void stop();

Q_SIGNALS:
    // The idle-time indexing has caught up with every written message.
    void caughtUp();

private:
    void indexChunk();

    CacheDatabase &m_db;
    QTimer m_timer;
    bool m_background = true;
};
