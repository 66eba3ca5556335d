#pragma once

#include <QIcon>
#include <QString>

// The application's own SVG icons, from the resources under :/icons.
namespace Icons {

// `name` without extension, e.g. "inbox" or "mail-reply". A null icon for an unknown name.
QIcon icon(const QString &name);

} // namespace Icons
