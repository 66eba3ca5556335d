#include "messagefilereader.h"

bool MessageFileReader::open(const QString &path)
{
    m_error.clear();
    m_offset = 0;
    m_outputSize = 0;
    m_asIs = false;
    m_eightBit = false;
    m_skipLf = false;
    if (!m_file.open(path)) {
        m_error = m_file.errorString();
        return false;
    }
    // One pass over the mapping: what the output will be, and whether it may be.
    const QByteArray bytes = m_file.bytes();
    const char *data = bytes.constData();
    const qsizetype size = bytes.size();
    qint64 output = 0;
    qsizetype lineLength = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < size && data[i + 1] == '\n')
                ++i;
            output += 2;
            lineLength = 0;
            continue;
        }
        if (c == '\0' || ++lineLength > 998)
            return false;
        if (static_cast<uchar>(c) >= 0x80)
            m_eightBit = true;
        ++output;
    }
    m_outputSize = output;
    m_asIs = true;
    return true;
}

QByteArray MessageFileReader::next()
{
    if (!m_asIs || atEnd())
        return QByteArray();
    const QByteArray bytes = m_file.bytes();
    const char *data = bytes.constData();
    const qint64 end = std::min<qint64>(m_offset + pieceSize, bytes.size());
    QByteArray out;
    out.reserve(qsizetype(end - m_offset) + qsizetype(end - m_offset) / 32 + 2);
    qint64 i = m_offset;
    if (m_skipLf && i < end && data[i] == '\n')
        ++i;
    m_skipLf = false;
    while (i < end) {
        const qint64 start = i;
        while (i < end && data[i] != '\r' && data[i] != '\n')
            ++i;
        out.append(data + start, qsizetype(i - start));
        if (i == end)
            break;
        if (data[i] == '\r' && i + 1 < end && data[i + 1] == '\n')
            ++i;
        else if (data[i] == '\r' && i + 1 == end)
            m_skipLf = true;
        out += "\r\n";
        ++i;
    }
    m_offset = end;
    return out;
}
