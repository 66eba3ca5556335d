#pragma once

#include "storeresult.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <functional>
#include <map>
#include <memory>

class QSqlQuery;
class SqliteStatement;

// The connection to one account's cache file (WAL, synchronous=NORMAL), through which every
// part of the store reaches SQLite: QtSql statements prepared once per open database, and the
// few statements of the hot writes prepared straight on SQLite (SqliteStatement) over the same
// connection, so that both share its transactions (CacheTransaction).
//
// The database and its connection belong to the thread that opened it; work on another thread
// goes through withOwnConnection().
class CacheDatabase
{
public:
    CacheDatabase();
    ~CacheDatabase();
    CacheDatabase(const CacheDatabase &) = delete;
    CacheDatabase &operator=(const CacheDatabase &) = delete;

    // Opens or creates the database at path and migrates it to the latest schema.
    MailError open(const QString &path);
    void close();
    bool isOpen() const;
    // Runs SQLite's quick_check over the whole file. Damage is reported as a Storage error.
    MailError checkIntegrity();
    QString path() const;
    QString connectionName() const;
    // A database in memory has no file another connection could open.
    bool isInMemory() const;

    // The QtSql connection, for statements run once (schema changes, queries built per call).
    QSqlDatabase &connection() { return m_db; }

    // The statement of this SQL text, prepared on first use and kept until close(); nullptr,
    // with *error set, when the database is not open or the SQL does not prepare.
    QSqlQuery *prepared(const QString &sql, MailError *error);
    // The same on SQLite directly, for the writes that run once per message of a large
    // synchronisation. sql must outlive the database: it is the key of the cache.
    SqliteStatement *sqliteStatement(const char *sql, MailError *error);
    // The first column of the first row of a prepared statement run with values (null when
    // there is no row).
    StoreResult<QVariant> scalar(const QString &sql, const QVariantList &values = {});
    // Runs a statement once, outside the cache of prepared ones.
    MailError exec(const QString &sql, const QString &what);

    // Logs and returns the error of a statement that failed.
    MailError failed(const QString &what, const QSqlQuery &query) const;
    MailError failed(const QString &what, const SqliteStatement &statement) const;
    MailError notOpen() const;

    // Gives the pages SQLite keeps in memory back to the system.
    void releaseMemory();
    // The longest text or blob the open database accepts; a longer value is refused as "string
    // or blob too big". SQLite's own default is 1,000,000,000 bytes. Returns the limit in force.
    qint64 setMaxValueSize(int bytes);

    // Runs work over a connection of its own to the cache file at path, for worker threads,
    // which may not use the store's: opened first (work checks db.isOpen()), removed
    // afterwards.
    static void withOwnConnection(const QString &path,
                                  const std::function<void(QSqlDatabase &db)> &work);

private:
    MailError configure();

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    // Prepared statements by their SQL text, prepared once per open database.
    std::map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    std::map<const char *, std::unique_ptr<SqliteStatement>> m_sqliteStatements;
};
