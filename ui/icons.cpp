#include "icons.h"

#include <QFile>

namespace Icons {

QIcon icon(const QString &name)
{
    const QString path = QStringLiteral(":/icons/") + name + QStringLiteral(".svg");
    if (!QFile::exists(path))
        return {};
    return QIcon(path);
}

} // namespace Icons
