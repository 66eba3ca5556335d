#include "messagesource.h"

#include "filelink.h"
#include "mappedfile.h"

#include <QCoreApplication>

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

bool MessageSource::writeTo(QIODevice *device, QString *errorMessage, qint64 pieceSize) const
{
    const auto fail = [errorMessage](const QString &message) {
        if (errorMessage)
            *errorMessage = message;
        return false;
    };
    const auto write = [device](const char *data, qint64 size) {
        return device->write(data, size) == size;
    };
    if (!m_isFile) {
        if (!write(m_bytes.constData(), m_bytes.size()))
            return fail(device->errorString());
        return true;
    }
    MappedFile mapped;
    if (!mapped.open(m_path))
        return fail(QCoreApplication::translate("MessageSource", "Cannot read %1: %2")
                            .arg(m_path, mapped.errorString()));
    const QByteArray bytes = mapped.bytes();
    for (qint64 offset = 0; offset < bytes.size(); offset += pieceSize) {
        if (!write(bytes.constData() + offset, std::min<qint64>(pieceSize, bytes.size() - offset)))
            return fail(device->errorString());
    }
    return true;
}

bool MessageSource::linkTo(const QString &path, QString *errorMessage) const
{
    if (m_isFile)
        return FileLink::linkOrCopy(m_path, path, errorMessage);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) || !writeTo(&file, errorMessage)) {
        if (errorMessage && errorMessage->isEmpty())
            *errorMessage = file.errorString();
        if (file.isOpen()) {
            file.close();
            file.remove();
        }
        return false;
    }
    return true;
}

QByteArray MessageSource::header(qint64 limit) const
{
    const auto endOfHeader = [](const QByteArray &bytes) -> qsizetype {
        const qsizetype crlf = bytes.indexOf("\r\n\r\n");
        const qsizetype lf = bytes.indexOf("\n\n");
        if (crlf >= 0 && (lf < 0 || crlf + 2 <= lf))
            return crlf + 4;
        return lf < 0 ? -1 : lf + 2;
    };
    if (!m_isFile) {
        const QByteArray bytes = m_bytes.left(limit);
        const qsizetype end = endOfHeader(bytes);
        return end < 0 ? bytes : bytes.left(end);
    }
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    QByteArray header;
    while (header.size() < limit && !file.atEnd()) {
        const QByteArray line = file.readLine(limit - header.size() + 1);
        if (line.isEmpty())
            break;
        header += line;
        if (line == "\r\n" || line == "\n")
            break;
    }
    return header;
}
