#include "messagebuilder.h"

#include "addressformatter.h"
#include "base64filereader.h"
#include "charsetdecoder.h"
#include "dateparser.h"
#include "encodedwords.h"
#include "flowedtext.h"
#include "headercursor.h"
#include "headerparameters.h"
#include "messagefilereader.h"
#include "transferencoding.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QRandomGenerator>
#include <QUrl>

#include <optional>

struct MessageBuilder::Node
{
    QByteArray headers; // complete header lines of this entity, each ending in CRLF
    QByteArray body; // encoded body of a text leaf
    QString filePath; // a file leaf, streamed as base64
    bool asIs = false; // the file leaf is a message, streamed unencoded with CRLF line ends
    QByteArray boundary; // a multipart
    QList<Node> children;
};

namespace {

constexpr int foldWidth = 78;

QByteArray withoutLineBreaks(QByteArrayView value)
{
    QByteArray out = value.toByteArray();
    out.replace('\r', ' ');
    out.replace('\n', ' ');
    return out;
}

// Keeps only what may appear in a msg-id or content id: printable ASCII without blanks.
QByteArray cleanId(QByteArrayView id)
{
    QByteArray out;
    for (char c : id) {
        const auto u = static_cast<uchar>(c);
        if (u > 0x20 && u < 0x7f && c != '<' && c != '>')
            out.append(c);
    }
    return out;
}

// A language tag as RFC 5646 spells it ("de-DE"; "de_DE" as locales name it becomes that), or
// empty when text is none.
QByteArray languageTag(const QString &text)
{
    QByteArray tag = text.trimmed().toLatin1();
    tag.replace('_', '-');
    const QList<QByteArray> subtags = tag.split('-');
    for (const QByteArray &subtag : subtags) {
        if (subtag.isEmpty() || subtag.size() > 8)
            return {};
        for (const char c : subtag) {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                return {};
        }
    }
    return tag;
}

QByteArray printableAscii(QByteArrayView value)
{
    QByteArray out;
    for (char c : value) {
        if (c >= 0x20 && c < 0x7f)
            out.append(c);
    }
    return out;
}

QByteArray angleId(QByteArrayView id)
{
    const QByteArray clean = cleanId(id);
    return clean.isEmpty() ? QByteArray() : '<' + clean + '>';
}

QByteArray cleanMimeType(QByteArrayView type)
{
    const QByteArray lower = type.trimmed().toByteArray().toLower();
    const qsizetype slash = lower.indexOf('/');
    if (slash <= 0 || slash + 1 == lower.size())
        return "application/octet-stream";
    for (qsizetype i = 0; i < lower.size(); ++i) {
        if (i != slash && !HeaderCursor::isTokenChar(lower.at(i)))
            return "application/octet-stream";
    }
    return lower;
}

// Text with "\n", "\r\n" or "\r" line ends, ending in a line end, as CRLF bytes.
QByteArray crlfText(QString text)
{
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(u'\r', u'\n');
    if (!text.endsWith(u'\n'))
        text += u'\n';
    QByteArray bytes = text.toUtf8();
    bytes.replace("\n", "\r\n");
    return bytes;
}

TransferEncoding::Kind chooseEncoding(QByteArrayView bytes, bool allow8Bit)
{
    qsizetype longest = 0;
    qsizetype current = 0;
    qsizetype nonAscii = 0;
    bool hasNul = false;
    for (char c : bytes) {
        if (c == '\n') {
            longest = qMax(longest, current);
            current = 0;
            continue;
        }
        ++current;
        if (static_cast<uchar>(c) >= 0x80)
            ++nonAscii;
        if (c == '\0')
            hasNul = true;
    }
    longest = qMax(longest, current);
    const bool shortLines = longest <= 998;
    if (nonAscii == 0 && shortLines && !hasNul)
        return TransferEncoding::Kind::SevenBit;
    if (allow8Bit && shortLines && !hasNul)
        return TransferEncoding::Kind::EightBit;
    // Mostly non-Latin text is shorter in base64 than in quoted-printable.
    return nonAscii * 3 > bytes.size() ? TransferEncoding::Kind::Base64
                                       : TransferEncoding::Kind::QuotedPrintable;
}

QByteArray encodeBody(QByteArrayView bytes, TransferEncoding::Kind kind)
{
    switch (kind) {
    case TransferEncoding::Kind::QuotedPrintable: {
        QByteArray out = TransferEncoding::encodeQuotedPrintable(bytes);
        if (!out.endsWith("\r\n"))
            out += "\r\n";
        return out;
    }
    case TransferEncoding::Kind::Base64:
        return TransferEncoding::encodeBase64Lines(bytes);
    case TransferEncoding::Kind::SevenBit:
    case TransferEncoding::Kind::EightBit:
    case TransferEncoding::Kind::Binary:
        break;
    }
    return bytes.toByteArray();
}

// A message attached whole. RFC 2046 section 5.2.1 allows no encoding but 7bit, 8bit or binary
// for message/rfc822, so its bytes are written as they are, line ends made CRLF. Lines of more
// than 998 octets or a NUL need binary, which SMTP cannot carry without BINARYMIME: false then.
bool encodeMessageUnchanged(QByteArrayView message, QByteArray *body, TransferEncoding::Kind *kind)
{
    QByteArray out;
    out.reserve(message.size() + message.size() / 64 + 2);
    bool eightBit = false;
    qsizetype lineLength = 0;
    for (qsizetype i = 0; i < message.size(); ++i) {
        const char c = message.at(i);
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < message.size() && message.at(i + 1) == '\n')
                ++i;
            out += "\r\n";
            lineLength = 0;
            continue;
        }
        if (c == '\0' || ++lineLength > 998)
            return false;
        if (static_cast<uchar>(c) >= 0x80)
            eightBit = true;
        out += c;
    }
    *body = out;
    *kind = eightBit ? TransferEncoding::Kind::EightBit : TransferEncoding::Kind::SevenBit;
    return true;
}

