#pragma once

#include <QByteArray>
#include <QColor>
#include <QIconEngine>
#include <QPalette>

// Draws a monochrome SVG icon in the application palette's text colour: every `currentColor`
// of the SVG becomes the palette's WindowText (HighlightedText for selected items, the disabled
// group's WindowText for disabled ones). The colour is looked up each time a pixmap is asked
// for, so the icon follows a change of palette (dark or light) at the next repaint.
class PaletteIconEngine : public QIconEngine
{
public:
    explicit PaletteIconEngine(const QByteArray &svg);

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override;
    QIconEngine *clone() const override;
    QString key() const override;
    bool isNull() override;

    // The colour `currentColor` takes in `mode` on `palette`.
    static QColor colour(const QPalette &palette, QIcon::Mode mode);

private:
    QPixmap render(const QSize &size, const QColor &colour) const;

    QByteArray m_svg;
    QString m_cacheKey;
};
