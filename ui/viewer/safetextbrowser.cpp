#include "safetextbrowser.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace {

// Decodes bytes of a raster format, told by their content whatever the message declared.
// Formats that can refer to other resources are refused: an SVG image may name local files
// (<image href="/path">) that the SVG renderer would read and show.
QImage decodeRaster(const QByteArray &bytes)
{
    static const QList<QByteArray> rasterFormats {"png", "jpeg", "jpg", "gif", "bmp", "webp"};
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    if (!rasterFormats.contains(reader.format().toLower()))
        return {};
    return reader.read();
}

} // namespace

SafeTextBrowser::SafeTextBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setSearchPaths({});
}

void SafeTextBrowser::setInlineImages(const QHash<QString, QByteArray> &images)
{
    m_inlineImages = images;
    m_remoteImages.clear();
}

void SafeTextBrowser::setRemoteImage(const QUrl &url, const QByteArray &bytes)
{
    m_remoteImages.insert(url, bytes);
}

void SafeTextBrowser::resetCounters()
{
    m_requests.clear();
    m_served = 0;
    m_networkRequests = 0;
}

bool SafeTextBrowser::isNetworkUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme.isEmpty() || scheme == u"http" || scheme == u"https" || scheme == u"ftp"
           || scheme == u"file";
}

QVariant SafeTextBrowser::loadResource(int type, const QUrl &name)
{
    m_requests.append(name);
    if (isNetworkUrl(name))
        ++m_networkRequests;
    QVariant resource = serve(type, name);
    const bool served = resource.isValid();
    if (served)
        ++m_served;
    else
        resource = QVariant(QByteArray()); // not null: the document must not look elsewhere
    Q_EMIT resourceRequested(name, served);
    return resource;
}

QVariant SafeTextBrowser::serve(int type, const QUrl &name) const
{
    if (type != QTextDocument::ImageResource)
        return {};
    QByteArray bytes;
    const QString scheme = name.scheme().toLower();
    if (scheme == u"cid") {
        bytes = m_inlineImages.value(name.path(QUrl::FullyDecoded));
    } else if (scheme == u"data") {
        const QByteArray encoded = name.toEncoded();
        const qsizetype comma = encoded.indexOf(',');
        if (comma < 0)
            return {};
        const QByteArray header = encoded.mid(5, comma - 5).toLower();
        if (!header.startsWith("image/"))
            return {};
        const QByteArray payload = QByteArray::fromPercentEncoding(encoded.mid(comma + 1));
        bytes = header.endsWith(";base64") ? QByteArray::fromBase64(payload) : payload;
    } else if (scheme == u"http" || scheme == u"https") {
        bytes = m_remoteImages.value(name);
    } else {
        return {};
    }
    const QImage image = decodeRaster(bytes);
    if (image.isNull())
        return {};
    return image;
}
