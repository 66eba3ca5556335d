#pragma once

#include "common/mailerror.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

// The two halves of a COMPRESS=DEFLATE link (RFC 4978): raw deflate (RFC 1951, no zlib or gzip
// wrapper) of everything written, and inflate of everything read.
//
// compress() deflates one write and ends it with a sync flush, so the peer can decode every
// byte of it at once. feed() keeps what was read; inflate() hands out at most maxBytes of
// decoded output per call, so a small input that decodes to gigabytes is only ever decoded as
// far as the reader takes it: the reader's own limits decide, never this buffer. Corrupt input
// (or a stream that ends: the link's stream never does) is an error that stays until the
// object is thrown away; inflate() returns nothing from then on.
class DeflateStream
{
public:
    DeflateStream();
    ~DeflateStream();
    DeflateStream(const DeflateStream &) = delete;
    DeflateStream &operator=(const DeflateStream &) = delete;

    // The bytes to send for these, flushed to a byte boundary (Z_SYNC_FLUSH).
    QByteArray compress(QByteArrayView bytes);

    // Compressed bytes read from the peer, decoded by inflate().
    void feed(QByteArrayView bytes);
    // Up to maxBytes of decoded output; empty once the input fed so far is used up, or on error.
    QByteArray inflate(qsizetype maxBytes);
    // Input fed and not decoded yet.
    qsizetype pendingInput() const { return m_input.size() - m_inputPos; }

    bool hasError() const { return m_error.isError(); }
    MailError error() const { return m_error; }

    // Totals: plain bytes given to compress() and the compressed bytes it returned; compressed
    // bytes decoded and the plain bytes they gave.
    qint64 plainBytesWritten() const { return m_plainOut; }
    qint64 compressedBytesWritten() const { return m_compressedOut; }
    qint64 compressedBytesRead() const { return m_compressedIn; }
    qint64 plainBytesRead() const { return m_plainIn; }

private:
    struct Streams;
    void setError(const char *zlibMessage);

    std::unique_ptr<Streams> m_streams;
    QByteArray m_input;
    qsizetype m_inputPos = 0;
    MailError m_error;
    qint64 m_plainOut = 0;
    qint64 m_compressedOut = 0;
    qint64 m_compressedIn = 0;
    qint64 m_plainIn = 0;
};
