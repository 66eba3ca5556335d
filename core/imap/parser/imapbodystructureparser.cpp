// BODYSTRUCTURE read in place, for the layout servers send nearly always.
//
// readBodyPart(const ImapValue &) reads any BODYSTRUCTURE from a value tree. A first
// synchronisation reads one structure per message, and building the tree costs more than the
// structure itself, so the common layout is read here straight from the lexer: quoted strings
// or NIL where strings go, numbers as atoms, parameters as pairs of strings, no extension data
// past the location. At the first thing outside that layout the reader gives up, the lexer
// goes back to where the part started, and the tree reader reads that part: it decides every
// unusual case, errors included, exactly as before.

#include "imapcommontokens.h"
#include "imapparserdetail.h"

namespace ImapParserDetail {

namespace {

constexpr int MaxBodyDepth = 40;

// Reading in place: false means "not the common layout", never an error.
class InPlaceReader
{
public:
    explicit InPlaceReader(ImapLexer &lexer)
        : m_lexer(lexer)
    { }

    bool readPart(ImapBodyPart *part, const QByteArray &number, bool top, int depth);

private:
    void skipSpaces()
    {
        while (m_lexer.peek() == ' ')
            m_lexer.consume(' ');
    }
    // At the ')' that closes the list (not consumed).
    bool atClose()
    {
        skipSpaces();
        return m_lexer.ok() && m_lexer.peek() == ')';
    }
    bool isStringStart() const { return m_lexer.atString(); }
    // A quoted string, a literal or NIL.
    bool nstring(QByteArray *out)
    {
        skipSpaces();
        return m_lexer.peek() != ')' && m_lexer.readNString(out);
    }
    // A quoted string or a literal, not NIL.
    bool string(QByteArray *out)
    {
        skipSpaces();
        return isStringStart() && m_lexer.readNString(out);
    }
    // The same, through ImapCommonTokens: lower-cased (types, encodings, names) or as sent
    // (parameter values), and shared where common.
    bool token(QByteArray *out, bool lower, bool allowNil)
    {
        skipSpaces();
        QByteArrayView text;
        if (m_lexer.readPlainQuoted(&text)) {
            *out = lower ? ImapCommonTokens::lowered(text) : ImapCommonTokens::exact(text);
            return true;
        }
        if (!(allowNil ? nstring(out) : string(out)))
            return false;
        if (lower)
            *out = std::move(*out).toLower();
        return true;
    }
    bool readNumber(quint64 *out)
    {
        skipSpaces();
        return m_lexer.readPlainNumber(out);
    }
    bool parameters(ImapBodyPart::Parameters *out);
    bool extensionsFrom(bool withMd5, ImapBodyPart *part);

    ImapLexer &m_lexer;
};

bool InPlaceReader::parameters(ImapBodyPart::Parameters *out)
{
    // NIL, or "(" string SP nstring *(SP string SP nstring) ")"
    skipSpaces();
    if (!isStringStart() && m_lexer.peek() != '(')
        return m_lexer.readNil();
    if (!m_lexer.consume('('))
        return false;
    for (;;) {
        if (atClose()) {
            m_lexer.consume(')');
            return !out->isEmpty();
        }
        QByteArray name;
        QByteArray value;
        if (!token(&name, true, false) || !token(&value, false, true))
            return false;
        out->append({std::move(name), std::move(value)});
    }
}

// [SP md5] [SP disposition [SP language [SP location]]] ")"
bool InPlaceReader::extensionsFrom(bool withMd5, ImapBodyPart *part)
{
    if (withMd5) {
        if (atClose())
            return m_lexer.consume(')');
        if (!nstring(&part->md5))
            return false;
    }
    // disposition: NIL or "(" string SP parameters ")"
    if (atClose())
        return m_lexer.consume(')');
    if (m_lexer.consume('(')) {
        if (!token(&part->disposition, true, false))
            return false;
        if (!atClose() && !parameters(&part->dispositionParameters))
            return false;
        if (!atClose())
            return false;
        m_lexer.consume(')');
    } else {
        skipSpaces();
        if (!m_lexer.readNil()) // NIL only: a string (even "") is no disposition
            return false;
    }
    // language: NIL, a string, or a list of strings
    if (atClose())
        return m_lexer.consume(')');
    if (m_lexer.consume('(')) {
        while (!atClose()) {
            QByteArray language;
            if (!string(&language))
                return false;
            part->languages.append(language);
        }
        m_lexer.consume(')');
    } else {
        QByteArray language;
        const bool isString = isStringStart();
        if (!nstring(&language))
            return false;
        if (isString)
            part->languages.append(language);
    }
    // location: NIL or a string; nothing may follow
    if (atClose())
        return m_lexer.consume(')');
    if (!nstring(&part->location))
        return false;
    return atClose() && m_lexer.consume(')');
}

bool InPlaceReader::readPart(ImapBodyPart *part, const QByteArray &number, bool top, int depth)
{
    if (depth > MaxBodyDepth || !m_lexer.consume('('))
        return false;
    skipSpaces();
    if (m_lexer.peek() == '(') {
        // body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]
        part->type = "multipart";
        part->partNumber = top ? QByteArray() : number;
        for (qsizetype i = 0; m_lexer.peek() == '('; ++i) {
            part->children.append(
                    readBodyStructure(m_lexer, ImapCommonTokens::partNumber(part->partNumber, i),
                                      depth + 1));
            skipSpaces();
        }
        if (!token(&part->subtype, true, false))
            return false;
        if (atClose())
            return m_lexer.consume(')');
        if (!parameters(&part->parameters))
            return false;
        return extensionsFrom(false, part);
    }
    // body-type-1part: type subtype params id description encoding size [lines] ...
    static const QByteArray first = QByteArrayLiteral("1");
    part->partNumber = top ? first : number;
    quint64 size = 0;
    if (!token(&part->type, true, true) || !token(&part->subtype, true, true) || atClose()
        || !parameters(&part->parameters) || !nstring(&part->id) || !nstring(&part->description)
        || !token(&part->encoding, true, true) || !readNumber(&size)) {
        return false;
    }
    part->size = size;
    if (part->type == "message" && (part->subtype == "rfc822" || part->subtype == "global"))
        return false; // the enclosed envelope and body: the tree reader's
    if (part->type == "text" && !atClose()) {
        if (!readNumber(&part->lines))
            return false;
    }
    return extensionsFrom(true, part);
}

} // namespace

ImapBodyPart readBodyStructure(ImapLexer &lexer, const QByteArray &number, int depth, bool top)
{
    const qsizetype start = lexer.position();
    ImapBodyPart part;
    InPlaceReader reader(lexer);
    if (reader.readPart(&part, number, top, depth) && lexer.ok())
        return part;
    // Not the common layout: the tree reader reads this part, from its start.
    lexer.rewind(start);
    const ImapValue value = lexer.readValueAtDepth(depth);
    check(lexer);
    if (top) {
        const bool multipart = value.at(0).isList();
        return readBodyPart(value, multipart ? QByteArray() : QByteArray("1"), depth);
    }
    return readBodyPart(value, number, depth);
}

} // namespace ImapParserDetail
