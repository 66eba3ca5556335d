#pragma once

#include "common/mailerror.h"

class CacheDatabase;

// One transaction on the cache: begun by the constructor, rolled back by the destructor unless
// commit() succeeded. Every write of the store, whatever the size of its batch, is one.
//
//     CacheTransaction transaction(db);
//     if (MailError error = transaction.error())
//         return error;
//     ... // writes; an early return rolls them back
//     return transaction.commit();
//
// Transactions do not nest: one at a time per database.
class CacheTransaction
{
public:
    enum class Mode {
        Write,
        // Reads only, without the write lock: several statements see the same state of the
        // cache, whatever other connections commit meanwhile.
        Read,
    };

    explicit CacheTransaction(CacheDatabase &db, Mode mode = Mode::Write);
    ~CacheTransaction();
    CacheTransaction(const CacheTransaction &) = delete;
    CacheTransaction &operator=(const CacheTransaction &) = delete;

    // Why the transaction could not begin (the database is not open, or locked); no error
    // when it is active.
    const MailError &error() const { return m_error; }
    bool isActive() const { return m_active; }

    // Makes the writes durable. A commit that fails is rolled back; commit() on a transaction
    // that never began returns why.
    MailError commit();
    // Undoes the writes now rather than at the end of the scope: before telling anyone about
    // the failure, so that they read the database as it was.
    void rollback();

private:
    CacheDatabase &m_db;
    MailError m_error;
    bool m_active = false;
};
