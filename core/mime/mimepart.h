#pragma once

#include "headerparameters.h"
#include "transferencoding.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

// One entity of a parsed message (RFC 2045, 2046): its header fields, its content type, and
// either a body or children (multipart parts, or the one message inside message/rfc822).
// Parts share the bytes of the whole message; a part only remembers where its body lies.
class MimePart
{
public:
    struct Header
    {
        QByteArray name; // as written
        QByteArray value; // unfolded, without the leading blank
    };

    // Parses a whole message (CRLF or LF line ends). Never fails: broken structure gives the
    // closest readable tree (missing boundaries, no blank line after the header, ...).
    static MimePart parse(const QByteArray &message);
    // A part known from its header fields alone, its body not (yet) here: the shape of a message
    // as an IMAP BODYSTRUCTURE describes it. The caller adds children and bodies.
    static MimePart fromHeader(const QByteArray &headerBlock, const QByteArray &section);
    void appendChild(const MimePart &child) { m_children.append(child); }
    // The body as written in the message, transfer-encoded as the header says.
    void setRawBody(const QByteArray &body);
    // The body after transfer decoding (IMAP BINARY, a cache); the part then reads as binary.
    void setDecodedBody(const QByteArray &body);
    // The body here is only the beginning of a longer one (too long to hold in memory), which
    // has wholeSize bytes after transfer decoding; negative for a body here whole.
    void setBodyCut(qint64 wholeSize) { m_wholeSize = wholeSize; }
    bool isBodyCut() const { return m_wholeSize >= 0; }
    qint64 wholeBodySize() const { return m_wholeSize; }
    // Whether the body's bytes are here; a described part without them reports declaredSize().
    bool hasBody() const { return m_hasBody; }
    void setDeclaredSize(qsizetype encodedSize) { m_declaredSize = encodedSize; }
    qsizetype declaredSize() const { return m_declaredSize; }
    MimePart *findSection(QByteArrayView section);

    QList<Header> headers() const { return m_headers; }
    bool hasHeader(QByteArrayView name) const;
    // The first field of that name, unfolded and trimmed; empty when absent.
    QByteArray header(QByteArrayView name) const;
    QList<QByteArray> headerValues(QByteArrayView name) const;
    // An unstructured field (Subject) with its RFC 2047 words decoded.
    QString decodedHeader(QByteArrayView name) const;

    QByteArray mimeType() const { return m_contentType.value(); } // "text/plain"
    QByteArray mediaType() const; // "text"
    QByteArray subtype() const; // "plain"
    HeaderParameters contentType() const { return m_contentType; }
    HeaderParameters contentDisposition() const { return m_disposition; }
    QByteArray charset() const;
    TransferEncoding::Kind transferEncoding() const { return m_encoding; }
    QByteArray contentId() const; // without the angle brackets

    bool isMultipart() const { return mediaType() == "multipart"; }
    bool isMessage() const; // message/rfc822 or message/global with its message parsed
    bool isText() const { return mediaType() == "text"; }
    // The file name from Content-Disposition or the older Content-Type name, reduced to its
    // last path component and stripped of control characters.
    QString fileName() const;

    // The IMAP section number of this part ("1", "2.1"); empty for a multipart top level.
    QByteArray section() const { return m_section; }
    // The body as written in the message, and after undoing its transfer encoding.
    QByteArray rawBody() const;
    qsizetype rawBodySize() const { return m_bodyEnd - m_bodyStart; }
    QByteArray decodedBody() const;
    // Size after transfer decoding, computed without decoding base64; for a part whose body is
    // not here, estimated from the declared size.
    qsizetype decodedSize() const;
    // The body as text: transfer-decoded, charset-decoded (with fallback), line ends as "\n",
    // format=flowed reflowed.
    QString text() const;

    const QList<MimePart> &children() const { return m_children; }
    const MimePart *findSection(QByteArrayView section) const;
    const MimePart *findContentId(QByteArrayView contentId) const;
    // A multipart whose closing delimiter never came.
    bool isMissingEndBoundary() const { return m_missingEnd; }

private:
    static MimePart parseEntity(const QByteArray &data, qsizetype start, qsizetype end,
                                const QByteArray &section, bool messageRoot, bool digestChild,
                                int depth);
    void parseHeaderBlock(qsizetype start, qsizetype end);
    void parseMultipart(int depth);

    QByteArray m_data; // the bytes of the message this part lives in (shared)
    qsizetype m_bodyStart = 0;
    qsizetype m_bodyEnd = 0;
    QList<Header> m_headers;
    HeaderParameters m_contentType;
    HeaderParameters m_disposition;
    TransferEncoding::Kind m_encoding = TransferEncoding::Kind::SevenBit;
    QByteArray m_section;
    QList<MimePart> m_children;
    bool m_missingEnd = false;
    bool m_hasBody = true;
    qsizetype m_declaredSize = 0;
    qint64 m_wholeSize = -1;
};
