#pragma once

#include "common/mailerror.h"
#include "outgoingmessage.h"

#include <functional>
#include <QByteArray>

class QIODevice;

// Assembles an OutgoingMessage into RFC 5322 / MIME bytes.
//   text only:              text/plain; format=flowed
//   with HTML:              multipart/alternative (plain, HTML)
//   with inline cid: parts: the HTML inside multipart/related with those parts
//   with attachments:       multipart/mixed around all of it
// Header lines are folded at 78 columns; non-ASCII names, subjects and file names are
// encoded (RFC 2047, RFC 2231) unless SMTPUTF8 is in use; CR and LF in any value are
// replaced, so no value can start a header of its own. Bcc is written only into drafts
// (setWriteBcc()), never into a message that is sent.
// Attachments are read from disk while writing, a chunk at a time.
class MessageBuilder
{
public:
    explicit MessageBuilder(OutgoingMessage message);

    // SMTPUTF8 (RFC 6531/6532): UTF-8 in headers and addresses, IDN domains as they are.
    void setSmtpUtf8(bool enabled) { m_smtpUtf8 = enabled; }
    // 8BITMIME: text bodies with non-ASCII may be sent as 8bit instead of quoted-printable.
    void setAllow8Bit(bool enabled) { m_allow8Bit = enabled; }
    void setUserAgent(const QByteArray &userAgent) { m_userAgent = userAgent; }
    // A draft keeps its Bcc recipients in a Bcc field, and the message it forwards in an
    // X-Forwarded-Message-Id field, to find them when it is opened again.
    void setWriteBcc(bool enabled) { m_writeBcc = enabled; }
    // The Message-ID to write ("<id@domain>"); by default one is made from random bytes and
    // the sender's domain.
    void setMessageId(const QByteArray &messageId) { m_messageId = messageId; }
    QByteArray messageId();
    // Boundaries for multiparts; by default random. Tests inject a counter.
    void setBoundaryGenerator(std::function<QByteArray()> generator)
    {
        m_boundaryGenerator = std::move(generator);
    }

    // The message as a sequence of pieces: literal bytes, or a file to be written as base64
    // (Base64FileReader) in its place, or as it is with CRLF line ends (asIs: a forwarded
    // message file, MessageFileReader). Checks everything that can fail before any byte.
    struct Piece
    {
        QByteArray bytes;
        QString filePath;
        bool asIs = false;
    };
    MailError plan(QList<Piece> *pieces);

    // Writes the whole message to device, reading attachment files in chunks. Nothing is
    // written when the message cannot be built (unreadable file, address that needs SMTPUTF8).
    MailError write(QIODevice *device);
    // The whole message in memory, for small messages and tests.
    QByteArray build(MailError *error = nullptr);

    // "Name: value" folded at spaces into lines of at most 78 characters where possible,
    // ending in CRLF. CR and LF in the value become spaces.
    static QByteArray foldHeader(QByteArrayView name, const QByteArray &value);

private:
    struct Node;
    MailError prepare(Node *root, QByteArray *headers);
    static void flatten(const Node &node, QList<Piece> *pieces);
    QByteArray nextBoundary();

    OutgoingMessage m_message;
    bool m_smtpUtf8 = false;
    bool m_allow8Bit = false;
    bool m_writeBcc = false;
    QByteArray m_userAgent = "Heron";
    QByteArray m_messageId;
    std::function<QByteArray()> m_boundaryGenerator;
};
