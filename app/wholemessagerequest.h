#pragma once

#include "common/mailerror.h"
#include "common/messagesource.h"

#include <QByteArray>
#include <QObject>

class AccountService;

// One message of an account (folder and UID), whole (its RFC 5322 bytes), asked for once
// through AccountService::fetchMessage(): fetched() or failed(), then the request deletes
// itself. A service that goes away first fails the request.
class WholeMessageRequest : public QObject
{
    Q_OBJECT
public:
    WholeMessageRequest(AccountService *service, qint64 folderId, quint32 uid,
                        QObject *parent = nullptr);

Q_SIGNALS:
    // The message as it lies: a large one is a file of the cache (MessageSource::isFile()).
    void fetchedSource(const MessageSource &message);
    // The same read into memory, only when something listens.
    void fetched(const QByteArray &message);
    void failed(const MailError &error);

private:
    void finish();

    qint64 m_folderId;
    quint32 m_uid;
    bool m_done = false;
};
