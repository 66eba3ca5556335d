#pragma once

#include <QString>
#include <QtGlobal>

// Which messages of a folder a list shows and in which order.
struct MessageQuery
{
    enum class SortKey {
        Date,
        Sender,
        Subject,
        Size,
    };

    qint64 folderId = 0;
    SortKey sortKey = SortKey::Date;
    Qt::SortOrder order = Qt::DescendingOrder;
    QString searchText; // empty: all messages; else words matched by the full-text index

    bool operator==(const MessageQuery &) const = default;
};
