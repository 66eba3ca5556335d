#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QTextBrowser>
#include <QUrl>

// A text browser that never leaves the message: loadResource() serves images embedded in the
// message (cid: from the map it is given, data:image/...) and refuses everything else, local
// files included. Only raster formats are decoded (PNG, JPEG, GIF, BMP, WebP, told by their
// bytes): never SVG, which can name files of its own. Remote images are shown only when their bytes were handed over with
// setRemoteImage(). Every request is counted and reported, so a test can prove that displaying
// a message asked for nothing on the network. Links are never followed by the browser itself.
class SafeTextBrowser : public QTextBrowser
{
    Q_OBJECT
public:
    explicit SafeTextBrowser(QWidget *parent = nullptr);

    // Image bytes by Content-ID (without angle brackets). Replaces the previous set.
    void setInlineImages(const QHash<QString, QByteArray> &images);
    // Bytes of a remote image fetched by someone else (the user allowed remote content); the
    // browser still never fetches anything itself. Cleared by setInlineImages().
    void setRemoteImage(const QUrl &url, const QByteArray &bytes);

    int requestCount() const { return int(m_requests.size()); }
    int servedCount() const { return m_served; }
    // Requests for http, https, ftp, file or relative URLs: always refused.
    int networkRequestCount() const { return m_networkRequests; }
    QList<QUrl> requestedUrls() const { return m_requests; }
    void resetCounters();

    static bool isNetworkUrl(const QUrl &url);

Q_SIGNALS:
    void resourceRequested(const QUrl &url, bool served);

protected:
    QVariant loadResource(int type, const QUrl &name) override;

private:
    QVariant serve(int type, const QUrl &name) const;

    QHash<QString, QByteArray> m_inlineImages;
    QHash<QUrl, QByteArray> m_remoteImages;
    QList<QUrl> m_requests;
    int m_served = 0;
    int m_networkRequests = 0;
};
