#include "colourscheme.h"

#include "menuiconstyle.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace {

// A colour of the given hue, light on a dark palette and dark on a light one.
QColor meaningful(const QPalette &palette, int hue)
{
    const bool dark = ColourScheme::isDark(palette);
    return QColor::fromHsl(hue, dark ? 200 : 180, dark ? 170 : 85);
}

} // namespace

std::optional<ColourScheme::Scheme> ColourScheme::fromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("light"))
        return Scheme::Light;
    if (n == QLatin1String("dark"))
        return Scheme::Dark;
    if (n == QLatin1String("system"))
        return Scheme::System;
    return std::nullopt;
}

QPalette ColourScheme::palette(Scheme scheme)
{
    if (scheme == Scheme::System)
        return QPalette();
    const bool dark = scheme == Scheme::Dark;
    const QColor window = dark ? QColor::fromRgb(0x2b, 0x2d, 0x30)
                               : QColor::fromRgb(0xef, 0xf0, 0xf1);
    const QColor base = dark ? QColor::fromRgb(0x1e, 0x1f, 0x22)
                             : QColor::fromRgb(0xff, 0xff, 0xff);
    const QColor text = dark ? QColor::fromRgb(0xe6, 0xe6, 0xe6)
                             : QColor::fromRgb(0x23, 0x26, 0x29);
    const QColor highlight = dark ? QColor::fromRgb(0x3d, 0x7a, 0xd6)
                                  : QColor::fromRgb(0x30, 0x8c, 0xc6);
    QPalette p(window);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, dark ? window : QColor::fromRgb(0xf7, 0xf7, 0xf7));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, dark ? QColor::fromRgb(0xff, 0x8a, 0x80) : Qt::white);
    p.setColor(QPalette::ToolTipBase,
               dark ? QColor::fromRgb(0x3b, 0x3e, 0x42) : QColor::fromRgb(0xff, 0xf8, 0xdc));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link,
               dark ? QColor::fromRgb(0x8a, 0xb4, 0xf8) : QColor::fromRgb(0x1a, 0x5f, 0xb4));
    p.setColor(QPalette::LinkVisited,
               dark ? QColor::fromRgb(0xc5, 0x8a, 0xf9) : QColor::fromRgb(0x6a, 0x1b, 0x9a));
    QColor placeholder = text;
    placeholder.setAlpha(128);
    p.setColor(QPalette::PlaceholderText, placeholder);
    const QColor disabled = dark ? QColor::fromRgb(0x80, 0x80, 0x80)
                                 : QColor::fromRgb(0xa0, 0xa0, 0xa0);
    p.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
    p.setColor(QPalette::Disabled, QPalette::Text, disabled);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight,
               dark ? QColor::fromRgb(0x50, 0x50, 0x50) : QColor::fromRgb(0xc0, 0xc0, 0xc0));
    return p;
}

void ColourScheme::apply(Scheme scheme)
{
    if (scheme == Scheme::System) {
        // The desktop's style stays; Fusion (Qt's own, where the desktop names none) gets
        // highlighted menu icons in the highlighted text colour.
        if (QApplication::style()->name().compare(QStringLiteral("fusion"), Qt::CaseInsensitive)
            == 0)
            QApplication::setStyle(
                    new MenuIconStyle(QStyleFactory::create(QStringLiteral("Fusion"))));
        return;
    }
    QApplication::setStyle(new MenuIconStyle(QStyleFactory::create(QStringLiteral("Fusion"))));
    QApplication::setPalette(palette(scheme));
}

bool ColourScheme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor ColourScheme::error(const QPalette &palette)
{
    return meaningful(palette, 0);
}

QColor ColourScheme::warning(const QPalette &palette)
{
    return meaningful(palette, 30);
}

QColor ColourScheme::success(const QPalette &palette)
{
    return meaningful(palette, 125);
}

QColor ColourScheme::muted(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    const QColor window = palette.color(QPalette::Window);
    return QColor::fromRgb((text.red() + window.red()) / 2, (text.green() + window.green()) / 2,
                           (text.blue() + window.blue()) / 2);
}

QString ColourScheme::cssColour(const QColor &colour)
{
    return QStringLiteral("color: ") + colour.name(QColor::HexRgb);
}
