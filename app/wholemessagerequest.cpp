#include "wholemessagerequest.h"

#include "service/accountservice.h"

#include <QMetaMethod>

WholeMessageRequest::WholeMessageRequest(AccountService *service, qint64 folderId, quint32 uid,
                                         QObject *parent)
    : QObject(parent)
    , m_folderId(folderId)
    , m_uid(uid)
{
    connect(service, &AccountService::messageFetched, this,
            [this](qint64 fetchedFolder, quint32 fetchedUid, const MessageSource &message) {
                if (m_done || fetchedFolder != m_folderId || fetchedUid != m_uid)
                    return;
                finish();
                Q_EMIT fetchedSource(message);
                if (isSignalConnected(QMetaMethod::fromSignal(&WholeMessageRequest::fetched)))
                    Q_EMIT fetched(message.readAll());
            });
    connect(service, &AccountService::messageFetchFailed, this,
            [this](qint64 failedFolder, quint32 failedUid, const MailError &error) {
                if (m_done || failedFolder != m_folderId || failedUid != m_uid)
                    return;
                finish();
                Q_EMIT failed(error);
            });
    connect(service, &QObject::destroyed, this, [this] {
        if (m_done)
            return;
        finish();
        Q_EMIT failed(MailError(MailError::Kind::Network, tr("The account was closed")));
    });
    service->fetchMessage(folderId, uid);
}

void WholeMessageRequest::finish()
{
    m_done = true;
    deleteLater();
}
