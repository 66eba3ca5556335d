#include "serverlog.h"

#include <QFile>
#include <QFileInfo>

qint64 ServerLog::size(const QString &path)
{
    return QFileInfo(path).size();
}

QByteArray ServerLog::since(const QString &path, qint64 offset)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return {};
    return file.readAll();
}
