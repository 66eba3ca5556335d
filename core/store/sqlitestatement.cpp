#include "sqlitestatement.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <utility>

SqliteStatement::~SqliteStatement()
{
    finalize();
}

sqlite3 *SqliteStatement::handle(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

bool SqliteStatement::prepare(sqlite3 *db, const char *sql)
{
    finalize();
    m_db = db;
    if (!db)
        return false;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr)
        != SQLITE_OK) {
        m_statement = nullptr;
        return false;
    }
    m_kept.resize(sqlite3_bind_parameter_count(m_statement) + 1);
    return true;
}

void SqliteStatement::finalize()
{
    if (m_statement)
        sqlite3_finalize(m_statement);
    m_statement = nullptr;
    m_kept.clear();
    m_bindResult = SQLITE_OK;
    m_lastError = SQLITE_OK;
    m_reading = false;
    m_readFailed = false;
}

QByteArray &SqliteStatement::keep(int index, QByteArray bytes)
{
    QByteArray &slot = m_kept[index];
    slot = std::move(bytes);
    return slot;
}

void SqliteStatement::checkBind(int result)
{
    if (result != SQLITE_OK && m_bindResult == SQLITE_OK)
        m_bindResult = result;
}

void SqliteStatement::bindInt64(int index, qint64 value)
{
    checkBind(sqlite3_bind_int64(m_statement, index, value));
}

void SqliteStatement::bindNull(int index)
{
    checkBind(sqlite3_bind_null(m_statement, index));
}

bool SqliteStatement::bindAscii(int index, QStringView value, bool caseFold)
{
    const QChar *text = value.data();
    const qsizetype size = value.size();
    for (qsizetype i = 0; i < size; ++i) {
        if (text[i].unicode() >= 0x80)
            return false;
    }
    // Most text is ASCII: narrowed into the buffer this parameter already has. Case folding
    // ASCII changes A to Z only.
    QByteArray &utf8 = m_kept[index];
    utf8.resize(size);
    char *out = utf8.data();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = char(text[i].unicode());
        out[i] = caseFold && c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
    }
    checkBind(sqlite3_bind_text64(m_statement, index, size == 0 ? "" : utf8.constData(),
                                  sqlite3_uint64(size), SQLITE_STATIC, SQLITE_UTF8));
    return true;
}

void SqliteStatement::bindText(int index, QStringView value)
{
    if (bindAscii(index, value, false))
        return;
    const QByteArray &utf8 = keep(index, value.toUtf8());
    checkBind(sqlite3_bind_text64(m_statement, index, utf8.constData(), sqlite3_uint64(utf8.size()),
                                  SQLITE_STATIC, SQLITE_UTF8));
}

void SqliteStatement::bindCaseFoldedText(int index, QStringView value)
{
    if (bindAscii(index, value, true))
        return;
    const QByteArray &utf8 = keep(index, value.toString().toCaseFolded().toUtf8());
    checkBind(sqlite3_bind_text64(m_statement, index, utf8.constData(), sqlite3_uint64(utf8.size()),
                                  SQLITE_STATIC, SQLITE_UTF8));
}

void SqliteStatement::bindBlob(int index, const QByteArray &value)
{
    if (value.isNull()) {
        checkBind(sqlite3_bind_null(m_statement, index));
        return;
    }
    const QByteArray &kept = keep(index, value);
    // An empty, non-null QByteArray is an empty blob, not NULL: SQLite wants a non-null pointer.
    checkBind(sqlite3_bind_blob64(m_statement, index, kept.isEmpty() ? "" : kept.constData(),
                                  sqlite3_uint64(kept.size()), SQLITE_STATIC));
}

bool SqliteStatement::exec()
{
    if (!m_statement)
        return false;
    m_lastError = std::exchange(m_bindResult, SQLITE_OK);
    if (m_lastError != SQLITE_OK)
        return false;
    const int result = sqlite3_step(m_statement);
    sqlite3_reset(m_statement);
    return result == SQLITE_DONE || result == SQLITE_ROW;
}

void SqliteStatement::bindVariant(int index, const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        bindInt64(index, value.toLongLong());
        return;
    case QMetaType::QByteArray:
        bindBlob(index, value.toByteArray());
        return;
    case QMetaType::QString:
        bindText(index, value.toString());
        return;
    default:
        bindNull(index);
        return;
    }
}

bool SqliteStatement::next()
{
    if (!m_statement)
        return false;
    if (!m_reading) {
        m_lastError = std::exchange(m_bindResult, SQLITE_OK);
        m_readFailed = m_lastError != SQLITE_OK;
        if (m_readFailed)
            return false;
        m_reading = true;
    }
    const int result = sqlite3_step(m_statement);
    if (result == SQLITE_ROW)
        return true;
    m_reading = false;
    m_readFailed = result != SQLITE_DONE;
    sqlite3_reset(m_statement);
    return false;
}

qint64 SqliteStatement::columnInt64(int column) const
{
    return m_statement ? sqlite3_column_int64(m_statement, column) : 0;
}

int SqliteStatement::changes() const
{
    return m_db ? sqlite3_changes(m_db) : 0;
}

QString SqliteStatement::errorText() const
{
    if (!m_db)
        return QCoreApplication::translate("SqliteStatement", "No database");
    if (m_lastError != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errstr(m_lastError));
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}