MailError writeAll(QIODevice *device, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return {};
    if (device->write(bytes.data(), bytes.size()) != bytes.size())
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("MessageBuilder",
                                                     "Could not write the message: %1")
                                 .arg(device->errorString()));
    return {};
}

} // namespace

MessageBuilder::MessageBuilder(OutgoingMessage message)
    : m_message(std::move(message))
{ }

QByteArray MessageBuilder::foldHeader(QByteArrayView name, const QByteArray &value)
{
    QByteArray line = name.toByteArray() + ": " + withoutLineBreaks(value).trimmed();
    QByteArray out;
    const qsizetype minCut = name.size() + 2; // never fold right after the colon
    while (line.size() > foldWidth) {
        qsizetype cut = line.lastIndexOf(' ', foldWidth);
        while (cut > minCut && line.at(cut - 1) == ' ')
            --cut; // keep runs of blanks together on the next line
        if (cut <= minCut) {
            cut = line.indexOf(' ', foldWidth + 1);
            if (cut < 0)
                break;
        }
        out += line.left(cut) + "\r\n";
        line = line.mid(cut);
        if (line.trimmed().isEmpty())
            break;
    }
    if (!line.trimmed().isEmpty() || out.isEmpty())
        out += line + "\r\n";
    return out;
}

QByteArray MessageBuilder::nextBoundary()
{
    if (m_boundaryGenerator)
        return m_boundaryGenerator();
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray boundary = "=_heron_";
    for (int i = 0; i < 24; ++i)
        boundary += alphabet[QRandomGenerator::global()->bounded(62)];
    return boundary;
}

