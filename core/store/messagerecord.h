#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QFlags>
#include <QMetaType>
#include <QString>

// The cached envelope and state of one message, keyed by (folderId, uid).
struct MessageRecord
{
    enum Flag {
        NoFlag = 0,
        Seen = 0x01,
        Answered = 0x02,
        Flagged = 0x04,
        Deleted = 0x08,
        Draft = 0x10,
        Forwarded = 0x20, // the keyword $Forwarded (RFC 5788)
    };
    Q_DECLARE_FLAGS(Flags, Flag)

    qint64 folderId = 0;
    quint32 uid = 0;
    quint64 modSeq = 0;
    Flags flags;
    QString keywords; // other keywords, space separated, e.g. "$Junk $label1"

    QDateTime internalDate;
    QDateTime sentDate;
    qint64 size = 0;

    QString subject;
    QString fromName;
    QString fromAddress;
    QString to; // display text of the To addresses
    QString cc; // display text of the Cc addresses

    QByteArray messageId;
    QByteArray inReplyTo;
    QByteArray references;

    bool hasAttachments = false;
    QByteArray bodyStructure; // opaque to the store

    // The date lists show and sort by: the sender's date when known, else the arrival date.
    QDateTime displayDate() const { return sentDate.isValid() ? sentDate : internalDate; }
};

Q_DECLARE_OPERATORS_FOR_FLAGS(MessageRecord::Flags)
Q_DECLARE_METATYPE(MessageRecord)
