#pragma once

#include <QByteArray>
#include <QByteArrayView>

// Turns message bytes into what goes on the wire after DATA or inside BDAT chunks, streaming:
// every line end becomes CRLF (bare LF and bare CR included), and for DATA a '.' opening a line
// is doubled (RFC 5321 4.5.2) and the message is closed by "CRLF.CRLF". Work and memory are
// proportional to each chunk; one byte (a CR waiting for its LF) is carried between chunks.
class SmtpDataEncoder
{
public:
    enum class Mode { Data, Bdat };

    explicit SmtpDataEncoder(Mode mode = Mode::Data)
        : m_mode(mode)
    { }

    // Appends the encoded form of input to out.
    void encode(QByteArrayView input, QByteArray &out);
    QByteArray encode(QByteArrayView input)
    {
        QByteArray out;
        encode(input, out);
        return out;
    }
    // Appends what ends the message: a pending line end, a final CRLF if the message lacks one,
    // and for DATA the ".CRLF" terminator.
    void finish(QByteArray &out);
    QByteArray finish()
    {
        QByteArray out;
        finish(out);
        return out;
    }

    // Whether bytes past 7-bit ASCII were seen so far.
    bool sawEightBit() const { return m_eightBit; }

private:
    Mode m_mode;
    bool m_atLineStart = true;
    bool m_pendingCr = false;
    bool m_eightBit = false;
};
