#include "backgroundwrite.h"

#include "bodypartcache.h"
#include "cachedatabase.h"
#include "cachetransaction.h"
#include "messagetable.h"

#include <QAtomicInteger>
#include <QElapsedTimer>
#include <QMutexLocker>
#include <QThread>

namespace {

// Rows written between two looks at the clock.
constexpr qsizetype stepRows = 16;
// The pause after each commit, long enough for the store's thread to take the write lock.
constexpr unsigned long pauseUs = 1000;

QAtomicInteger<quint64> lastId;

} // namespace

BackgroundWrite::BackgroundWrite(const QString &path, qint64 folderId, const QList<quint32> &uids)
    : m_id(lastId.fetchAndAddRelaxed(1) + 1)
    , m_kind(Kind::Remove)
    , m_path(path)
    , m_folderId(folderId)
    , m_uids(uids)
{ }

BackgroundWrite::BackgroundWrite(const QString &path, qint64 folderId, const QList<quint32> &uids,
                                 MessageRecord::Flags add, MessageRecord::Flags remove)
    : m_id(lastId.fetchAndAddRelaxed(1) + 1)
    , m_kind(Kind::Flags)
    , m_path(path)
    , m_folderId(folderId)
    , m_uids(uids)
    , m_add(add)
    , m_remove(remove)
{ }

void BackgroundWrite::keep(const QList<quint32> &uids)
{
    const QMutexLocker locker(&m_mutex);
    for (quint32 uid : uids)
        m_kept.insert(uid);
}

void BackgroundWrite::stop()
{
    m_stopped = true;
}

bool BackgroundWrite::isKept(quint32 uid)
{
    const QMutexLocker locker(&m_mutex);
    return m_kept.contains(uid);
}

MailError BackgroundWrite::run()
{
    CacheDatabase db;
    if (MailError error = db.open(m_path))
        return error;
    MessageTable messages(db);
    BodyPartCache parts(db);
    qsizetype next = 0;
    while (next < m_uids.size()) {
        QStringList files;
        {
            CacheTransaction transaction(db);
            if (transaction.error())
                return transaction.error();
            if (m_stopped)
                return {};
            QElapsedTimer clock;
            clock.start();
            while (next < m_uids.size() && clock.elapsed() < transactionMs) {
                QList<quint32> step;
                for (const qsizetype end = qMin(next + stepRows, m_uids.size()); next < end;
                     ++next) {
                    if (!isKept(m_uids.at(next)))
                        step.append(m_uids.at(next));
                }
                QList<quint32> written;
                MailError error;
                if (m_kind == Kind::Flags) {
                    error = messages.writeFlags(m_folderId, step, m_add, m_remove, &written);
                } else {
                    error = messages.remove(m_folderId, step, &written);
                    if (!error)
                        error = parts.remove(m_folderId, step, &files);
                }
                if (error)
                    return error;
            }
            if (MailError error = transaction.commit())
                return error;
        }
        BodyPartCache::removeFiles(files);
        QThread::usleep(pauseUs);
    }
    return {};
}
