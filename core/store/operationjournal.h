#pragma once

#include "pendingoperation.h"
#include "storeresult.h"

#include <QList>

class CacheDatabase;

// The journal of changes the server has not confirmed yet (schema version 10), oldest first.
// UIDs and flag names are kept as text: a journal holds a handful of rows, read once per
// connection.
class OperationJournal
{
public:
    explicit OperationJournal(CacheDatabase &db);

    // Returns the operation's id.
    StoreResult<qint64> add(const PendingOperation &operation);
    // The oldest limit operations, all when limit is negative.
    StoreResult<QList<PendingOperation>> operations(int limit = -1);
    StoreResult<int> count();
    MailError remove(qint64 id);

private:
    CacheDatabase &m_db;
};
