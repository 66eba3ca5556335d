#include "messagerecordfactory.h"

#include "mime/charsetdecoder.h"
#include "mime/dateparser.h"
#include "mime/encodedwords.h"
#include "sync/bodystructurecodec.h"

#include <QCoreApplication>

namespace {

// mailbox@host, or the mailbox alone for a group marker.
void appendAddress(QString *text, const ImapAddress &a)
{
    const auto append = [text](const QByteArray &utf8) {
        if (CharsetDecoder::isAscii(utf8))
            text->append(QLatin1StringView(utf8));
        else
            text->append(QString::fromUtf8(utf8));
    };
    append(a.mailbox);
    if (!a.host.isNull()) {
        text->append(QLatin1Char('@'));
        append(a.host);
    }
}

// The display names of the addresses, each one's address where it has no name.
QString addressListText(const QList<ImapAddress> &addresses)
{
    QString text;
    bool first = true;
    for (const ImapAddress &a : addresses) {
        if (a.isGroupStart() || a.isGroupEnd())
            continue;
        if (!first)
            text += QLatin1String(", ");
        first = false;
        const qsizetype before = text.size();
        EncodedWords::appendDecoded(&text, a.name);
        if (text.size() == before)
            appendAddress(&text, a);
    }
    return text;
}

// The References header from BODY[HEADER.FIELDS (REFERENCES)]: unfolded, message ids only.
// Folding is whitespace, so unfolding is part of simplifying.
QByteArray referencesFrom(const ImapFetch &fetch)
{
    constexpr QByteArrayView fieldsSection("HEADER.FIELDS");
    for (const ImapFetchSection &s : fetch.sections) {
        if (s.section.size() < fieldsSection.size()
            || QByteArrayView(s.section)
                               .first(fieldsSection.size())
                               .compare(fieldsSection, Qt::CaseInsensitive)
                       != 0) {
            continue;
        }
        const qsizetype colon = s.data.indexOf(':');
        if (colon < 0)
            return QByteArray();
        return s.data.mid(colon + 1).simplified();
    }
    return QByteArray();
}

} // namespace

MessageRecord MessageRecordFactory::fromFetch(const ImapFetch &fetch, qint64 folderId)
{
    MessageRecord r;
    r.folderId = folderId;
    r.uid = fetch.uid.value_or(0);
    r.modSeq = fetch.modSeq.value_or(0);
    if (fetch.flags)
        r.flags = flagsFromList(*fetch.flags, &r.keywords);
    r.internalDate = fetch.internalDate;
    r.size = qint64(fetch.size.value_or(0));
    if (fetch.envelope) {
        const ImapEnvelope &e = *fetch.envelope;
        r.subject = EncodedWords::decode(e.subject);
        r.sentDate = DateParser::parse(e.date);
        const QList<ImapAddress> &from = e.from.isEmpty() ? e.sender : e.from;
        for (const ImapAddress &a : from) {
            if (a.isGroupStart() || a.isGroupEnd())
                continue;
            r.fromName = EncodedWords::decode(a.name);
            appendAddress(&r.fromAddress, a);
            break;
        }
        r.to = addressListText(e.to);
        r.cc = addressListText(e.cc);
        r.messageId = e.messageId.trimmed();
        r.inReplyTo = e.inReplyTo.trimmed();
    }
    r.references = referencesFrom(fetch);
    if (fetch.bodyStructure) {
        r.hasAttachments = hasAttachments(*fetch.bodyStructure);
        // The server's own text decodes to the same tree; writing it anew would only cost time.
        r.bodyStructure = fetch.bodyStructureText.isEmpty()
                                  ? BodyStructureCodec::encode(*fetch.bodyStructure)
                                  : fetch.bodyStructureText;
    }
    return r;
}

MessageRecord::Flags MessageRecordFactory::flagsFromList(const QList<QByteArray> &flags,
                                                         QString *keywords)
{
    // Compared without case and without a lower-case copy: read for every message synchronised.
    const auto is = [](const QByteArray &flag, QByteArrayView name) {
        return flag.size() == name.size() && flag.compare(name, Qt::CaseInsensitive) == 0;
    };
    MessageRecord::Flags result;
    QStringList others;
    for (const QByteArray &flag : flags) {
        if (is(flag, "\\seen"))
            result |= MessageRecord::Seen;
        else if (is(flag, "\\answered"))
            result |= MessageRecord::Answered;
        else if (is(flag, "\\flagged"))
            result |= MessageRecord::Flagged;
        else if (is(flag, "\\deleted"))
            result |= MessageRecord::Deleted;
        else if (is(flag, "\\draft"))
            result |= MessageRecord::Draft;
        else if (is(flag, "$forwarded"))
            result |= MessageRecord::Forwarded;
        else if (!is(flag, "\\recent"))
            others.append(QString::fromUtf8(flag));
    }
    if (keywords)
        *keywords = others.join(QLatin1Char(' '));
    return result;
}

QList<QByteArray> MessageRecordFactory::flagsToList(MessageRecord::Flags flags)
{
    QList<QByteArray> list;
    if (flags & MessageRecord::Seen)
        list.append("\\Seen");
    if (flags & MessageRecord::Answered)
        list.append("\\Answered");
    if (flags & MessageRecord::Flagged)
        list.append("\\Flagged");
    if (flags & MessageRecord::Deleted)
        list.append("\\Deleted");
    if (flags & MessageRecord::Draft)
        list.append("\\Draft");
    if (flags & MessageRecord::Forwarded)
        list.append("$Forwarded");
    return list;
}

bool MessageRecordFactory::hasAttachments(const ImapBodyPart &part)
{
    if (part.isMultipart()) {
        for (const ImapBodyPart &child : part.children) {
            if (hasAttachments(child))
                return true;
        }
        return false;
    }
    if (part.disposition == "attachment")
        return true;
    if (part.isMessage())
        return true;
    return part.type != "text" && !part.fileName().isEmpty() && part.disposition != "inline";
}

MessageRecord MessageRecordFactory::placeholder(const MessageRecord &message)
{
    MessageRecord kept;
    kept.folderId = message.folderId;
    kept.uid = message.uid;
    kept.modSeq = message.modSeq;
    kept.flags = message.flags;
    kept.keywords = message.keywords;
    kept.internalDate = message.internalDate;
    kept.size = message.size;
    kept.subject
            = QCoreApplication::translate("MessageRecordFactory",
                                          "(This message is too large or malformed to be stored)");
    return kept;
}
