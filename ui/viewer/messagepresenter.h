#pragma once

#include "mime/mimepart.h"
#include "viewer/viewermessage.h"

#include <QByteArray>
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPointer>

class AccountService;
class MessageViewer;
class RemoteContentPolicy;
class RemoteImageFetcher;

// Puts one message on the viewer. A message of an account comes as its part tree with only
// the parts to show fetched (AccountService::fetchDisplayParts); its attachments are fetched
// when the viewer asks for one, with progress. A message from a file or attached to another
// comes whole (showRaw) and its attachments are cut from those bytes.
class MessagePresenter : public QObject
{
    Q_OBJECT
public:
    explicit MessagePresenter(MessageViewer *viewer, QObject *parent = nullptr);
    ~MessagePresenter() override;

    // The message uid of folderId, any folder of the service's account.
    void show(AccountService *service, qint64 folderId, quint32 uid);
    void showRaw(const QByteArray &message);
    // Remote images: a message of a sender on the policy's list shows them at once, "Always for
    // this sender" puts the sender there, and the fetcher gets them when the viewer asks (after
    // the user's click, or at once for such a sender). Without a fetcher nothing is fetched.
    void setRemoteContent(RemoteContentPolicy *policy, RemoteImageFetcher *fetcher);

    // Shows no message: the viewer is cleared, and answers still on the way for the message
    // asked for last (its parts, its attachments) are dropped when they come.
    void clear();

    // The message on display (header fields and the fetched parts); hasMessage() is false
    // until the message asked for last has arrived, and after clear().
    bool hasMessage() const { return m_hasMessage; }
    const MimePart &message() const { return m_message; }
    qint64 folderId() const { return m_folderId; }
    quint32 uid() const { return m_uid; }

Q_SIGNALS:
    // The message is on the viewer.
    void shown();
    void failed(const QString &error);

private:
    void watch(AccountService *service);
    void onPartsFetched(qint64 folderId, quint32 uid, const MimePart &message);
    void onAttachmentRequested(const QString &partId);
    void present(qint64 folderId, quint32 uid, const ViewerMessage &message);
    // The message with remoteContentAllowed set as the policy says for its sender.
    ViewerMessage withPolicy(ViewerMessage message) const;

    MessageViewer *m_viewer;
    QPointer<RemoteContentPolicy> m_policy;
    QPointer<RemoteImageFetcher> m_fetcher;
    QPointer<AccountService> m_service;
    QList<QMetaObject::Connection> m_connections;
    qint64 m_folderId = 0;
    quint32 m_uid = 0;
    QByteArray m_raw; // the whole message when it came as bytes
    MimePart m_message;
    bool m_hasMessage = false;
};
