#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// Fetches the remote images of a message once the user asked for them. Each request goes out
// bare: no cookies are sent or kept, no Referer, no credentials (neither from the URL nor asked
// for when a server wants them), nothing cached; only http and https, redirects only to places
// no less safe, a few of them at most. A body larger than the size cap is abandoned as soon as
// that is known, and a request that stalls longer than the timeout fails.
class RemoteImageFetcher : public QObject
{
    Q_OBJECT
public:
    explicit RemoteImageFetcher(QObject *parent = nullptr);
    ~RemoteImageFetcher() override;

    void setSizeLimit(qint64 bytes) { m_sizeLimit = bytes; }
    qint64 sizeLimit() const { return m_sizeLimit; }
    // Milliseconds without progress after which a request fails.
    void setTimeout(int milliseconds) { m_timeout = milliseconds; }
    int timeout() const { return m_timeout; }

    // Starts fetching each URL not already on its way; each ends in imageFetched() or failed().
    void fetch(const QList<QUrl> &urls);
    // Forgets every request on its way: none of them reports.
    void abortAll();
    int pendingCount() const { return int(m_replies.size()); }

Q_SIGNALS:
    void imageFetched(const QUrl &url, const QByteArray &bytes);
    void failed(const QUrl &url, const QString &error);

private:
    void onReadyRead(QNetworkReply *reply);
    void onFinished(QNetworkReply *reply);
    void fail(QNetworkReply *reply, const QString &error);

    QNetworkAccessManager *m_network;
    QHash<QNetworkReply *, QUrl> m_replies; // by reply, the URL as asked for
    QHash<QNetworkReply *, QByteArray> m_data;
    qint64 m_sizeLimit = 5 * 1024 * 1024;
    int m_timeout = 20000;
};
