#include "base64filereader.h"

#include "transferencoding.h"

bool Base64FileReader::open(const QString &path)
{
    m_file.setFileName(path);
    m_first = true;
    m_error.clear();
    if (!m_file.open(QIODevice::ReadOnly)) {
        m_error = m_file.errorString();
        m_done = true;
        return false;
    }
    m_done = m_file.atEnd();
    return true;
}

QByteArray Base64FileReader::next()
{
    if (m_done)
        return {};
    const QByteArray chunk = m_file.read(chunkSize);
    if (chunk.isEmpty()) {
        if (m_file.error() != QFileDevice::NoError)
            m_error = m_file.errorString();
        m_done = true;
        m_file.close();
        return {};
    }
    QByteArray lines = TransferEncoding::encodeBase64Lines(chunk);
    lines.chop(2); // the separator comes before the next chunk, not after the last line
    if (!m_first)
        lines.prepend("\r\n");
    m_first = false;
    if (m_file.atEnd()) {
        m_done = true;
        m_file.close();
    }
    return lines;
}

qint64 Base64FileReader::encodedSize(qint64 fileSize)
{
    if (fileSize <= 0)
        return 0;
    const qint64 encoded = (fileSize + 2) / 3 * 4;
    const qint64 lines = (encoded + 75) / 76;
    return encoded + 2 * (lines - 1);
}
