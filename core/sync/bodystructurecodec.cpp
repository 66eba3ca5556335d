#include "bodystructurecodec.h"

#include "imap/parser/imapfetch.h"
#include "imap/parser/imapparser.h"

namespace {

void writeNString(QByteArray &out, const QByteArray &value)
{
    if (value.isNull()) {
        out += "NIL";
        return;
    }
    // The parser reads "" as a null QByteArray, the same as NIL; only an empty literal reads
    // back as an empty, non-null one.
    if (value.isEmpty()) {
        out += "{0}\r\n";
        return;
    }
    bool quotable = true;
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') {
            quotable = false;
            break;
        }
    }
    if (quotable) {
        out += '"';
        out += value;
        out += '"';
    } else {
        out += '{' + QByteArray::number(value.size()) + "}\r\n";
        out += value;
    }
}

// A string the grammar does not let be NIL (media type and subtype, parameter names and
// values).
void writeString(QByteArray &out, const QByteArray &value)
{
    writeNString(out, value.isNull() ? QByteArray("") : value);
}

void writeParameters(QByteArray &out, const ImapBodyPart::Parameters &parameters)
{
    if (parameters.isEmpty()) {
        out += "NIL";
        return;
    }
    out += '(';
    bool first = true;
    for (const auto &[name, value] : parameters) {
        if (!first)
            out += ' ';
        first = false;
        writeString(out, name);
        out += ' ';
        writeString(out, value);
    }
    out += ')';
}

void writeAddresses(QByteArray &out, const QList<ImapAddress> &addresses)
{
    if (addresses.isEmpty()) {
        out += "NIL";
        return;
    }
    out += '(';
    for (const ImapAddress &a : addresses) {
        out += '(';
        writeNString(out, a.name);
        out += ' ';
        writeNString(out, a.adl);
        out += ' ';
        writeNString(out, a.mailbox);
        out += ' ';
        writeNString(out, a.host);
        out += ')';
    }
    out += ')';
}

void writeEnvelope(QByteArray &out, const ImapEnvelope &e)
{
    out += '(';
    writeNString(out, e.date);
    out += ' ';
    writeNString(out, e.subject);
    for (const QList<ImapAddress> *list : {&e.from, &e.sender, &e.replyTo, &e.to, &e.cc, &e.bcc}) {
        out += ' ';
        writeAddresses(out, *list);
    }
    out += ' ';
    writeNString(out, e.inReplyTo);
    out += ' ';
    writeNString(out, e.messageId);
    out += ')';
}

// body-ext-1part / body-ext-mpart after the type specific fields:
// [md5] (disposition) language location
void writeExtensions(QByteArray &out, const ImapBodyPart &part, bool withMd5)
{
    if (withMd5) {
        out += ' ';
        writeNString(out, part.md5);
    }
    out += ' ';
    if (part.disposition.isEmpty()) {
        out += "NIL";
    } else {
        out += '(';
        writeNString(out, part.disposition);
        out += ' ';
        writeParameters(out, part.dispositionParameters);
        out += ')';
    }
    out += ' ';
    if (part.languages.isEmpty()) {
        out += "NIL";
    } else {
        out += '(';
        for (qsizetype i = 0; i < part.languages.size(); ++i) {
            if (i)
                out += ' ';
            writeNString(out, part.languages.at(i));
        }
        out += ')';
    }
    out += ' ';
    writeNString(out, part.location);
}

void writePart(QByteArray &out, const ImapBodyPart &part)
{
    out += '(';
    if (part.isMultipart()) {
        for (const ImapBodyPart &child : part.children)
            writePart(out, child);
        out += ' ';
        writeString(out, part.subtype);
        out += ' ';
        writeParameters(out, part.parameters);
        writeExtensions(out, part, false);
        out += ')';
        return;
    }
    writeString(out, part.type);
    out += ' ';
    writeString(out, part.subtype);
    out += ' ';
    writeParameters(out, part.parameters);
    out += ' ';
    writeNString(out, part.id);
    out += ' ';
    writeNString(out, part.description);
    out += ' ';
    writeNString(out, part.encoding.isEmpty() ? QByteArray("7bit") : part.encoding);
    out += ' ' + QByteArray::number(part.size);
    if (part.isMessage()) {
        out += ' ';
        writeEnvelope(out, *part.envelope);
        out += ' ';
        if (part.children.isEmpty())
            out += R"(("text" "plain" NIL NIL NIL "7bit" 0 0))";
        else
            writePart(out, part.children.first());
        out += ' ' + QByteArray::number(part.lines);
    } else if (part.type == "text") {
        out += ' ' + QByteArray::number(part.lines);
    }
    writeExtensions(out, part, true);
    out += ')';
}

} // namespace

QByteArray BodyStructureCodec::encode(const ImapBodyPart &part)
{
    QByteArray out;
    writePart(out, part);
    return out;
}

std::optional<ImapBodyPart> BodyStructureCodec::decode(const QByteArray &encoded)
{
    if (encoded.isEmpty())
        return std::nullopt;
    const QByteArray response = "* 1 FETCH (BODYSTRUCTURE " + encoded + ")\r\n";
    const ImapParser::Result result = ImapParser::parse(response);
    if (!result.isOk() || result.response.type() != ImapResponse::Type::Fetch)
        return std::nullopt;
    return result.response.fetch().bodyStructure;
}
