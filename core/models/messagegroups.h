#pragma once

#include <QList>
#include <QModelIndexList>
#include <QString>

// The messages of some rows of a message list, by account and folder: what an action on the
// selected messages (mark read, flag, delete, move) is to change.
struct MessageGroup
{
    QString accountId; // empty: the account of the list on display
    qint64 folderId = 0;
    QList<quint32> uids;
};

namespace MessageGroups {

// A folder's list reads the UIDs of many rows in one query (MessageListModel::uidsOf()): a
// million rows after Select All cost a query, not a million records read. Other lists of one
// folder answer with their drag data (mimeData()); the rest (search results of several folders,
// All Inboxes across accounts) are asked row by row.
QList<MessageGroup> of(const QModelIndexList &rows);

} // namespace MessageGroups
