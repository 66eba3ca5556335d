#pragma once

// Helpers shared by the store's tables and queries: how values are written to and read from
// the cache's columns.

#include "messagerecord.h"

#include <QDateTime>
#include <QString>
#include <QStringView>
#include <QVariant>

class QSqlQuery;

namespace StoreSql {

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
