#pragma once

#include "store/messagestore.h"

#include <QDateTime>
#include <QDebug>
#include <QList>

// Messages and folders for the store's tests.

// A message with what lists sort and search on: subject, sender, dates, size, Message-ID.
inline MessageRecord makeMessage(quint32 uid, const QString &subject, const QString &fromName,
                                 const QString &fromAddress, qint64 dateSecs,
                                 MessageRecord::Flags flags = {})
{
    MessageRecord m;
    m.uid = uid;
    m.modSeq = 100 + uid;
    m.flags = flags;
    m.subject = subject;
    m.fromName = fromName;
    m.fromAddress = fromAddress;
    m.to = QStringLiteral("Team <team@example.org>");
    m.sentDate = QDateTime::fromSecsSinceEpoch(dateSecs, Qt::UTC);
    m.internalDate = m.sentDate.addSecs(30);
    m.size = 1000 + uid;
    m.messageId = "<" + QByteArray::number(uid) + "@example.org>";
    return m;
}

// Five messages, UIDs 1 to 5: a reply and a forward, accents, quotes, no sender name, one seen
// and one flagged, two from the same sender at the same time.
inline QList<MessageRecord> sampleMessages()
{
    return {
            makeMessage(1, QStringLiteral("Quarterly report"), QStringLiteral("Alice Martin"),
                        QStringLiteral("alice@example.org"), 1'700'000'000, MessageRecord::Seen),
            makeMessage(2, QStringLiteral("Re: Lunch on Friday"), QStringLiteral("bob"),
                        QStringLiteral("bob@example.net"), 1'700'000'500),
            makeMessage(3, QStringLiteral("Café menu"), QString(), QStringLiteral("chef@bistro.fr"),
                        1'699'000'000),
            makeMessage(4, QStringLiteral("budget \"final\" numbers"), QStringLiteral("Zoë Adams"),
                        QStringLiteral("zoe@example.org"), 1'700'100'000, MessageRecord::Flagged),
            makeMessage(5, QStringLiteral("Fwd: quarterly figures"), QStringLiteral("Alice Martin"),
                        QStringLiteral("alice@example.org"), 1'700'000'000),
    };
}

// Adds a folder to the store; its id, or -1 (with a warning) when the store refuses it.
inline qint64 addTestFolder(MessageStore *store, const QString &path)
{
    FolderRecord folder;
    folder.path = path;
    folder.delimiter = QLatin1Char('/');
    const StoreResult<qint64> id = store->upsertFolder(folder);
    if (!id) {
        qWarning() << id.error().toString();
        return -1;
    }
    return id.value();
}
