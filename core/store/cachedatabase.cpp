#include "cachedatabase.h"

#include "common/logging.h"
#include "sqlitestatement.h"
#include "storeschema.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThread>

#include <sqlite3.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace {

QAtomicInteger<quint32> connectionCounter;

// Waits for another connection's write lock a quarter of a millisecond at a time, for up to
// five seconds. SQLite's own handler sleeps ever longer, up to 100 ms a time: behind a worker
// that writes in short transactions with short pauses (BackgroundRemoval), it would miss the
// pauses and hold up its thread for far longer than a transaction lasts.
int waitBriefly(void *, int attempts)
{
    constexpr int stepUs = 250;
    if (attempts >= 5'000'000 / stepUs)
        return 0;
    QThread::usleep(stepUs);
    return 1;
}

} // namespace

CacheDatabase::CacheDatabase() = default;

CacheDatabase::~CacheDatabase()
{
    close();
}

void CacheDatabase::withOwnConnection(const QString &path,
                                      const std::function<void(QSqlDatabase &db)> &work)
{
    const QString name = QStringLiteral("heron-worker-%1")
                                 .arg(connectionCounter.fetchAndAddRelaxed(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.open();
        work(db);
    }
    QSqlDatabase::removeDatabase(name);
}

MailError CacheDatabase::open(const QString &path)
{
    close();
    m_connectionName = QStringLiteral("heron-store-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    m_path = path;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("CacheDatabase",
                                                     "Cannot create the folder of the cache %1")
                                 .arg(path));
    }

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open()) {
        const MailError error(MailError::Kind::Storage,
                              QCoreApplication::translate("CacheDatabase",
                                                          "Cannot open the cache %1")
                                      .arg(path),
                              m_db.lastError().text());
        close();
        return error;
    }
    if (MailError error = configure()) {
        close();
        return error;
    }
    if (MailError error = StoreSchema::migrate(m_db)) {
        qCWarning(lcStore) << "cannot open" << path << error.toString();
        close();
        return error;
    }
    return {};
}

MailError CacheDatabase::configure()
{
    QSqlQuery pragma(m_db);
    if (!pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !pragma.next()
        || pragma.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("CacheDatabase",
                                                     "The cache %1 is damaged or not a database")
                                 .arg(m_path),
                         pragma.lastError().text());
    }
    sqlite3_busy_handler(SqliteStatement::handle(m_db), &waitBriefly, nullptr);
    const QStringList settings = {QStringLiteral("PRAGMA synchronous=NORMAL"),
                                  QStringLiteral("PRAGMA temp_store=MEMORY"),
                                  QStringLiteral("PRAGMA cache_size=-16000"),
                                  // A checkpoint (with its fsync) per 32 MB of log rather than
                                  // per 4 MB: a first synchronisation of a large folder writes
                                  // hundreds of megabytes, and on a loaded disk the syncs, not
                                  // the writes, dominated its time.
                                  QStringLiteral("PRAGMA wal_autocheckpoint=8192")};
    for (const QString &setting : settings) {
        if (!pragma.exec(setting)) {
            return MailError(MailError::Kind::Storage,
                             QCoreApplication::translate("CacheDatabase",
                                                         "Cannot configure the cache %1")
                                     .arg(m_path),
                             pragma.lastError().text());
        }
    }
    return {};
}

void CacheDatabase::close()
{
    m_sqliteStatements.clear();
    m_statements.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool CacheDatabase::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

MailError CacheDatabase::checkIntegrity()
{
    if (!isOpen())
        return notOpen();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("PRAGMA quick_check"))) {
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("CacheDatabase", "The cache %1 is damaged")
                                 .arg(m_path),
                         query.lastError().text());
    }
    QStringList problems;
    while (query.next() && problems.size() < 5)
        problems.append(query.value(0).toString());
    if (problems == QStringList {QStringLiteral("ok")})
        return {};
    return MailError(MailError::Kind::Storage,
                     QCoreApplication::translate("CacheDatabase", "The cache %1 is damaged")
                             .arg(m_path),
                     problems.join(QStringLiteral("; ")));
}

