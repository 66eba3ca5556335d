#pragma once

#include <QItemSelection>
#include <QList>
#include <QModelIndexList>
#include <QString>

#include <optional>

// The messages of some rows of a message list, by account and folder: what an action on the
// selected messages (mark read, flag, delete, move) is to change.
struct MessageGroup
{
    QString accountId; // empty: the account of the list on display
    qint64 folderId = 0;
    QList<quint32> uids;
    // Every message of the folder the cache holds, uids left empty: all the rows of a large
    // list of the whole folder, whose UIDs take longer than a frame to read
    // (AccountService::changeFlags() reads them on a worker).
    bool wholeFolder = false;
};

namespace MessageGroups {

// The selected rows, each once (the first column's index), in the selection's order.
QModelIndexList rowsOf(const QItemSelection &selection);
// The folder, when the selection is every row of a list of the whole folder
// (MessageListModel::showsWholeFolder()) of at least its backgroundCountRows(); read without
// reading a row.
std::optional<MessageGroup> wholeFolderOf(const QItemSelection &selection);
// The groups of the selected rows: wholeFolderOf() the selection, else by their rows.
QList<MessageGroup> of(const QItemSelection &selection);

// A folder's list reads the UIDs of many rows in one query (MessageListModel::uidsOf()): a
// million rows after Select All cost a query, not a million records read. Other lists of one
// folder answer with their drag data (mimeData()); the rest (search results of several folders,
// All Inboxes across accounts) are asked row by row.
QList<MessageGroup> of(const QModelIndexList &rows);

} // namespace MessageGroups
