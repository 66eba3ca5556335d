#pragma once

// Private to the store's implementation files.

#include "messagestore.h"
#include "sqlitestatement.h"

#include <QDateTime>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimer>
#include <QVariant>

#include <functional>
#include <map>
#include <memory>

struct MessageStore::Private
{
    QString connectionName;
    QString path;
    QSqlDatabase db;
    // Prepared statements by their SQL text, prepared once per open database.
    std::map<QString, std::unique_ptr<QSqlQuery>> statements;
    // Collected while a removal runs.
    QStringList pendingFileRemovals;
    QList<quint32> removedUids;
    // The per-message writes of upsertMessages().
    SqliteStatement insertMessage;
    SqliteStatement updateMessage;
    // Between deferListIndexes() and restoreListIndexes(); the thread indexes are built at the
    // restore too when they existed or were asked for meanwhile.
    bool listIndexesDeferred = false;
    bool threadIndexesDeferred = false;
    QStringList deferredListIndexes; // the list indexes that existed when deferred
    QSet<QString> sortIndexes; // list indexes known to exist, made on first use

    // Idle-time full-text indexing.
    QTimer ftsTimer;
    bool backgroundFts = true;
};

namespace StoreSql {

// The statements that make the indexes threads need (messagestoreindexes.cpp).
const QStringList &threadIndexStatements();

// Runs work over a connection of its own to the cache file at path, for worker threads, which
// may not use the store's: opened first (work checks db.isOpen()), removed afterwards.
void withOwnConnection(const QString &path, const std::function<void(QSqlDatabase &db)> &work);

inline QVariant fromDateTime(const QDateTime &dateTime)
{
    return dateTime.isValid() ? QVariant(dateTime.toMSecsSinceEpoch()) : QVariant();
}

inline QDateTime toDateTime(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// Text columns are NOT NULL: a null QString is stored as the empty string.
inline QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

// The subject without reply and forward prefixes, for sorting once case folded.
QStringView subjectSortText(const QString &subject);
// The sender's name, or address when there is no name, for sorting once case folded.
QStringView senderSortText(const QString &name, const QString &address);
// The same, case folded: the sort columns' values.
QString subjectSortKey(const QString &subject);
QString senderSortKey(const QString &name, const QString &address);
// A message list row from a query whose first twelve columns are those of the list window
// (uid, modseq, flags, keywords, dates, size, subject, sender, message id, attachments).
MessageRecord listRecord(const QSqlQuery &sql, qint64 folderId);

} // namespace StoreSql
