#pragma once

#include "storeresult.h"

#include <QObject>
#include <QTimer>

class CacheDatabase;

// The deferred full-text index (FTS5) over subject, sender and recipients.
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

    explicit SearchIndex(CacheDatabase &db, QObject *parent = nullptr);

    // The FTS5 query for what a user typed: each word a quoted prefix term.
    static QString ftsQuery(const QString &text);

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
