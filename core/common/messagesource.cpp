#include "messagesource.h"

#include <QFile>
#include <QFileInfo>

MessageSource MessageSource::fromBytes(const QByteArray &bytes)
{
    MessageSource source;
    source.m_bytes = bytes.isNull() ? QByteArray("") : bytes;
    return source;
}

MessageSource MessageSource::fromFile(const QString &path)
{
    MessageSource source;
    source.m_path = path;
    source.m_isFile = true;
    return source;
}

qint64 MessageSource::size() const
{
    return m_isFile ? QFileInfo(m_path).size() : m_bytes.size();
}

QByteArray MessageSource::readAll() const
{
    if (!m_isFile)
        return m_bytes;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}
