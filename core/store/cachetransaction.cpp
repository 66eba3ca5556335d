#include "cachetransaction.h"

#include "cachedatabase.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

CacheTransaction::CacheTransaction(CacheDatabase &db, Mode mode)
    : m_db(db)
{
    if (!m_db.isOpen()) {
        m_error = m_db.notOpen();
        return;
    }
    // IMMEDIATE: the write lock is taken now, waiting for another connection's write through
    // the busy handler. A transaction that read first could only fail once another
    // connection (a worker) had written meanwhile.
    QSqlQuery begin(m_db.connection());
    if (!begin.exec(mode == Mode::Write ? QStringLiteral("BEGIN IMMEDIATE")
                                        : QStringLiteral("BEGIN DEFERRED"))) {
        m_error = MailError(MailError::Kind::Storage,
                            QCoreApplication::translate("CacheTransaction",
                                                        "Cannot write to the cache"),
                            begin.lastError().text());
        return;
    }
    m_active = true;
}

CacheTransaction::~CacheTransaction()
{
    rollback();
}

MailError CacheTransaction::commit()
{
    if (!m_active)
        return m_error.isError()
                       ? m_error
                       : MailError(MailError::Kind::Storage,
                                   QCoreApplication::translate("CacheTransaction",
                                                               "Cannot commit to the cache"));
    m_active = false;
    QSqlDatabase &db = m_db.connection();
    if (!db.commit()) {
        const MailError error(MailError::Kind::Storage,
                              QCoreApplication::translate("CacheTransaction",
                                                          "Cannot commit to the cache"),
                              db.lastError().text());
        db.rollback();
        return error;
    }
    return {};
}

void CacheTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    m_db.connection().rollback();
}