QByteArray MessageBuilder::messageId()
{
    if (!m_messageId.isEmpty())
        return m_messageId;
    QString domain = m_message.from.address.section(u'@', -1).trimmed();
    QByteArray ace = QUrl::toAce(domain);
    if (ace.isEmpty() || !m_message.from.address.contains(u'@'))
        ace = "heron.localhost";
    QByteArray random;
    for (int i = 0; i < 4; ++i)
        random += QByteArray::number(QRandomGenerator::system()->generate(), 16)
                          .rightJustified(8, '0');
    m_messageId = '<' + random + '@' + cleanId(ace) + '>';
    return m_messageId;
}

MailError MessageBuilder::prepare(Node *root, QByteArray *headers)
{
    const OutgoingMessage &m = m_message;
    const AddressFormatter addresses(m_smtpUtf8);
    QByteArray from;
    if (MailError e = addresses.formatMailbox(m.from, &from))
        return e;
    QByteArray to;
    QByteArray cc;
    if (MailError e = addresses.formatList(m.to, &to))
        return e;
    if (MailError e = addresses.formatList(m.cc, &cc))
        return e;
    QByteArray replyTo;
    if (MailError e = addresses.formatList(m.replyTo, &replyTo))
        return e;
    QByteArray bcc;
    if (m_writeBcc) {
        if (MailError e = addresses.formatList(m.bcc, &bcc))
            return e;
    }

    const QDateTime date = m.date.isValid() ? m.date : QDateTime::currentDateTime();
    QByteArray h;
    h += foldHeader("Date", DateParser::format(date));
    h += foldHeader("From", from);
    if (!replyTo.isEmpty())
        h += foldHeader("Reply-To", replyTo);
    if (!to.isEmpty())
        h += foldHeader("To", to);
    if (!cc.isEmpty())
        h += foldHeader("Cc", cc);
    if (!bcc.isEmpty())
        h += foldHeader("Bcc", bcc);
    QString subject = m.subject;
    subject.replace(u'\r', u' ').replace(u'\n', u' ');
    if (!subject.isEmpty()) {
        bool raw = m_smtpUtf8 && !subject.contains(QStringLiteral("=?"));
        for (QChar c : std::as_const(subject)) {
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                raw = false;
        }
        h += foldHeader("Subject",
                        raw ? subject.toUtf8() : EncodedWords::encodeUnstructured(subject, 67));
    }
    h += foldHeader("Message-ID", messageId());
    const QByteArray inReplyTo = angleId(m.inReplyTo);
    if (!inReplyTo.isEmpty())
        h += foldHeader("In-Reply-To", inReplyTo);
    QList<QByteArray> references;
    for (const QByteArray &ref : m.references) {
        const QByteArray id = angleId(ref);
        if (!id.isEmpty())
            references.append(id);
    }
    if (!references.isEmpty())
        h += foldHeader("References", references.join(' '));
    if (const QByteArray forwarded = angleId(m.forwardedMessageId);
        m_writeBcc && !forwarded.isEmpty())
        h += foldHeader("X-Forwarded-Message-Id", forwarded);
    h += "MIME-Version: 1.0\r\n";
    if (const QByteArray language = languageTag(m.language); !language.isEmpty())
        h += foldHeader("Content-Language", language);
    if (!m_userAgent.isEmpty())
        h += foldHeader("User-Agent", printableAscii(m_userAgent));

    // The text part: format=flowed plain text.
    Node text;
    {
        const QByteArray bytes = crlfText(FlowedText::flow(m.plainBody));
        const auto kind = chooseEncoding(bytes, m_allow8Bit || m_smtpUtf8);
        text.headers = "Content-Type: text/plain; charset=utf-8; format=flowed\r\n"
                       "Content-Transfer-Encoding: "
                       + TransferEncoding::headerValue(kind) + "\r\n";
        text.body = encodeBody(bytes, kind);
    }

    // Inline parts go into multipart/related with the HTML; the rest are attachments.
    QList<Node> inlineParts;
    QList<Node> attachments;
    QMimeDatabase mimeDb;
    for (const OutgoingAttachment &a : m.attachments) {
        const bool isData = a.filePath.isEmpty();
        QByteArray data = a.data;
        std::optional<TransferEncoding::Kind> asIsEncoding;
        QString name = a.fileName;
        QByteArray type = a.mimeType.isEmpty() ? QByteArray() : cleanMimeType(a.mimeType);
        if (isData) {
            if (name.isEmpty())
                name = QStringLiteral("attachment");
            if (type.isEmpty())
                type = mimeDb.mimeTypeForFileNameAndData(name, a.data).name().toLatin1();
        } else {
            QFileInfo info(a.filePath);
            QFile probe(a.filePath);
            if (!info.isFile() || !probe.open(QIODevice::ReadOnly))
                return MailError(MailError::Kind::Storage,
                                 QCoreApplication::translate("MessageBuilder",
                                                             "Cannot read the attachment %1")
                                         .arg(a.filePath));
            if (name.isEmpty())
                name = info.fileName();
            if (type.isEmpty())
                type = mimeDb.mimeTypeForFile(info).name().toLatin1();
            if (type == "message/rfc822") {
                // Must not be base64 (see below): written as it is, a piece at a time.
                MessageFileReader reader;
                if (!reader.open(a.filePath) && !reader.errorString().isEmpty())
                    return MailError(MailError::Kind::Storage,
                                     QCoreApplication::translate("MessageBuilder",
                                                                 "Cannot read the attachment %1")
                                             .arg(a.filePath));
                if (reader.canGoAsIs()) {
                    asIsEncoding = reader.isEightBit() ? TransferEncoding::Kind::EightBit
                                                       : TransferEncoding::Kind::SevenBit;
                } else {
                    // A message that cannot go unencoded travels as an opaque file.
                    type = "application/octet-stream";
                }
            }
        }
        const bool related = a.isInline && !a.contentId.isEmpty() && !m.htmlBody.isEmpty();

        QByteArray nameParam;
        if (CharsetDecoder::isAscii(name.toUtf8()) && !EncodedWords::needsEncoding(name))
            nameParam = HeaderParameters::quoteIfNeeded(name.toLatin1());
        else if (m_smtpUtf8)
            nameParam = HeaderParameters::quoteIfNeeded(withoutLineBreaks(name.toUtf8()));
        else
            nameParam = '"' + EncodedWords::encode(name, 60, 75).join(' ') + '"';

        Node node;
        auto encoding = TransferEncoding::Kind::Base64;
        if (!isData) {
            node.filePath = a.filePath;
            if (asIsEncoding) {
                node.asIs = true;
                encoding = *asIsEncoding;
            }
        } else if (type != "message/rfc822"
                   || !encodeMessageUnchanged(data, &node.body, &encoding)) {
            // A message that cannot go unencoded travels as an opaque file of the same name.
            if (type == "message/rfc822")
                type = "application/octet-stream";
            node.body = TransferEncoding::encodeBase64Lines(data);
        }
        node.headers += foldHeader("Content-Type", cleanMimeType(type) + "; name=" + nameParam);
        node.headers += foldHeader("Content-Disposition",
                                   QByteArray(a.isInline ? "inline" : "attachment") + "; "
                                           + HeaderParameters::encodeParameter("filename", name));
        node.headers += "Content-Transfer-Encoding: " + TransferEncoding::headerValue(encoding)
                        + "\r\n";
        const QByteArray cid = angleId(a.contentId);
        if (!cid.isEmpty())
            node.headers += foldHeader("Content-ID", cid);
        (related ? inlineParts : attachments).append(node);
    }

    Node body = text;
    if (!m.htmlBody.isEmpty()) {
        Node html;
        const QByteArray bytes = crlfText(m.htmlBody);
        const auto kind = chooseEncoding(bytes, m_allow8Bit || m_smtpUtf8);
        html.headers = "Content-Type: text/html; charset=utf-8\r\n"
                       "Content-Transfer-Encoding: "
                       + TransferEncoding::headerValue(kind) + "\r\n";
        html.body = encodeBody(bytes, kind);
        if (!inlineParts.isEmpty()) {
            Node related;
            related.boundary = nextBoundary();
            related.headers = foldHeader("Content-Type",
                                         "multipart/related; type=\"text/html\"; boundary=\""
                                                 + related.boundary + '"');
            related.children.append(html);
            related.children.append(inlineParts);
            html = related;
        }
        Node alternative;
        alternative.boundary = nextBoundary();
        alternative.headers = foldHeader("Content-Type", "multipart/alternative; boundary=\""
                                                                 + alternative.boundary + '"');
        alternative.children = {text, html};
        body = alternative;
    }
    if (!attachments.isEmpty()) {
        Node mixed;
        mixed.boundary = nextBoundary();
        mixed.headers = foldHeader("Content-Type",
                                   "multipart/mixed; boundary=\"" + mixed.boundary + '"');
        mixed.children.append(body);
        mixed.children.append(attachments);
        body = mixed;
    }
    *root = body;
    *headers = h;
    return {};
}

