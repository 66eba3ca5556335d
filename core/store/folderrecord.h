#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

// One folder of an account as the cache knows it: what LIST said about it and the state the
// last synchronisation left (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, counts from the server).
struct FolderRecord
{
    enum class SpecialUse {
        None = 0,
        Inbox,
        Drafts,
        Sent,
        Trash,
        Junk,
        Archive,
    };

    qint64 id = 0; // assigned by the store; 0 for a folder not stored yet
    QString path; // account-relative, already decoded from modified UTF-7
    QChar delimiter;
    QStringList attributes; // LIST attributes other than the special use, e.g. \Noselect
    SpecialUse specialUse = SpecialUse::None;
    bool subscribed = false;

    quint32 uidValidity = 0;
    quint32 uidNext = 0;
    quint64 highestModSeq = 0;
    quint32 exists = 0; // as last reported by the server
    quint32 unseen = 0; // as last reported by the server
    // The user keeps the folder's messages for offline use: their bodies are downloaded.
    bool keepOffline = false;

    // RFC 3501 5.1: the name INBOX, in any case, is the Inbox.
    static bool isInboxPath(QStringView path)
    {
        return path.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0;
    }
    bool isInbox() const { return specialUse == SpecialUse::Inbox || isInboxPath(path); }

    bool isSelectable() const
    {
        return !attributes.contains(QLatin1String("\\Noselect"), Qt::CaseInsensitive)
               && !attributes.contains(QLatin1String("\\NonExistent"), Qt::CaseInsensitive);
    }
};

Q_DECLARE_METATYPE(FolderRecord)
