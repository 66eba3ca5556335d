#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

#include <optional>

// Colours come from the palette: the light and dark palettes `--palette` offers, and the colours
// that carry a meaning (an error, a warning, a success, a quiet note), derived from whichever
// palette is in use so that they read well on a dark window and a light one alike.
class ColourScheme
{
public:
    enum class Scheme { System, Light, Dark };

    // "light", "dark" or "system"; nullopt for anything else.
    static std::optional<Scheme> fromName(const QString &name);
    // A complete palette for Light and Dark (for the Fusion style); the default one for System.
    static QPalette palette(Scheme scheme);
    // Light or Dark with the Fusion style for the whole application; System leaves both alone.
    static void apply(Scheme scheme);

    static bool isDark(const QPalette &palette);
    static QColor error(const QPalette &palette);
    static QColor warning(const QPalette &palette);
    static QColor success(const QPalette &palette);
    // Text that says little: placeholders, "not loaded" notes, idle states.
    static QColor muted(const QPalette &palette);
    // "color: #rrggbb", for the rich text and style sheets that need a colour by name.
    static QString cssColour(const QColor &colour);
};
