#include "paletteiconengine.h"

#include <QCryptographicHash>
#include <QGuiApplication>
#include <QPainter>
#include <QPixmapCache>
#include <QSvgRenderer>

PaletteIconEngine::PaletteIconEngine(const QByteArray &svg)
    : m_svg(svg)
    , m_cacheKey(
              QStringLiteral("heron-palette-icon:")
              + QString::fromLatin1(QCryptographicHash::hash(svg, QCryptographicHash::Md5).toHex()))
{ }

QColor PaletteIconEngine::colour(const QPalette &palette, QIcon::Mode mode)
{
    switch (mode) {
    case QIcon::Disabled:
        return palette.color(QPalette::Disabled, QPalette::WindowText);
    case QIcon::Selected:
        return palette.color(QPalette::Active, QPalette::HighlightedText);
    case QIcon::Normal:
    case QIcon::Active:
        break;
    }
    return palette.color(QPalette::Active, QPalette::WindowText);
}

QPixmap PaletteIconEngine::render(const QSize &size, const QColor &colour) const
{
    const QString key = m_cacheKey + QLatin1Char(':') + QString::number(size.width())
                        + QLatin1Char('x') + QString::number(size.height()) + QLatin1Char(':')
                        + colour.name(QColor::HexArgb);
    QPixmap cached;
    if (QPixmapCache::find(key, &cached))
        return cached;

    QByteArray svg = m_svg;
    svg.replace("currentColor", colour.name(QColor::HexRgb).toLatin1());
    QSvgRenderer renderer(svg);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    if (renderer.isValid()) {
        QPainter painter(&image);
        // The SVG's own opacities are kept; the colour's alpha (a translucent disabled text) too.
        painter.setOpacity(colour.alphaF());
        QSizeF drawn = renderer.defaultSize();
        drawn.scale(QSizeF(size), Qt::KeepAspectRatio);
        const QRectF target((size.width() - drawn.width()) / 2.0,
                            (size.height() - drawn.height()) / 2.0, drawn.width(), drawn.height());
        renderer.render(&painter, target);
    }
    const QPixmap pixmap = QPixmap::fromImage(image);
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

QPixmap PaletteIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state)
{
    Q_UNUSED(state);
    if (size.isEmpty())
        return {};
    return render(size, colour(QGuiApplication::palette(), mode));
}

QPixmap PaletteIconEngine::scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                                        qreal scale)
{
    QPixmap result = pixmap(size * scale, mode, state);
    result.setDevicePixelRatio(scale);
    return result;
}

void PaletteIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode,
                              QIcon::State state)
{
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const QPixmap drawn = pixmap(rect.size() * ratio, mode, state);
    painter->drawPixmap(rect, drawn);
}

QIconEngine *PaletteIconEngine::clone() const
{
    return new PaletteIconEngine(m_svg);
}

QString PaletteIconEngine::key() const
{
    return QStringLiteral("PaletteIconEngine");
}

bool PaletteIconEngine::isNull()
{
    return m_svg.isEmpty();
}
