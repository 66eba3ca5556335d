#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

class QSqlDatabase;
class QVariant;
struct sqlite3;
struct sqlite3_stmt;

// A statement prepared directly on the SQLite handle behind a QSqlDatabase connection, for the
// few writes that run once per message of a large synchronisation: there, QtSql's per-value
// bookkeeping (a QVariant and a placeholder name for every bound value, UTF-16 text) costs as
// much as SQLite's own work. It shares the connection, and so its transactions, with QtSql.
//
// Values bound as text or blob are kept until the next reset(), so temporaries may be bound.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    // The SQLite handle of an open QSQLITE connection, or nullptr.
    static sqlite3 *handle(const QSqlDatabase &db);

    bool prepare(sqlite3 *db, const char *sql);
    bool isPrepared() const { return m_statement != nullptr; }
    void finalize();

    // Parameters count from 1, as in SQLite.
    void bindInt64(int index, qint64 value);
    void bindNull(int index);
    // Text as UTF-8; a null QString binds the empty string.
    void bindText(int index, QStringView value);
    // value.toCaseFolded(), as bindText() binds it.
    void bindCaseFoldedText(int index, QStringView value);
    // A null QByteArray binds NULL.
    void bindBlob(int index, const QByteArray &value);

    // A value as QtSql binds it: integers and booleans, text, byte arrays; null otherwise.
    void bindVariant(int index, const QVariant &value);

    // Reads a query's rows: true while there is one, its columns read with columnInt64(). At
    // the end, false, and the statement is ready to run again; failed() then tells an error
    // (see errorText()) from the last row.
    bool next();
    qint64 columnInt64(int column) const;
    bool failed() const { return m_readFailed; }

    // Runs the statement to completion; false on an error (see errorText()), also when a value
    // bound since the last exec() was refused (one longer than SQLite's limit is "string or
    // blob too big"): the statement never runs with a parameter left out.
    bool exec();
    // Rows the last exec() inserted, updated or deleted.
    int changes() const;
    QString errorText() const;

private:
    QByteArray &keep(int index, QByteArray bytes);
    // Binds ASCII text through the parameter's own buffer (no allocation); false, binding
    // nothing, when the text is not ASCII.
    bool bindAscii(int index, QStringView value, bool caseFold);
    // Keeps the first refusal of a bind until exec().
    void checkBind(int result);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QList<QByteArray> m_kept;
    int m_bindResult = 0; // SQLITE_OK, or the first bind's error since the last exec()
    int m_lastError = 0; // the error exec() reported for a refused bind, for errorText()
    bool m_reading = false; // between the first next() of a run and its last
    bool m_readFailed = false;
};
