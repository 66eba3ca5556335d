// Differential: ENVELOPE and BODYSTRUCTURE are read in place from the lexer for speed, and by
// the general readers over a value tree for everything unusual. On any input both must accept
// and refuse the same, stop at the same byte and build the same values, down to the difference
// between NIL (a null byte array) and "" (an empty one).

#include "imap/parser/imapparserdetail.h"

#include <cstdint>
#include <cstdlib>

namespace {

QByteArray describe(const QByteArray &bytes)
{
    return bytes.isNull() ? QByteArray("<nil>") : '"' + bytes.toPercentEncoding() + '"';
}

QByteArray describe(const QList<ImapAddress> &addresses)
{
    QByteArray out = "(";
    for (const ImapAddress &a : addresses) {
        out += '(' + describe(a.name) + ' ' + describe(a.adl) + ' ' + describe(a.mailbox) + ' '
               + describe(a.host) + ')';
    }
    return out + ')';
}

QByteArray describe(const ImapEnvelope &e)
{
    return describe(e.date) + describe(e.subject) + describe(e.from) + describe(e.sender)
           + describe(e.replyTo) + describe(e.to) + describe(e.cc) + describe(e.bcc)
           + describe(e.inReplyTo) + describe(e.messageId);
}

QByteArray describe(const ImapBodyPart::Parameters &parameters)
{
    QByteArray out = "(";
    for (const auto &p : parameters)
        out += describe(p.first) + '=' + describe(p.second) + ' ';
    return out + ')';
}

QByteArray describe(const ImapBodyPart &part)
{
    QByteArray out = '[' + describe(part.partNumber) + describe(part.type) + '/'
                     + describe(part.subtype) + describe(part.parameters) + describe(part.id)
                     + describe(part.description) + describe(part.encoding)
                     + QByteArray::number(part.size) + ' ' + QByteArray::number(part.lines)
                     + describe(part.md5) + describe(part.disposition)
                     + describe(part.dispositionParameters) + " lang=";
    for (const QByteArray &language : part.languages)
        out += describe(language) + ',';
    out += " loc=" + describe(part.location) + " ext=";
    for (const ImapValue &extension : part.extensions)
        out += extension.toDebugString() + ',';
    if (part.envelope)
        out += " env=" + describe(*part.envelope);
    for (const ImapBodyPart &child : part.children)
        out += ' ' + describe(child);
    return out + ']';
}

struct Outcome
{
    bool ok = false;
    qsizetype end = -1;
    QByteArray value;
    bool operator==(const Outcome &) const = default;
};

template<typename Read>
Outcome attempt(QByteArrayView input, Read read)
{
    ImapLexer lexer(input);
    try {
        QByteArray value = read(lexer);
        ImapParserDetail::check(lexer);
        return {true, lexer.position(), value};
    } catch (const ImapParserDetail::Failure &) {
        return {};
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));

    const Outcome envelopeInPlace = attempt(input, [](ImapLexer &lexer) {
        return describe(ImapParserDetail::readEnvelope(lexer));
    });
    const Outcome envelopeByTree = attempt(input, [](ImapLexer &lexer) {
        const ImapValue value = lexer.readValueAtDepth(0);
        ImapParserDetail::check(lexer);
        return describe(ImapParserDetail::readEnvelope(value));
    });
    if (!(envelopeInPlace == envelopeByTree))
        std::abort();

    const Outcome bodyInPlace = attempt(input, [](ImapLexer &lexer) {
        return describe(ImapParserDetail::readBodyStructure(lexer, QByteArray(), 0, true));
    });
    const Outcome bodyByTree = attempt(input, [](ImapLexer &lexer) {
        const ImapValue value = lexer.readValueAtDepth(0);
        ImapParserDetail::check(lexer);
        const bool multipart = value.at(0).isList();
        return describe(ImapParserDetail::readBodyPart(value, multipart ? QByteArray() : "1", 0));
    });
    if (!(bodyInPlace == bodyByTree))
        std::abort();
    return 0;
}
