#pragma once

#include <QIcon>
#include <QString>
#include <QStringList>

// The application's icons: the desktop icon theme's where it has one under a freedesktop name,
// else the bundled SVG under :/icons, drawn in the palette's text colour (PaletteIconEngine) so
// that it shows on dark and light palettes alike. The application icon ("heron") is always the
// bundled one, in its own colours.
namespace Icons {

// `name` without extension, e.g. "inbox" or "mail-reply". A null icon for an unknown name.
QIcon icon(const QString &name);

// The bundled icon alone, whatever the theme has. A null icon for an unknown name.
QIcon bundledIcon(const QString &name);

// The freedesktop icon names tried for `name`, in order (empty for "heron").
QStringList themeNames(const QString &name);

// The names of every bundled icon.
QStringList bundledNames();

} // namespace Icons
