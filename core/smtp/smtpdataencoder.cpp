#include "smtpdataencoder.h"

void SmtpDataEncoder::encode(QByteArrayView input, QByteArray &out)
{
    out.reserve(out.size() + input.size() + input.size() / 64 + 4);
    const bool stuff = m_mode == Mode::Data;
    const char *p = input.data();
    const char *end = p + input.size();
    while (p < end) {
        const char c = *p++;
        if (m_pendingCr) {
            m_pendingCr = false;
            out.append("\r\n", 2);
            m_atLineStart = true;
            if (c == '\n')
                continue;
        }
        if (c == '\r') {
            m_pendingCr = true;
            continue;
        }
        if (c == '\n') {
            out.append("\r\n", 2);
            m_atLineStart = true;
            continue;
        }
        if (m_atLineStart) {
            m_atLineStart = false;
            if (stuff && c == '.')
                out.append('.');
        }
        if (static_cast<unsigned char>(c) >= 0x80)
            m_eightBit = true;
        // Copy the rest of the line in one go.
        const char *lineEnd = p;
        while (lineEnd < end && *lineEnd != '\r' && *lineEnd != '\n') {
            if (static_cast<unsigned char>(*lineEnd) >= 0x80)
                m_eightBit = true;
            ++lineEnd;
        }
        out.append(c);
        out.append(p, lineEnd - p);
        p = lineEnd;
    }
}

void SmtpDataEncoder::finish(QByteArray &out)
{
    if (m_pendingCr || !m_atLineStart)
        out.append("\r\n", 2);
    m_pendingCr = false;
    m_atLineStart = true;
    if (m_mode == Mode::Data)
        out.append(".\r\n", 3);
}
