// FETCH responses: message attributes, ENVELOPE and BODYSTRUCTURE.
#include "imapcommontokens.h"
#include "imapparserdetail.h"

namespace ImapParserDetail {

namespace {

constexpr int MaxBodyDepth = 40;

QList<ImapAddress> readAddresses(const ImapValue &value)
{
    // "(" 1*address ")" / nil ; address = "(" name SP adl SP mailbox SP host ")"
    QList<ImapAddress> out;
    if (value.isNil())
        return out;
    if (!value.isList())
        fail("address list expected");
    for (const ImapValue &a : value.items()) {
        if (!a.isList() || a.size() != 4)
            fail("malformed address");
        for (const ImapValue &field : a.items()) {
            if (!field.isNString())
                fail("malformed address field");
        }
        out.append({a.at(0).nstring(), a.at(1).nstring(), a.at(2).nstring(), a.at(3).nstring()});
    }
    return out;
}

ImapBodyPart::Parameters readParameters(const ImapValue &value)
{
    // body-fld-param = "(" string SP string *(SP string SP string) ")" / nil
    ImapBodyPart::Parameters out;
    if (value.isNil() || value.isAbsent())
        return out;
    if (!value.isList() || value.size() % 2 != 0)
        fail("malformed body parameters");
    for (qsizetype i = 0; i < value.size(); i += 2) {
        if (!value.at(i).isAString() || !value.at(i + 1).isNString())
            fail("malformed body parameter");
        out.append({value.at(i).astring().toLower(), value.at(i + 1).nstring()});
    }
    return out;
}

// Reads the optional extension fields starting at index: disposition, language, location, the
// rest kept as extension values.
void readDispositionAndAfter(const ImapValue &value, qsizetype index, ImapBodyPart *part)
{
    const ImapValue &dsp = value.at(index);
    if (dsp.isList()) {
        // body-fld-dsp = "(" string SP body-fld-param ")" / nil
        part->disposition = dsp.at(0).astring().toLower();
        part->dispositionParameters = readParameters(dsp.at(1));
    } else if (!dsp.isNil() && !dsp.isAbsent()) {
        fail("malformed body disposition");
    }
    const ImapValue &lang = value.at(index + 1);
    if (lang.isList()) {
        for (const ImapValue &l : lang.items())
            part->languages.append(l.astring());
    } else if (lang.isString()) {
        part->languages.append(lang.stringBytes());
    }
    const ImapValue &loc = value.at(index + 2);
    if (loc.isString())
        part->location = loc.stringBytes();
    for (qsizetype i = index + 3; i < value.size(); ++i)
        part->extensions.append(value.at(i));
}

} // namespace

ImapEnvelope readEnvelope(const ImapValue &value)
{
    // envelope = "(" env-date SP env-subject SP env-from SP env-sender SP env-reply-to SP
    //            env-to SP env-cc SP env-bcc SP env-in-reply-to SP env-message-id ")"
    if (!value.isList() || value.size() != 10)
        fail("malformed ENVELOPE");
    for (int i : {0, 1, 8, 9}) {
        if (!value.at(i).isNString())
            fail("malformed ENVELOPE field");
    }
    ImapEnvelope env;
    env.date = value.at(0).nstring();
    env.subject = value.at(1).nstring();
    env.from = readAddresses(value.at(2));
    env.sender = readAddresses(value.at(3));
    env.replyTo = readAddresses(value.at(4));
    env.to = readAddresses(value.at(5));
    env.cc = readAddresses(value.at(6));
    env.bcc = readAddresses(value.at(7));
    env.inReplyTo = value.at(8).nstring();
    env.messageId = value.at(9).nstring();
    return env;
}

ImapBodyPart readBodyPart(const ImapValue &value, const QByteArray &number, int depth)
{
    if (depth > MaxBodyDepth)
        fail("BODYSTRUCTURE nested too deeply");
    if (!value.isList() || value.size() == 0)
        fail("malformed BODYSTRUCTURE");
    ImapBodyPart part;
    part.partNumber = number;
    if (value.at(0).isList()) {
        // body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]
        part.type = "multipart";
        qsizetype i = 0;
        for (; i < value.size() && value.at(i).isList(); ++i)
            part.children.append(
                    readBodyPart(value.at(i), ImapCommonTokens::partNumber(number, i), depth + 1));
        if (!value.at(i).isString())
            fail("multipart without a subtype");
        part.subtype = value.at(i).stringBytes().toLower();
        // body-ext-mpart = body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc]]]
        part.parameters = readParameters(value.at(i + 1));
        readDispositionAndAfter(value, i + 2, &part);
        return part;
    }
    // body-type-1part: type subtype params id description encoding size ...
    if (value.size() < 7)
        fail("single part BODYSTRUCTURE too short");
    part.type = value.at(0).nstring().toLower();
    part.subtype = value.at(1).nstring().toLower();
    part.parameters = readParameters(value.at(2));
    part.id = value.at(3).nstring();
    part.description = value.at(4).nstring();
    part.encoding = value.at(5).nstring().toLower();
    part.size = toNumber64(value.at(6), "body size");
    qsizetype next = 7;
    const bool isMessage = part.type == "message"
                           && (part.subtype == "rfc822" || part.subtype == "global");
    if (isMessage && value.at(7).isList() && value.at(8).isList()) {
        // body-type-msg = ... SP envelope SP body SP body-fld-lines
        part.envelope = std::make_shared<ImapEnvelope>(readEnvelope(value.at(7)));
        const ImapValue &inner = value.at(8);
        const bool innerIsMultipart = inner.size() > 0 && inner.at(0).isList();
        // An enclosed multipart's children are numbered N.1, N.2; a single body is N.1.
        part.children.append(
                readBodyPart(inner, innerIsMultipart ? number : number + ".1", depth + 1));
        part.lines = toNumber64(value.at(9), "body lines");
        next = 10;
    } else if (part.type == "text") {
        // body-type-text = ... SP body-fld-lines (lenient when a server leaves it out)
        if (value.at(7).isNumber()) {
            part.lines = value.at(7).toNumber();
            next = 8;
        }
    }
    // body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc]]]
    part.md5 = value.at(next).nstring();
    readDispositionAndAfter(value, next + 1, &part);
    return part;
}

namespace {

// Skips the spaces between list items; fails where the list ends early (as a value tree that
// came out short would).
void toNextField(ImapLexer &lexer, const char *shortMessage)
{
    while (lexer.peek() == ' ')
        lexer.consume(' ');
    check(lexer);
    if (lexer.peek() == ')' || lexer.atLineEnd())
        fail(shortMessage);
}

void closeList(ImapLexer &lexer, const char *longMessage)
{
    while (lexer.peek() == ' ')
        lexer.consume(' ');
    check(lexer);
    if (!lexer.consume(')'))
        fail(longMessage);
}

QByteArray readEnvelopeString(ImapLexer &lexer)
{
    toNextField(lexer, "malformed ENVELOPE");
    QByteArray out;
    if (!lexer.readNString(&out)) {
        check(lexer);
        fail("malformed ENVELOPE field");
    }
    return out;
}

QList<ImapAddress> readAddresses(ImapLexer &lexer)
{
    // "(" 1*address ")" / nil ; address = "(" name SP adl SP mailbox SP host ")"
    toNextField(lexer, "malformed ENVELOPE");
    QList<ImapAddress> out;
    if (!lexer.consume('(')) {
        // NIL only: "" is a string, no address list, though it reads as a null QByteArray.
        if (lexer.readNil())
            return out;
        check(lexer);
        fail("address list expected");
    }
    for (;;) {
        while (lexer.peek() == ' ')
            lexer.consume(' ');
        check(lexer);
        if (lexer.consume(')'))
            return out;
        if (lexer.atLineEnd())
            fail("unbalanced parenthesis");
        if (!lexer.consume('('))
            fail("malformed address");
        ImapAddress address;
        for (QByteArray *field : {&address.name, &address.adl, &address.mailbox, &address.host}) {
            toNextField(lexer, "malformed address");
            if (!lexer.readNString(field)) {
                check(lexer);
                fail("malformed address field");
            }
        }
        closeList(lexer, "malformed address");
        out.append(std::move(address));
    }
}

} // namespace

ImapEnvelope readEnvelope(ImapLexer &lexer)
{
    // The same grammar as readEnvelope(const ImapValue &), read in place: no value node per
    // field, and each string is copied once, into the envelope.
    if (!lexer.consume('(')) {
        check(lexer);
        fail("malformed ENVELOPE");
    }
    ImapEnvelope env;
    env.date = readEnvelopeString(lexer);
    env.subject = readEnvelopeString(lexer);
    // Sender and Reply-To mostly repeat From byte for byte: the list read for From is then
    // shared instead of read again. Only a list qualifies, as its parentheses end it.
    toNextField(lexer, "malformed ENVELOPE");
    const qsizetype fromStart = lexer.position();
    env.from = readAddresses(lexer);
    const QByteArrayView fromText = lexer.view(fromStart, lexer.position());
    const auto sameAsFrom = [&lexer, &env, fromText](QList<ImapAddress> *list) {
        toNextField(lexer, "malformed ENVELOPE");
        if (fromText.startsWith('(') && lexer.consumeText(fromText))
            *list = env.from;
        else
            *list = readAddresses(lexer);
    };
    sameAsFrom(&env.sender);
    sameAsFrom(&env.replyTo);
    env.to = readAddresses(lexer);
    env.cc = readAddresses(lexer);
    env.bcc = readAddresses(lexer);
    env.inReplyTo = readEnvelopeString(lexer);
    env.messageId = readEnvelopeString(lexer);
    closeList(lexer, "malformed ENVELOPE");
    return env;
}

QDateTime readInternalDate(QByteArrayView text)
{
    // date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
    // ("17-Jul-1996 02:44:25 -0700", the day possibly space-padded). Read in place: a large
    // first synchronisation reads one per message. The instant is kept in UTC.
    static const char months[] = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
    QByteArrayView t = text.trimmed();
    qsizetype pos = 0;
    const auto number = [&t, &pos](int minDigits, int maxDigits, int *value) {
        int digits = 0;
        int n = 0;
        while (pos < t.size() && digits < maxDigits && t.at(pos) >= '0' && t.at(pos) <= '9') {
            n = n * 10 + (t.at(pos) - '0');
            ++pos;
            ++digits;
        }
        *value = n;
        return digits >= minDigits;
    };
    const auto literal = [&t, &pos](char c) {
        if (pos >= t.size() || t.at(pos) != c)
            return false;
        ++pos;
        return true;
    };
    int day = 0, year = 0, hour = 0, minute = 0, second = 0, zone = 0;
    if (!number(1, 2, &day) || !literal('-') || pos + 3 > t.size())
        return QDateTime();
    char month[3];
    for (int i = 0; i < 3; ++i) {
        const char c = t.at(pos + i);
        month[i] = c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c;
    }
    pos += 3;
    const qsizetype m = QByteArrayView(months).indexOf(QByteArrayView(month, 3));
    if (m < 0 || m % 3 != 0)
        return QDateTime();
    if (!literal('-') || !number(4, 4, &year) || !literal(' ') || !number(1, 2, &hour)
        || !literal(':') || !number(1, 2, &minute) || !literal(':') || !number(1, 2, &second)
        || !literal(' ') || pos >= t.size()) {
        return QDateTime();
    }
    const char sign = t.at(pos++);
    if ((sign != '+' && sign != '-') || !number(4, 4, &zone) || pos != t.size())
        return QDateTime();
    const QDate date(year, int(m / 3) + 1, day);
    const QTime time(hour, minute, second);
    if (!date.isValid() || !time.isValid())
        return QDateTime();
    const int offset = (zone / 100 * 3600 + zone % 100 * 60) * (sign == '-' ? -1 : 1);
    return QDateTime(date, time, Qt::UTC).addSecs(-offset);
}

namespace {

void readSection(ImapFetch &fetch, QByteArrayView key, const ImapValue &value);

void readFetchItem(ImapFetch &fetch, QByteArrayView key, const ImapValue &value,
                   QByteArrayView rawValue)
{
    if (key == "UID") {
        const quint32 uid = toNumber32(value, "UID");
        if (uid == 0)
            fail("UID 0");
        fetch.uid = uid;
    } else if (key == "FLAGS") {
        if (!value.isList())
            fail("FLAGS is not a list");
        fetch.flags = readAtomList(value.items(), false);
    } else if (key == "INTERNALDATE") {
        if (!value.isString())
            fail("INTERNALDATE is not a string");
        fetch.internalDate = readInternalDate(value.stringBytes());
    } else if (key == "RFC822.SIZE") {
        fetch.size = toNumber64(value, "RFC822.SIZE");
    } else if (key == "MODSEQ") {
        if (!value.isList() || value.size() != 1)
            fail("MODSEQ is not a one-element list");
        fetch.modSeq = toNumber64(value.at(0), "MODSEQ");
    } else if (key == "ENVELOPE") {
        fetch.envelope = readEnvelope(value);
    } else if (key == "BODYSTRUCTURE" || (key == "BODY" && value.isList())) {
        const bool multipart = value.at(0).isList();
        fetch.bodyStructure = readBodyPart(value, multipart ? QByteArray() : "1", 0);
        fetch.bodyStructureText = rawValue.toByteArray();
    } else if (key.startsWith("BODY[") || key.startsWith("BINARY[") || key == "RFC822"
               || key == "RFC822.HEADER" || key == "RFC822.TEXT") {
        readSection(fetch, key, value);
    } else if (key.startsWith("BINARY.SIZE[") && key.endsWith(']')) {
        fetch.binarySizes.append(
                {key.sliced(12, key.size() - 13).toByteArray(), toNumber64(value, "BINARY.SIZE")});
    } else {
        fetch.other.append({key.toByteArray(), value});
    }
}

void readSection(ImapFetch &fetch, QByteArrayView key, const ImapValue &value)
{
    ImapFetchSection section;
    section.binary = key.startsWith("BINARY[");
    if (key.startsWith("RFC822")) {
        section.section = key.size() > 6 ? key.sliced(7).toByteArray() : QByteArray();
    } else {
        const qsizetype open = key.indexOf('[');
        const qsizetype close = key.lastIndexOf(']');
        if (close < open)
            fail("malformed section");
        section.section = key.sliced(open + 1, close - open - 1).toByteArray();
        const QByteArrayView rest = key.sliced(close + 1);
        if (!rest.isEmpty()) {
            bool ok = false;
            if (!rest.startsWith('<') || !rest.endsWith('>'))
                fail("malformed partial origin");
            section.origin = rest.sliced(1, rest.size() - 2).toLongLong(&ok);
            if (!ok || section.origin < 0)
                fail("malformed partial origin");
        }
    }
    if (!value.isNString())
        fail("section data is not a string");
    section.isNil = value.isNil();
    section.data = value.nstring();
    fetch.sections.append(std::move(section));
}

QByteArray flagText(QByteArrayView atom)
{
    static const QByteArray common[] = {
            QByteArrayLiteral("\\Seen"),    QByteArrayLiteral("\\Answered"),
            QByteArrayLiteral("\\Flagged"), QByteArrayLiteral("\\Deleted"),
            QByteArrayLiteral("\\Draft"),   QByteArrayLiteral("\\Recent"),
    };
    for (const QByteArray &flag : common) {
        if (flag == atom)
            return flag;
    }
    return atom.toByteArray();
}

// "(" [atom *(SP atom)] ")", single spaces, no NIL: the FLAGS every server sends.
bool readPlainFlags(ImapLexer &lexer, QList<QByteArray> *out)
{
    if (!lexer.consume('('))
        return false;
    for (bool first = true;; first = false) {
        if (lexer.consume(')'))
            return true;
        if (!first && !lexer.consume(' '))
            return false;
        const char c = lexer.peek();
        if (c == '(' || c == ')' || c == '"' || c == '{' || c == ' ' || c == '~')
            return false;
        const QByteArrayView atom = lexer.readAtomView();
        if (!lexer.ok() || (atom.size() == 3 && atom.compare("NIL", Qt::CaseInsensitive) == 0))
            return false;
        out->append(flagText(atom));
    }
}

// The items every message of a synchronisation carries, read straight from the lexer when
// they have their plain form: a value node and a copy fewer each. False, with the lexer back
// where it was, for anything else: readFetchItem() then decides it, errors included.
bool readPlainItem(ImapLexer &lexer, QByteArrayView key, ImapFetch &fetch)
{
    const qsizetype start = lexer.position();
    const auto giveUp = [&lexer, start] {
        lexer.rewind(start);
        return false;
    };
    quint64 number = 0;
    if (key == "UID") {
        if (!lexer.readPlainNumber(&number) || number == 0 || number > 0xFFFFFFFFull)
            return giveUp();
        fetch.uid = quint32(number);
        return true;
    }
    if (key == "RFC822.SIZE") {
        if (!lexer.readPlainNumber(&number))
            return giveUp();
        fetch.size = number;
        return true;
    }
    if (key == "MODSEQ") {
        if (!lexer.consume('(') || !lexer.readPlainNumber(&number) || !lexer.consume(')'))
            return giveUp();
        fetch.modSeq = number;
        return true;
    }
    if (key == "INTERNALDATE") {
        QByteArrayView text;
        if (!lexer.readPlainQuoted(&text))
            return giveUp();
        fetch.internalDate = readInternalDate(text);
        return true;
    }
    if (key == "FLAGS") {
        QList<QByteArray> flags;
        if (!readPlainFlags(lexer, &flags))
            return giveUp();
        fetch.flags = std::move(flags);
        return true;
    }
    return false;
}

} // namespace

ImapFetch readFetch(ImapLexer &lexer, quint32 sequence)
{
    // msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP ...) ")"
    // Read item by item straight from the lexer: no value tree for the whole list, and each
    // item's wire text is at hand (BODYSTRUCTURE keeps it).
    lexer.skipSpace();
    if (!lexer.consume('('))
        fail("FETCH without an attribute list");
    ImapFetch fetch;
    fetch.sequence = sequence;
    for (;;) {
        lexer.skipSpace();
        if (lexer.consume(')'))
            break;
        if (lexer.atLineEnd())
            fail("unbalanced parenthesis");
        const char first = lexer.peek();
        if (first == '(' || first == ')' || first == '"' || first == '{')
            fail("FETCH attribute name is not an atom");
        const QByteArrayView name = lexer.readAtomView();
        check(lexer);
        // NIL, or "~" opening a literal8: values, not names.
        if ((name.size() == 3 && name.compare("NIL", Qt::CaseInsensitive) == 0)
            || (name == "~" && lexer.peek() == '{'))
            fail("FETCH attribute name is not an atom");
        // Upper case on the stack: most names are short, and one is read per item.
        char buffer[32];
        QByteArray longKey;
        QByteArrayView key;
        if (name.size() <= qsizetype(sizeof buffer)) {
            for (qsizetype i = 0; i < name.size(); ++i) {
                const char c = name.at(i);
                buffer[i] = c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c;
            }
            key = QByteArrayView(buffer, name.size());
        } else {
            longKey = name.toByteArray().toUpper();
            key = longKey;
        }
        lexer.skipSpace();
        if (lexer.atLineEnd() || lexer.peek() == ')')
            fail("FETCH attribute without a value");
        if (key == "ENVELOPE") {
            fetch.envelope = readEnvelope(lexer);
            continue;
        }
        if (key == "BODYSTRUCTURE" || (key == "BODY" && lexer.peek() == '(')) {
            const qsizetype start = lexer.position();
            fetch.bodyStructure = readBodyStructure(lexer, QByteArray(), 0, true);
            fetch.bodyStructureText = lexer.view(start, lexer.position()).toByteArray();
            continue;
        }
        if (readPlainItem(lexer, key, fetch))
            continue;
        const qsizetype valueStart = lexer.position();
        const ImapValue value = lexer.readValue();
        check(lexer);
        const qsizetype sections = fetch.sections.size();
        readFetchItem(fetch, key, value, lexer.view(valueStart, lexer.position()));
        if (fetch.sections.size() > sections)
            fetch.sections.last().valueOffset = valueStart;
    }
    lexer.expectLineEnd();
    check(lexer);
    return fetch;
}

} // namespace ImapParserDetail
