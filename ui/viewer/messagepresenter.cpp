#include "messagepresenter.h"

#include "accounts/remotecontentpolicy.h"
#include "service/accountservice.h"
#include "service/remoteimagefetcher.h"
#include "viewer/messageviewer.h"
#include "viewer/viewermessagefactory.h"

#include <QCoreApplication>
#include <QThreadPool>

MessagePresenter::MessagePresenter(MessageViewer *viewer, QObject *parent)
    : QObject(parent)
    , m_viewer(viewer)
{
    connect(viewer, &MessageViewer::attachmentRequested, this,
            &MessagePresenter::onAttachmentRequested);
}

void MessagePresenter::setRemoteContent(RemoteContentPolicy *policy, RemoteImageFetcher *fetcher)
{
    m_policy = policy;
    m_fetcher = fetcher;
    if (policy) {
        connect(m_viewer, &MessageViewer::alwaysAllowRemoteContent, policy,
                &RemoteContentPolicy::allow);
    }
    if (fetcher) {
        connect(m_viewer, &MessageViewer::remoteContentRequested, fetcher,
                [fetcher](const QStringList &urls) {
                    QList<QUrl> list;
                    for (const QString &url : urls)
                        list << QUrl(url);
                    fetcher->fetch(list);
                });
        connect(fetcher, &RemoteImageFetcher::imageFetched, m_viewer,
                &MessageViewer::setRemoteImage);
    }
}

MessagePresenter::~MessagePresenter()
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
}

void MessagePresenter::watch(AccountService *service)
{
    if (m_service == service)
        return;
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_service = service;
    m_connections.append(connect(service, &AccountService::messagePartsFetched, this,
                                 &MessagePresenter::onPartsFetched));
    m_connections.append(connect(service, &AccountService::messageFetchFailed, this,
                                 [this](qint64 folderId, quint32 uid, const MailError &error) {
                                     if (folderId == m_folderId && uid == m_uid)
                                         Q_EMIT failed(error.toString());
                                 }));
    m_connections.append(
            connect(service, &AccountService::partProgress, this,
                    [this](qint64 folderId, quint32 uid, const QByteArray &section, qint64 received,
                           qint64 total) {
                        if (folderId == m_folderId && uid == m_uid)
                            m_viewer->setAttachmentProgress(QString::fromLatin1(section), received,
                                                            total);
                    }));
    m_connections.append(connect(service, &AccountService::partFetched, this,
                                 [this](qint64 folderId, quint32 uid, const QByteArray &section,
                                        const QByteArray &data) {
                                     if (folderId == m_folderId && uid == m_uid)
                                         m_viewer->setAttachmentData(QString::fromLatin1(section),
                                                                     data);
                                 }));
    m_connections.append(connect(service, &AccountService::partFileFetched, this,
                                 [this](qint64 folderId, quint32 uid, const QByteArray &section,
                                        const QString &path) {
                                     if (folderId == m_folderId && uid == m_uid)
                                         m_viewer->setAttachmentFile(QString::fromLatin1(section),
                                                                     path);
                                 }));
    m_connections.append(connect(service, &AccountService::partFetchFailed, this,
                                 [this](qint64 folderId, quint32 uid, const QByteArray &section,
                                        const MailError &error) {
                                     if (folderId == m_folderId && uid == m_uid)
                                         m_viewer->setAttachmentFailed(QString::fromLatin1(section),
                                                                       error.toString());
                                 }));
}

void MessagePresenter::show(AccountService *service, qint64 folderId, quint32 uid)
{
    watch(service);
    m_raw.clear();
    if (folderId != m_folderId || uid != m_uid) {
        // Until its parts come, the message on display is not the one a reply would answer.
        m_message = {};
        m_hasMessage = false;
    }
    m_folderId = folderId;
    m_uid = uid;
    if (m_fetcher)
        m_fetcher->abortAll();
    service->fetchDisplayParts(folderId, uid);
}

void MessagePresenter::clear()
{
    m_folderId = 0;
    m_uid = 0;
    m_raw.clear();
    m_message = {};
    m_hasMessage = false;
    if (m_fetcher)
        m_fetcher->abortAll();
    m_viewer->clear();
}

void MessagePresenter::showRaw(const QByteArray &message)
{
    m_folderId = 0;
    m_uid = 0;
    m_raw = message;
    m_message = MimePart::parse(message);
    m_hasMessage = true;
    if (m_fetcher)
        m_fetcher->abortAll();
    m_viewer->setMessage(withPolicy(ViewerMessageFactory::fromPart(m_message)));
    Q_EMIT shown();
}

void MessagePresenter::onPartsFetched(qint64 folderId, quint32 uid, const MimePart &message)
{
    if (folderId != m_folderId || uid != m_uid || !m_raw.isEmpty())
        return;
    m_message = message;
    m_hasMessage = true;
    // Decoding runs on a worker thread (the tree shares its bytes read-only) and laying out
    // follows on this one, so that a large message does not hold the window up.
    QPointer<MessagePresenter> self(this);
    QThreadPool::globalInstance()->start([self, message, folderId, uid] {
        ViewerMessage shown = ViewerMessageFactory::fromPart(message);
        QMetaObject::invokeMethod(
                qApp,
                [self, folderId, uid, shown = std::move(shown)] {
                    if (self)
                        self->present(folderId, uid, shown);
                },
                Qt::QueuedConnection);
    });
}

void MessagePresenter::present(qint64 folderId, quint32 uid, const ViewerMessage &message)
{
    if (folderId != m_folderId || uid != m_uid || !m_raw.isEmpty())
        return;
    m_viewer->setMessage(withPolicy(message));
    Q_EMIT shown();
}

ViewerMessage MessagePresenter::withPolicy(ViewerMessage message) const
{
    message.remoteContentAllowed = m_policy && m_policy->isAllowed(message.from.address);
    return message;
}

void MessagePresenter::onAttachmentRequested(const QString &partId)
{
    if (!m_raw.isEmpty()) {
        m_viewer->setAttachmentData(partId, ViewerMessageFactory::attachmentData(m_raw, partId));
        return;
    }
    if (!m_service || m_uid == 0) {
        m_viewer->setAttachmentFailed(partId, tr("No message is open"));
        return;
    }
    m_service->fetchPart(m_folderId, m_uid, partId.toLatin1());
}
