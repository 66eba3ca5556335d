#pragma once

#include "common/messagesource.h"

#include <QByteArray>
#include <QObject>
#include <QString>

class AccountService;

// Files the copy of each sent message into the account's Sent folder exactly once: Heron
// appends it, unless the submission server files sent messages itself (Account::sentFiling()).
//
// Which of the two is found out with the first message sent: after checkDelay() (the server
// needs a moment to deliver its own copy), the copy goes to the account's journal as an
// append that first searches Sent for the message's Message-ID
// (AccountService::appendMessageUnlessFiled()); found there, the server files them, and no copy
// is appended from then on; not found, Heron's copy is stored, and every later one at once.
// Offline, the search waits in the journal for the connection like any change. The answer is
// the account's (AccountService::sentFilingFound()), and the account dialog can reset it.
//
// While a message waits for its check it is kept in a file of the spool directory, so that
// quitting meanwhile costs nothing: start() checks what an earlier run left there at once.
// The message is never read into memory: its file is linked into the spool directory, and
// handed on to the journal (in the spool's filing folder), which streams it to the server.
class SentCopyFiler : public QObject
{
    Q_OBJECT
public:
    static constexpr int defaultCheckDelayMs = 5000;

    SentCopyFiler(AccountService *service, const QString &spoolDirectory, QObject *parent = nullptr);

    // Files the messages an earlier run left waiting for their check.
    void start();
    // The message (its bytes as sent) with that outbox id was accepted by the server. A file is
    // linked (or copied) at once: it may go when this returns.
    void file(const QString &id, const MessageSource &message);

    void setCheckDelay(int msecs) { m_checkDelay = msecs; }
    int checkDelay() const { return m_checkDelay; }
    // Messages waiting for their check.
    int waitingCount() const { return m_waiting; }

private:
    QString spoolPath(const QString &id) const;
    // Where the journal keeps the message while it is filed.
    QString filingPath(const QString &id) const;
    // Gives message a file of its own at path.
    static bool keep(const MessageSource &message, const QString &path);
    // Hands the spooled message id to the journal, searching Sent first; its file goes once
    // the journal holds it.
    void check(const QString &id);

    AccountService *m_service;
    QString m_spool;
    int m_checkDelay = defaultCheckDelayMs;
    int m_waiting = 0;
};
