#pragma once

#include "smtp/smtpdataencoder.h"

#include <QByteArray>

class QIODevice;

// The message being submitted, read from a device in bounded pieces and turned into its wire
// form (SmtpDataEncoder). Never holds more than one piece of the message at a time.
class SmtpMessageSource
{
public:
    SmtpMessageSource() = default;
    explicit SmtpMessageSource(QIODevice *device);

    // Looks through a seekable device once, then rewinds it: does the message hold 8-bit bytes,
    // and does its header section hold any (RFC 6532 headers need SMTPUTF8)? A sequential device
    // cannot be looked through: it counts as 8-bit with ASCII headers.
    void scan();
    bool hasEightBit() const { return m_eightBit; }
    bool hasNonAsciiHeaders() const { return m_nonAsciiHeaders; }

    // Bytes from the current position to the end, or -1 for a sequential device.
    qint64 size() const { return m_size; }
    // Bytes read so far.
    qint64 consumed() const { return m_consumed; }
    bool isAtEnd() const { return m_ended; }

    // Starts reading in the given wire form.
    void begin(SmtpDataEncoder::Mode mode);
    // Reads up to maxBytes and appends their wire form to out. Returns true once the message
    // ended, after the terminator (DATA) or the final line end (BDAT) was appended.
    bool readEncoded(qint64 maxBytes, QByteArray &out);

private:
    QIODevice *m_device = nullptr;
    SmtpDataEncoder m_encoder;
    qint64 m_size = -1;
    qint64 m_consumed = 0;
    bool m_ended = false;
    bool m_eightBit = false;
    bool m_nonAsciiHeaders = false;
};
