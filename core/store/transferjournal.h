#pragma once

#include "storeresult.h"
#include "transferrecord.h"

#include <QList>

class CacheDatabase;

// The messages being copied or moved to another account (schema version 12), oldest first.
class TransferJournal
{
public:
    explicit TransferJournal(CacheDatabase &db);

    // Adds the records in one transaction; returns their ids in order.
    StoreResult<QList<qint64>> add(const QList<TransferRecord> &records);
    StoreResult<QList<TransferRecord>> transfers();
    MailError setStage(qint64 id, TransferRecord::Stage stage, const QByteArray &messageId);
    MailError remove(qint64 id);

private:
    CacheDatabase &m_db;
};
