#pragma once

// A compact canonical text of a parsed response, which the parser test rows compare against.

#include "imap/parser/imapresponse.h"

#include <QByteArray>

namespace ImapDescribe {

inline QByteArray joinAtoms(const QList<QByteArray> &atoms)
{
    return atoms.join(' ');
}

inline QByteArray opt(const std::optional<quint32> &v)
{
    return v ? QByteArray::number(*v) : QByteArray("-");
}

inline QByteArray describeCode(const ImapResponseCode &code)
{
    if (code.kind == ImapResponseCode::Kind::None)
        return QByteArray();
    QByteArray out = " [" + code.name;
    if (!code.atoms.isEmpty())
        out += " (" + joinAtoms(code.atoms) + ")";
    if (code.number)
        out += " n=" + QByteArray::number(code.number);
    if (!code.sourceUids.isEmpty())
        out += " src=" + code.sourceUids.toString();
    if (!code.uids.isEmpty())
        out += " uids=" + code.uids.toString();
    if (code.kind == ImapResponseCode::Kind::Other && !code.rawArguments.isEmpty())
        out += " raw=" + code.rawArguments;
    return out + ']';
}

inline QByteArray describeAddresses(const QList<ImapAddress> &list)
{
    QList<QByteArray> parts;
    for (const ImapAddress &a : list) {
        if (a.isGroupEnd())
            parts.append(";");
        else if (a.isGroupStart())
            parts.append(a.mailbox + ':');
        else
            parts.append((a.name.isNull() ? QByteArray() : '"' + a.name + "\" ") + '<' + a.address()
                         + '>');
    }
    return parts.join(',');
}

inline QByteArray describeBody(const ImapBodyPart &part)
{
    QByteArray out = part.partNumber + '=' + part.mimeType();
    if (part.isMultipart()) {
        QList<QByteArray> children;
        for (const ImapBodyPart &c : part.children)
            children.append(describeBody(c));
        return out + '(' + children.join(' ') + ')';
    }
    out += ' ' + part.encoding + ' ' + QByteArray::number(part.size);
    if (!part.disposition.isEmpty())
        out += ' ' + part.disposition;
    if (!part.fileName().isEmpty())
        out += " name=" + part.fileName();
    if (part.isMessage())
        out += " msg{" + part.envelope->subject + "}(" + describeBody(part.children.value(0)) + ')';
    return out;
}

// A compact canonical text of a response: what the rows compare against.
inline QByteArray describe(const ImapResponse &r)
{
    using T = ImapResponse::Type;
    switch (r.type()) {
    case T::Invalid:
        return "invalid";
    case T::Continuation:
        return "+ " + r.text();
    case T::Status: {
        const ImapStatusResponse &s = r.statusResponse();
        static const char *names[] = {"OK", "NO", "BAD", "PREAUTH", "BYE"};
        return (s.isTagged() ? s.tag : QByteArray("*")) + ' ' + names[int(s.status)]
               + describeCode(s.code) + " text=" + s.text;
    }
    case T::Capability:
        return "CAPABILITY " + joinAtoms(r.atoms());
    case T::Enabled:
        return "ENABLED " + joinAtoms(r.atoms());
    case T::Flags:
        return "FLAGS " + joinAtoms(r.atoms());
    case T::List:
    case T::Lsub: {
        const ImapMailboxListing &l = r.listing();
        QByteArray out = (l.isLsub ? "LSUB " : "LIST ") + QByteArray::number(l.attributes, 16)
                         + " d=" + l.delimiter + " name=" + l.name;
        if (!l.childInfo.isEmpty())
            out += " childinfo=" + joinAtoms(l.childInfo);
        if (!l.oldName.isEmpty())
            out += " old=" + l.oldName;
        return out;
    }
    case T::MailboxStatus: {
        const ImapMailboxStatus &s = r.mailboxStatus();
        return "STATUS " + s.name + " m=" + opt(s.messages) + " r=" + opt(s.recent)
               + " n=" + opt(s.uidNext) + " v=" + opt(s.uidValidity) + " u=" + opt(s.unseen)
               + " hms=" + (s.highestModSeq ? QByteArray::number(*s.highestModSeq) : "-");
    }
    case T::Exists:
        return "EXISTS " + QByteArray::number(r.number());
    case T::Recent:
        return "RECENT " + QByteArray::number(r.number());
    case T::Expunge:
        return "EXPUNGE " + QByteArray::number(r.number());
    case T::Vanished:
        return QByteArray("VANISHED ") + (r.vanished().earlier ? "EARLIER " : "")
               + r.vanished().uids.toString();
    case T::Fetch: {
        const ImapFetch &f = r.fetch();
        QByteArray out = "FETCH " + QByteArray::number(f.sequence);
        if (f.uid)
            out += " uid=" + QByteArray::number(*f.uid);
        if (f.flags)
            out += " flags=(" + joinAtoms(*f.flags) + ')';
        if (f.internalDate.isValid())
            out += " date=" + f.internalDate.toUTC().toString(Qt::ISODate).toLatin1();
        if (f.size)
            out += " size=" + QByteArray::number(*f.size);
        if (f.modSeq)
            out += " modseq=" + QByteArray::number(*f.modSeq);
        if (f.envelope)
            out += " env{" + f.envelope->subject + '|' + describeAddresses(f.envelope->from) + '|'
                   + describeAddresses(f.envelope->to) + '|' + f.envelope->messageId + '}';
        if (f.bodyStructure)
            out += " body{" + describeBody(*f.bodyStructure) + '}';
        for (const ImapFetchSection &s : f.sections) {
            out += QByteArray(s.binary ? " BINARY[" : " BODY[") + s.section + ']';
            if (s.origin >= 0)
                out += '<' + QByteArray::number(s.origin) + '>';
            out += s.isNil ? QByteArray("=NIL") : '=' + s.data.toPercentEncoding();
        }
        for (const auto &o : f.other)
            out += ' ' + o.first + '=' + o.second.toDebugString();
        return out;
    }
    case T::Search: {
        QList<QByteArray> n;
        for (quint32 v : r.search().numbers)
            n.append(QByteArray::number(v));
        return "SEARCH " + n.join(' ')
               + (r.search().modSeq ? " modseq=" + QByteArray::number(*r.search().modSeq)
                                    : QByteArray());
    }
    case T::ESearch: {
        const ImapESearch &e = r.esearch();
        return "ESEARCH tag=" + e.tag + (e.uid ? " UID" : "") + " min=" + opt(e.min)
               + " max=" + opt(e.max) + " count=" + opt(e.count) + " all=" + e.all.toString()
               + " modseq=" + (e.modSeq ? QByteArray::number(*e.modSeq) : "-");
    }
    case T::Namespace: {
        auto list = [](const QList<ImapNamespace::Entry> &l) -> QByteArray {
            QList<QByteArray> out;
            for (const auto &e : l)
                out.append('"' + e.prefix + "\"" + e.delimiter);
            return '(' + out.join(' ') + ')';
        };
        const ImapNamespace &ns = r.namespaces();
        return "NAMESPACE " + list(ns.personal) + ' ' + list(ns.otherUsers) + ' ' + list(ns.shared);
    }
    case T::Id: {
        QList<QByteArray> parts;
        for (const auto &p : r.idFields())
            parts.append(p.first + '=' + p.second);
        return "ID " + parts.join(',');
    }
    case T::Unknown: {
        QList<QByteArray> parts;
        for (const ImapValue &v : r.values())
            parts.append(v.toDebugString());
        return "UNKNOWN " + r.keyword() + ' ' + parts.join(' ');
    }
    }
    return QByteArray();
}

} // namespace ImapDescribe
