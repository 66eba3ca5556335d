#include "addressparser.h"

#include "charsetdecoder.h"
#include "encodedwords.h"
#include "headercursor.h"

namespace {

struct Entry
{
    QByteArray phrase; // display-name words, joined by single spaces, still encoded
    QByteArray comment; // the last comment, for "addr (Name)"
    QByteArray address;
    bool angle = false;
    bool group = false;
};

bool isDotAtomText(QByteArrayView text)
{
    if (text.isEmpty() || text.startsWith('.') || text.endsWith('.') || text.contains(".."))
        return false;
    for (char c : text) {
        if (c != '.' && !HeaderCursor::isAtext(c))
            return false;
    }
    return true;
}

// local-part = dot-atom / quoted-string / obs-local-part
// obs-local-part = word *("." word)
QByteArray readLocalPart(HeaderCursor &cur, bool startsQuoted, QByteArray first,
                         QByteArray *rawContent = nullptr)
{
    QByteArray content = first;
    bool quoted = startsQuoted;
    for (;;) {
        const qsizetype save = cur.position();
        cur.skipCfws();
        if (!cur.consume('.')) {
            cur.setPosition(save);
            break;
        }
        content += '.';
        cur.skipCfws();
        if (cur.peek() == '"') {
            quoted = true;
            content += cur.readQuotedString();
        } else {
            content += cur.readAtom(".");
        }
    }
    if (rawContent)
        *rawContent = content;
    if (content.isEmpty() && !quoted)
        return {};
    return AddressParser::quoteLocalPart(content);
}

// domain = dot-atom / domain-literal / obs-domain; domain-literal = "[" *dtext "]"
QByteArray readDomain(HeaderCursor &cur)
{
    cur.skipCfws();
    QByteArray domain;
    if (cur.peek() == '[') {
        while (!cur.atEnd()) {
            const char c = cur.peek();
            cur.advance();
            if (!HeaderCursor::isWhitespace(c))
                domain.append(c);
            if (c == ']')
                break;
        }
        return domain;
    }
    for (;;) {
        domain += cur.readAtom(".");
        const qsizetype save = cur.position();
        cur.skipCfws();
        if (cur.peek() == '.') {
            cur.advance();
            domain += '.';
            cur.skipCfws();
            continue;
        }
        cur.setPosition(save);
        break;
    }
    while (domain.endsWith('.'))
        domain.chop(1);
    return domain;
}

// angle-addr = [CFWS] "<" addr-spec ">" [CFWS] / obs-angle-addr
// obs-angle-addr = [CFWS] "<" obs-route addr-spec ">" [CFWS]; obs-route = obs-domain-list ":"
// The cursor is just past "<".
QByteArray readAngleContent(HeaderCursor &cur)
{
    const qsizetype start = cur.position();
    qsizetype end = start;
    while (end < cur.data().size() && cur.data().at(end) != '>')
        ++end;
    QByteArrayView inner = cur.data().sliced(start, end - start);
    cur.setPosition(end + 1);

    HeaderCursor sub(inner);
    sub.skipCfws();
    if (sub.peek() == '@') {
        // obs-route: "@a,@b:" before the address
        const qsizetype colon = inner.indexOf(':');
        if (colon >= 0)
            sub.setPosition(colon + 1);
    }
    sub.skipCfws();
    QByteArray local;
    if (sub.peek() == '"')
        local = readLocalPart(sub, true, sub.readQuotedString());
    else
        local = readLocalPart(sub, false, sub.readAtom("."));
    sub.skipCfws();
    if (local.isEmpty() || local == "\"\"")
        return {};
    if (!sub.consume('@'))
        return local;
    return local + '@' + readDomain(sub);
}

void appendWord(QByteArray &phrase, QByteArrayView word)
{
    if (word.isEmpty())
        return;
    if (!phrase.isEmpty())
        phrase += ' ';
    phrase += word;
}

// address = mailbox / group
// mailbox = name-addr / addr-spec; name-addr = [display-name] angle-addr
// group = display-name ":" [group-list] ";" [CFWS]; display-name = phrase
// phrase = 1*word / obs-phrase; obs-phrase = word *(word / "." / CFWS)
Entry readEntry(HeaderCursor &cur)
{
    Entry e;
    for (;;) {
        QByteArray comment;
        cur.skipCfws(&comment);
        if (!comment.isEmpty())
            e.comment = comment;
        if (cur.atEnd())
            break;
        const char c = cur.peek();
        if (c == ',' || c == ';')
            break;
        if (c == ':' && !e.angle && e.address.isEmpty()) {
            cur.advance();
            e.group = true;
            break;
        }
        if (c == '<') {
            cur.advance();
            const QByteArray address = readAngleContent(cur);
            if (!e.angle) {
                e.angle = true;
                e.address = address;
            }
            continue;
        }
        QByteArray word;
        const bool quoted = c == '"';
        if (quoted)
            word = cur.readQuotedString();
        else
            word = cur.readAtom(".");
        if (!quoted && word.isEmpty()) {
            cur.advance(); // a stray special: skip it
            continue;
        }
        // A word directly followed by "@" (or by "." then more words and "@") is a local part.
        const qsizetype save = cur.position();
        QByteArray dotted;
        QByteArray local = readLocalPart(cur, quoted, word, &dotted);
        const qsizetype afterLocal = cur.position();
        cur.skipCfws();
        if (e.address.isEmpty() && cur.peek() == '@') {
            cur.advance();
            e.address = local + '@' + readDomain(cur);
            continue;
        }
        // Not an address: the words read stay read (as one obs-phrase word when they were
        // joined by dots), so no byte is looked at twice.
        cur.setPosition(afterLocal);
        if (!e.angle && e.address.isEmpty())
            appendWord(e.phrase, afterLocal == save ? word : dotted);
    }
    return e;
}

QString decodeName(QByteArrayView raw)
{
    QString name = EncodedWords::decode(raw).simplified();
    return name;
}

} // namespace

