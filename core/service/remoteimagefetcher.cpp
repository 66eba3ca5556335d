#include "remoteimagefetcher.h"

#include <QAuthenticator>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace {

// Neither gives cookies nor takes them.
class NoCookieJar : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::QNetworkCookieJar;
    QList<QNetworkCookie> cookiesForUrl(const QUrl &) const override { return {}; }
    bool setCookiesFromUrl(const QList<QNetworkCookie> &, const QUrl &) override { return false; }
    bool insertCookie(const QNetworkCookie &) override { return false; }
};

bool isFetchable(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == u"http" || scheme == u"https") && !url.host().isEmpty()
           && url.userInfo().isEmpty();
}

} // namespace

RemoteImageFetcher::RemoteImageFetcher(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setCookieJar(new NoCookieJar(m_network));
    m_network->setCache(nullptr);
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    m_network->setStrictTransportSecurityEnabled(false);
    // A server asking for a password gets none: the authenticator stays empty and the request
    // fails with AuthenticationRequiredError.
    connect(m_network, &QNetworkAccessManager::authenticationRequired, this,
            [](QNetworkReply *, QAuthenticator *) {});
}

RemoteImageFetcher::~RemoteImageFetcher()
{
    abortAll();
}

void RemoteImageFetcher::fetch(const QList<QUrl> &urls)
{
    for (const QUrl &url : urls) {
        bool onItsWay = false;
        for (const QUrl &pending : std::as_const(m_replies))
            onItsWay = onItsWay || pending == url;
        if (onItsWay)
            continue;
        if (!isFetchable(url)) {
            QMetaObject::invokeMethod(
                    this,
                    [this, url] {
                        Q_EMIT failed(url, tr("Only http and https addresses without a user name"
                                              " are fetched"));
                    },
                    Qt::QueuedConnection);
            continue;
        }
        QNetworkRequest request(url);
        request.setMaximumRedirectsAllowed(3);
        request.setTransferTimeout(m_timeout);
        request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                             QNetworkRequest::AlwaysNetwork);
        request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
        request.setRawHeader("Accept", "image/*");
        QNetworkReply *reply = m_network->get(request);
        m_replies.insert(reply, url);
        connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply] {
            const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
            if (length.isValid() && length.toLongLong() > m_sizeLimit)
                fail(reply, tr("The image is larger than %1 bytes").arg(m_sizeLimit));
        });
        connect(reply, &QNetworkReply::readyRead, this, [this, reply] { onReadyRead(reply); });
        connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    }
}

void RemoteImageFetcher::abortAll()
{
    const QList<QNetworkReply *> replies = m_replies.keys();
    m_replies.clear();
    m_data.clear();
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void RemoteImageFetcher::onReadyRead(QNetworkReply *reply)
{
    if (!m_replies.contains(reply))
        return;
    QByteArray &data = m_data[reply];
    data += reply->readAll();
    if (data.size() > m_sizeLimit)
        fail(reply, tr("The image is larger than %1 bytes").arg(m_sizeLimit));
}

void RemoteImageFetcher::onFinished(QNetworkReply *reply)
{
    if (!m_replies.contains(reply))
        return;
    if (reply->error() != QNetworkReply::NoError) {
        const QString error = reply->error() == QNetworkReply::OperationCanceledError
                                      ? tr("The server did not answer in time")
                                      : reply->errorString();
        fail(reply, error);
        return;
    }
    onReadyRead(reply);
    if (!m_replies.contains(reply))
        return; // over the limit
    const QUrl url = m_replies.take(reply);
    const QByteArray data = m_data.take(reply);
    reply->deleteLater();
    Q_EMIT imageFetched(url, data);
}

void RemoteImageFetcher::fail(QNetworkReply *reply, const QString &error)
{
    const QUrl url = m_replies.take(reply);
    m_data.remove(reply);
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    Q_EMIT failed(url, error);
}