QString CacheDatabase::path() const
{
    return m_path;
}

QString CacheDatabase::connectionName() const
{
    return m_connectionName;
}

bool CacheDatabase::isInMemory() const
{
    return m_path == QLatin1String(":memory:");
}

QSqlQuery *CacheDatabase::prepared(const QString &sql, MailError *error)
{
    if (!isOpen()) {
        *error = notOpen();
        return nullptr;
    }
    auto it = m_statements.find(sql);
    if (it != m_statements.end())
        return it->second.get();
    auto query = std::make_unique<QSqlQuery>(m_db);
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        *error = failed(QCoreApplication::translate("CacheDatabase",
                                                    "Cannot prepare a cache query"),
                        *query);
        return nullptr;
    }
    return m_statements.emplace(sql, std::move(query)).first->second.get();
}

SqliteStatement *CacheDatabase::sqliteStatement(const char *sql, MailError *error)
{
    if (!isOpen()) {
        *error = notOpen();
        return nullptr;
    }
    auto it = m_sqliteStatements.find(sql);
    if (it != m_sqliteStatements.end())
        return it->second.get();
    auto statement = std::make_unique<SqliteStatement>();
    sqlite3 *handle = SqliteStatement::handle(m_db);
    if (!handle || !statement->prepare(handle, sql)) {
        *error = MailError(MailError::Kind::Storage,
                           QCoreApplication::translate("CacheDatabase",
                                                       "Cannot prepare a cache query"),
                           handle ? statement->errorText()
                                  : QCoreApplication::translate("CacheDatabase",
                                                                "No SQLite handle"));
        return nullptr;
    }
    return m_sqliteStatements.emplace(sql, std::move(statement)).first->second.get();
}

StoreResult<QVariant> CacheDatabase::scalar(const QString &sql, const QVariantList &values)
{
    MailError error;
    QSqlQuery *query = prepared(sql, &error);
    if (!query)
        return error;
    for (int i = 0; i < values.size(); ++i)
        query->bindValue(i, values.at(i));
    if (!query->exec())
        return failed(QCoreApplication::translate("CacheDatabase", "Cannot read the cache"), *query);
    const QVariant value = query->next() ? query->value(0) : QVariant();
    query->finish();
    return value;
}

MailError CacheDatabase::exec(const QString &sql, const QString &what)
{
    if (!isOpen())
        return notOpen();
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return failed(what, query);
    return {};
}

MailError CacheDatabase::failed(const QString &what, const QSqlQuery &query) const
{
    qCWarning(lcStore) << what << query.lastError().text();
    return MailError(MailError::Kind::Storage, what, query.lastError().text());
}

MailError CacheDatabase::failed(const QString &what, const SqliteStatement &statement) const
{
    const MailError error(MailError::Kind::Storage, what, statement.errorText());
    qCWarning(lcStore) << what << error.serverText();
    return error;
}

MailError CacheDatabase::notOpen() const
{
    return MailError(MailError::Kind::Storage,
                     QCoreApplication::translate("CacheDatabase", "The cache is not open"));
}

qint64 CacheDatabase::setMaxValueSize(int bytes)
{
    sqlite3 *handle = isOpen() ? SqliteStatement::handle(m_db) : nullptr;
    if (!handle)
        return -1;
    sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, bytes);
    return sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, -1);
}

void CacheDatabase::releaseMemory()
{
    if (!isOpen())
        return;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA shrink_memory")))
        failed(QCoreApplication::translate("CacheDatabase", "Cannot release the cache's memory"),
               query);
#ifdef __GLIBC__
    // SQLite's pages are small heap blocks: freed, they stay resident in the middle of the heap
    // until the allocator is asked to hand whole free pages back.
    malloc_trim(0);
#endif
}