void MessageBuilder::flatten(const Node &node, QList<Piece> *pieces)
{
    auto literal = [pieces](const QByteArray &bytes) {
        if (!pieces->isEmpty() && pieces->last().filePath.isEmpty())
            pieces->last().bytes += bytes;
        else
            pieces->append(Piece {bytes, QString()});
    };
    literal(node.headers + "\r\n");
    if (!node.boundary.isEmpty()) {
        for (const Node &child : node.children) {
            literal("--" + node.boundary + "\r\n");
            flatten(child, pieces);
            literal("\r\n");
        }
        literal("--" + node.boundary + "--\r\n");
    } else if (node.filePath.isEmpty()) {
        literal(node.body);
    } else {
        pieces->append(Piece {QByteArray(), node.filePath, node.asIs});
    }
}

MailError MessageBuilder::plan(QList<Piece> *pieces)
{
    Node root;
    QByteArray headers;
    if (MailError e = prepare(&root, &headers))
        return e;
    root.headers.prepend(headers);
    pieces->clear();
    flatten(root, pieces);
    return {};
}

MailError MessageBuilder::write(QIODevice *device)
{
    QList<Piece> pieces;
    if (MailError e = plan(&pieces))
        return e;
    for (const Piece &piece : std::as_const(pieces)) {
        if (piece.filePath.isEmpty()) {
            if (MailError e = writeAll(device, piece.bytes))
                return e;
            continue;
        }
        if (piece.asIs) {
            MessageFileReader reader;
            if (!reader.open(piece.filePath) || !reader.canGoAsIs())
                return MailError(MailError::Kind::Storage,
                                 QCoreApplication::translate("MessageBuilder",
                                                             "Cannot read the attachment %1")
                                         .arg(piece.filePath));
            while (!reader.atEnd()) {
                if (MailError e = writeAll(device, reader.next()))
                    return e;
            }
            continue;
        }
        Base64FileReader reader;
        if (!reader.open(piece.filePath))
            return MailError(MailError::Kind::Storage,
                             QCoreApplication::translate("MessageBuilder",
                                                         "Cannot read the attachment %1")
                                     .arg(piece.filePath));
        while (!reader.atEnd()) {
            if (MailError e = writeAll(device, reader.next()))
                return e;
        }
        if (!reader.errorString().isEmpty())
            return MailError(MailError::Kind::Storage,
                             QCoreApplication::translate("MessageBuilder",
                                                         "Cannot read the attachment %1")
                                     .arg(piece.filePath));
    }
    return {};
}

QByteArray MessageBuilder::build(MailError *error)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const MailError e = write(&buffer);
    if (error)
        *error = e;
    return e ? QByteArray() : bytes;
}
