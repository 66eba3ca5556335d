#include "smtpmessagesource.h"

#include <QIODevice>

namespace {

constexpr qint64 ScanChunk = 64 * 1024;

bool isAscii(QByteArrayView bytes)
{
    for (char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

} // namespace

SmtpMessageSource::SmtpMessageSource(QIODevice *device)
    : m_device(device)
{
    if (m_device && !m_device->isSequential())
        m_size = m_device->size() - m_device->pos();
}

void SmtpMessageSource::scan()
{
    m_eightBit = false;
    m_nonAsciiHeaders = false;
    if (!m_device)
        return;
    if (m_device->isSequential()) {
        m_eightBit = true;
        return;
    }
    const qint64 start = m_device->pos();
    bool inHeader = true;
    QByteArray tail; // the end of the previous piece: the blank line may straddle two pieces
    while (!m_device->atEnd()) {
        const QByteArray chunk = m_device->read(ScanChunk);
        if (chunk.isEmpty())
            break;
        if (!m_eightBit && !isAscii(chunk))
            m_eightBit = true;
        if (inHeader) {
            const QByteArray joined = tail + chunk;
            qsizetype end = joined.indexOf("\r\n\r\n");
            const qsizetype lfEnd = joined.indexOf("\n\n");
            if (end < 0 || (lfEnd >= 0 && lfEnd < end))
                end = lfEnd;
            const QByteArrayView header = end < 0 ? QByteArrayView(joined)
                                                  : QByteArrayView(joined).first(end);
            if (!isAscii(header))
                m_nonAsciiHeaders = true;
            inHeader = end < 0;
            tail = joined.right(3);
        }
        if (!inHeader && m_eightBit)
            break;
    }
    m_device->seek(start);
}

void SmtpMessageSource::begin(SmtpDataEncoder::Mode mode)
{
    m_encoder = SmtpDataEncoder(mode);
    m_ended = false;
}

bool SmtpMessageSource::readEncoded(qint64 maxBytes, QByteArray &out)
{
    if (m_ended)
        return true;
    const QByteArray chunk = m_device ? m_device->read(maxBytes) : QByteArray();
    if (!chunk.isEmpty()) {
        m_consumed += chunk.size();
        m_encoder.encode(chunk, out);
    }
    if (chunk.isEmpty() || !m_device || m_device->atEnd()) {
        m_encoder.finish(out);
        m_ended = true;
    }
    return m_ended;
}