QByteArray AddressParser::quoteLocalPart(QByteArrayView localPart)
{
    if (isDotAtomText(localPart))
        return localPart.toByteArray();
    QByteArray out = "\"";
    for (char c : localPart) {
        if (c == '\r' || c == '\n')
            continue;
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

// address-list = (address *("," address)) / obs-addr-list
// obs-addr-list = *([CFWS] ",") address *("," [address / CFWS])
QList<MailAddress> AddressParser::parseList(QByteArrayView headerValue)
{
    QList<MailAddress> out;
    HeaderCursor cur(headerValue);
    QString pendingName; // a bare phrase that may be the first half of "Doe, John <j@x>"
    bool hasPending = false;
    QByteArray pendingRaw;
    auto flushPending = [&] {
        if (hasPending && !pendingRaw.isEmpty() && !pendingRaw.contains(' '))
            out.append(MailAddress {QString(), QString::fromUtf8(pendingRaw)});
        hasPending = false;
        pendingRaw.clear();
        pendingName.clear();
    };
    while (!cur.atEnd()) {
        cur.skipCfws();
        if (cur.atEnd())
            break;
        if (cur.peek() == ',' || cur.peek() == ';') {
            cur.advance();
            continue;
        }
        const qsizetype before = cur.position();
        const Entry e = readEntry(cur);
        if (cur.position() == before)
            cur.advance(); // guarantees progress on any input
        if (e.group) {
            flushPending();
            continue;
        }
        if (e.address.isEmpty() && !e.angle && !e.comment.isEmpty() && e.phrase.contains(" at ")) {
            // "user at example.org (Full Name)", as list archives hide addresses: the comment
            // is the name, the text stays as it is.
            flushPending();
            out.append(MailAddress {decodeName(e.comment), decodeName(e.phrase)});
            continue;
        }
        if (e.address.isEmpty() && (!e.angle || e.phrase.isEmpty())) {
            if (e.angle || e.phrase.isEmpty())
                continue; // a bare "<>", or nothing usable
            flushPending();
            hasPending = true;
            pendingRaw = e.phrase;
            pendingName = decodeName(e.phrase);
            continue;
        }
        MailAddress a;
        a.address = CharsetDecoder::decodeUndeclared(e.address);
        a.name = decodeName(e.phrase);
        if (a.name.isEmpty() && !e.angle && !e.comment.isEmpty())
            a.name = decodeName(e.comment);
        if (hasPending && e.angle) {
            a.name = a.name.isEmpty() ? pendingName : pendingName + QStringLiteral(", ") + a.name;
            hasPending = false;
            pendingRaw.clear();
        }
        flushPending();
        out.append(a);
    }
    flushPending();
    return out;
}

MailAddress AddressParser::parseMailbox(QByteArrayView headerValue)
{
    const QList<MailAddress> list = parseList(headerValue);
    return list.isEmpty() ? MailAddress() : list.first();
}
