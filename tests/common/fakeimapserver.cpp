#include "fakeimapserver.h"

#include "faketransport.h"

#include <algorithm>

namespace {

const QByteArray defaultCapabilities
        = "IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=XOAUTH2 UIDPLUS MOVE IDLE";

QByteArray quoted(const QByteArray &text)
{
    QByteArray escaped = text;
    escaped.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + escaped + '"';
}

QByteArray literal(const QByteArray &data)
{
    return '{' + QByteArray::number(data.size()) + "}\r\n" + data;
}

// An ENVELOPE string as servers write it: quoted, or a literal once it is long.
QByteArray envelopeString(const QByteArray &text)
{
    return text.size() > 1000 ? literal(text) : quoted(text);
}

QByteArray headerField(const QByteArray &raw, const QByteArray &name)
{
    const qsizetype end = raw.indexOf("\r\n\r\n");
    for (const QByteArray &line : raw.left(end < 0 ? raw.size() : end).split('\n')) {
        if (line.toLower().startsWith(name.toLower() + ':'))
            return line.mid(name.size() + 1).trimmed();
    }
    return {};
}

QByteArray unquote(const QByteArray &word)
{
    if (word.size() >= 2 && word.startsWith('"') && word.endsWith('"'))
        return word.mid(1, word.size() - 2).replace("\\\"", "\"").replace("\\\\", "\\");
    return word;
}

} // namespace

FakeImapServer::FakeImapServer(QObject *parent)
    : QObject(parent)
    , m_capabilities(defaultCapabilities)
{
    addMailbox("INBOX");
}

FakeImapServer::~FakeImapServer()
{
    qDeleteAll(m_sessions);
}

std::unique_ptr<Transport> FakeImapServer::create(const TransportPolicy &)
{
    auto transport = std::make_unique<FakeTransport>();
    if (!m_reachable) {
        transport->setFailureError(
                MailError(MailError::Kind::Network, QStringLiteral("Connection refused")));
        transport->setConnectOutcome(FakeTransport::Outcome::Fail);
        return transport;
    }
    auto *session = new Session;
    session->transport = transport.get();
    m_sessions.append(session);
    FakeTransport *raw = transport.get();
    connect(raw, &FakeTransport::connectRequested, this, [this] { ++m_connections; });
    connect(raw, &Transport::connected, this, [this, session] {
        reply(session, "* OK [CAPABILITY " + m_capabilities + "] Fake IMAP ready");
    });
    connect(raw, &FakeTransport::clientWrote, this,
            [this, session](const QByteArray &bytes) { onClientWrote(session, bytes); });
    connect(raw, &QObject::destroyed, this, [this, session] {
        m_sessions.removeAll(session);
        delete session;
    });
    return transport;
}

void FakeImapServer::addMailbox(const QByteArray &name, const QByteArray &attribute)
{
    Mailbox &box = m_mailboxes[name];
    box.attribute = attribute;
    box.uidValidity = quint32(m_mailboxes.size());
}

quint32 FakeImapServer::addMessage(const QByteArray &mailbox, const QByteArray &subject,
                                   const QSet<QByteArray> &flags)
{
    Mailbox &box = m_mailboxes[mailbox];
    Message message;
    message.uid = box.uidNext++;
    message.flags = flags;
    message.raw = "From: Alice <alice@example.test>\r\nTo: bob@example.test\r\nSubject: " + subject
                  + "\r\nMessage-ID: <" + QByteArray::number(message.uid) + '.' + mailbox
                  + "@example.test>\r\nDate: Thu, 01 Jan 2026 10:00:00 +0000\r\n\r\nBody of "
                  + subject + "\r\n";
    box.messages.append(message);
    return message.uid;
}

QList<quint32> FakeImapServer::uids(const QByteArray &mailbox) const
{
    QList<quint32> result;
    for (const Message &message : m_mailboxes.value(mailbox).messages)
        result.append(message.uid);
    return result;
}

void FakeImapServer::setFlags(const QByteArray &mailbox, quint32 uid, const QSet<QByteArray> &flags)
{
    if (Message *message = find(mailbox, uid))
        message->flags = flags;
}

QSet<QByteArray> FakeImapServer::flags(const QByteArray &mailbox, quint32 uid) const
{
    for (const Message &message : m_mailboxes.value(mailbox).messages) {
        if (message.uid == uid)
            return message.flags;
    }
    return {};
}

void FakeImapServer::setReachable(bool reachable)
{
    m_reachable = reachable;
    if (reachable)
        return;
    for (Session *session : std::as_const(m_sessions)) {
        if (session->transport && session->transport->state() == FakeTransport::State::Connected)
            session->transport->simulateError(
                    MailError(MailError::Kind::Network, QStringLiteral("Connection reset")));
    }
}

void FakeImapServer::reply(Session *session, const QByteArray &line)
{
    if (session->transport)
        session->transport->serverSendLine(line);
}

void FakeImapServer::onClientWrote(Session *session, const QByteArray &bytes)
{
    session->buffer += bytes;
    for (;;) {
        if (session->literalSize >= 0) {
            if (session->buffer.size() < session->literalSize)
                return;
            const qsizetype lineEnd = session->buffer.indexOf("\r\n", session->literalSize);
            if (lineEnd < 0)
                return;
            const QByteArray data = session->buffer.left(session->literalSize);
            const QByteArray rest = session->buffer.mid(session->literalSize,
                                                        lineEnd - session->literalSize);
            session->buffer.remove(0, lineEnd + 2);
            session->literalSize = -1;
            handleLine(session, session->pendingLine + rest, data);
            continue;
        }
        const qsizetype end = session->buffer.indexOf("\r\n");
        if (end < 0)
            return;
        QByteArray line = session->buffer.left(end);
        session->buffer.remove(0, end + 2);
        if (line.endsWith('}') && line.contains('{')) {
            const qsizetype open = line.lastIndexOf('{');
            session->literalSize = line.mid(open + 1, line.size() - open - 2).toLongLong();
            session->pendingLine = line.left(open);
            reply(session, "+ Ready for literal data");
            continue;
        }
        handleLine(session, line, {});
    }
}

QList<QByteArray> FakeImapServer::words(const QByteArray &line)
{
    QList<QByteArray> result;
    QByteArray current;
    int depth = 0;
    bool inQuote = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line.at(i);
        if (inQuote) {
            current += c;
            if (c == '\\' && i + 1 < line.size())
                current += line.at(++i);
            else if (c == '"')
                inQuote = false;
            continue;
        }
        if (c == '"')
            inQuote = true;
        else if (c == '(' || c == '[')
            ++depth;
        else if (c == ')' || c == ']')
            --depth;
        if (c == ' ' && depth == 0) {
            if (!current.isEmpty())
                result.append(current);
            current.clear();
            continue;
        }
        current += c;
    }
    if (!current.isEmpty())
        result.append(current);
    return result;
}

FakeImapServer::Message *FakeImapServer::find(const QByteArray &mailbox, quint32 uid)
{
    for (Message &message : m_mailboxes[mailbox].messages) {
        if (message.uid == uid)
            return &message;
    }
    return nullptr;
}

QList<quint32> FakeImapServer::parseSet(Session *session, const QByteArray &set) const
{
    const QList<quint32> present = uids(session->selected);
    const quint32 highest = present.isEmpty() ? 0 : present.last();
    QList<quint32> result;
    for (const QByteArray &range : set.split(',')) {
        const QList<QByteArray> ends = range.split(':');
        auto value = [highest](const QByteArray &v) {
            return v == "*" ? highest : v.toUInt();
        };
        quint32 low = value(ends.first());
        quint32 high = value(ends.last());
        if (low > high)
            std::swap(low, high);
        for (quint32 uid : present) {
            if (uid >= low && uid <= high && !result.contains(uid))
                result.append(uid);
        }
    }
    std::sort(result.begin(), result.end());
    return result;
}

void FakeImapServer::handleLine(Session *session, const QByteArray &line, const QByteArray &literal)
{
    if (session->idling) {
        if (line == "DONE") {
            session->idling = false;
            reply(session, session->idleTag + " OK Idle completed");
        }
        return;
    }
    QList<QByteArray> w = words(line);
    if (w.size() < 2)
        return;
    const QByteArray tag = w.takeFirst();
    const QByteArray command = w.takeFirst().toUpper();
    m_commands.append(command + (w.isEmpty() ? QByteArray() : ' ' + w.join(' ')));
    Q_EMIT commandReceived(m_commands.constLast());

    for (const QByteArray &refused : std::as_const(m_refused)) {
        if (m_commands.constLast().startsWith(refused)) {
            reply(session, tag + " NO [CANNOT] Refused by the test");
            return;
        }
    }
    if (command == "CAPABILITY") {
        reply(session, "* CAPABILITY " + m_capabilities);
        reply(session, tag + " OK done");
    } else if (command == "AUTHENTICATE" || command == "LOGIN") {
        // PLAIN and XOAUTH2 (the token is the password here) with SASL-IR, or LOGIN user pass.
        QByteArray secret;
        const QByteArray mechanism = w.value(0).toUpper();
        const QByteArray response = QByteArray::fromBase64(w.value(1));
        if (command == "LOGIN" && w.size() == 2) {
            secret = unquote(w.at(1));
        } else if (mechanism == "PLAIN" && w.size() == 2) {
            const QList<QByteArray> parts = response.split('\0');
            if (parts.size() == 3)
                secret = parts.at(2);
        } else if (mechanism == "XOAUTH2" && w.size() == 2) {
            for (const QByteArray &field : response.split('\x01'))
                if (field.startsWith("auth=Bearer "))
                    secret = field.mid(12);
        }
        if (!secret.isEmpty() && secret == m_password) {
            ++m_logins;
            reply(session, tag + " OK [CAPABILITY " + m_capabilities + "] Logged in");
        } else {
            reply(session, tag + " NO [AUTHENTICATIONFAILED] Authentication failed.");
        }
    } else if (command == "LIST" || command == "LSUB") {
        const bool lsub = command == "LSUB";
        const bool subscribedAttribute = m_capabilities.contains("LIST-EXTENDED")
                                         && line.contains("SUBSCRIBED");
        for (auto it = m_mailboxes.cbegin(); it != m_mailboxes.cend(); ++it) {
            if (lsub && !it->subscribed)
                continue;
            QByteArray attributes = lsub ? QByteArray() : QByteArray("\\HasNoChildren");
            if (!lsub && !it->attribute.isEmpty())
                attributes += ' ' + it->attribute;
            if (subscribedAttribute && it->subscribed)
                attributes += " \\Subscribed";
            reply(session, "* " + command + " (" + attributes + ") \"" + m_delimiter + "\" "
                                   + quoted(it.key()));
        }
        reply(session, tag + " OK " + command + " completed");
    } else if (command == "NAMESPACE") {
        reply(session, "* NAMESPACE ((" + quoted(m_personalNamespace) + " \"" + m_delimiter
                               + "\")) NIL NIL");
        reply(session, tag + " OK Namespace completed");
    } else if (command == "STATUS" && !w.isEmpty()) {
        const QByteArray name = unquote(w.first());
        const Mailbox box = m_mailboxes.value(name);
        const auto unseen = std::count_if(box.messages.cbegin(), box.messages.cend(),
                                          [](const Message &m) {
                                              return !m.flags.contains("\\Seen");
                                          });
        reply(session, "* STATUS " + quoted(name) + " (MESSAGES "
                               + QByteArray::number(box.messages.size()) + " UNSEEN "
                               + QByteArray::number(unseen) + " UIDNEXT "
                               + QByteArray::number(box.uidNext) + " UIDVALIDITY "
                               + QByteArray::number(box.uidValidity) + ')');
        reply(session, tag + " OK Status completed");
    } else if ((command == "SELECT" || command == "EXAMINE") && !w.isEmpty()) {
        select(session, tag, unquote(w.first()));
    } else if (command == "UID" && !w.isEmpty()) {
        const QByteArray sub = w.takeFirst().toUpper();
        if ((sub == "MOVE" && !m_capabilities.contains("MOVE"))
            || (sub == "EXPUNGE" && !m_capabilities.contains("UIDPLUS"))) {
            reply(session, tag + " BAD Unknown UID command");
            return;
        }
        if (sub == "SEARCH") {
            // Understood: DELETED; any other criteria match every message.
            const bool deleted = w.contains("DELETED");
            QByteArray found = "* SEARCH";
            for (quint32 uid : uids(session->selected)) {
                if (!deleted || find(session->selected, uid)->flags.contains("\\Deleted"))
                    found += ' ' + QByteArray::number(uid);
            }
            reply(session, found);
            reply(session, tag + " OK Search completed");
        } else if (sub == "FETCH" && w.size() >= 2) {
            fetch(session, tag, parseSet(session, w.at(0)), w.mid(1).join(' '));
        } else if (sub == "STORE" && w.size() >= 3) {
            store(session, tag, parseSet(session, w.at(0)), w.at(1).toUpper(),
                  w.at(2).mid(1, w.at(2).size() - 2).split(' '));
        } else if ((sub == "MOVE" || sub == "COPY") && w.size() >= 2) {
            const QByteArray target = unquote(w.at(1));
            if (!m_mailboxes.contains(target)) {
                reply(session, tag + " NO [TRYCREATE] Mailbox doesn't exist");
                return;
            }
            const QList<quint32> moved = parseSet(session, w.at(0));
            QByteArray from, to;
            Mailbox &box = m_mailboxes[target];
            for (quint32 uid : moved) {
                Message copy = *find(session->selected, uid);
                copy.uid = box.uidNext++;
                box.messages.append(copy);
                from += (from.isEmpty() ? "" : ",") + QByteArray::number(uid);
                to += (to.isEmpty() ? "" : ",") + QByteArray::number(copy.uid);
            }
            const QByteArray code = moved.isEmpty()
                                            ? QByteArray()
                                            : "[COPYUID " + QByteArray::number(box.uidValidity)
                                                      + ' ' + from + ' ' + to + "] ";
            if (sub == "MOVE") {
                if (!code.isEmpty())
                    reply(session, "* OK " + code + "Moved");
                expunge(session, moved);
                reply(session, tag + " OK Move completed");
            } else {
                reply(session, tag + " OK " + code + "Copy completed");
            }
        } else if (sub == "EXPUNGE" && !w.isEmpty()) {
            QList<quint32> gone;
            for (quint32 uid : parseSet(session, w.at(0))) {
                if (find(session->selected, uid)->flags.contains("\\Deleted"))
                    gone.append(uid);
            }
            expunge(session, gone);
            reply(session, tag + " OK Expunge completed");
        } else {
            reply(session, tag + " BAD Unknown UID command");
        }
    } else if (command == "EXPUNGE" && !session->selected.isEmpty()) {
        QList<quint32> gone;
        for (const Message &message : std::as_const(m_mailboxes[session->selected].messages)) {
            if (message.flags.contains("\\Deleted"))
                gone.append(message.uid);
        }
        expunge(session, gone);
        reply(session, tag + " OK Expunge completed");
    } else if (command == "APPEND" && !w.isEmpty()) {
        const QByteArray name = unquote(w.first());
        if (!m_mailboxes.contains(name)) {
            reply(session, tag + " NO [TRYCREATE] Mailbox doesn't exist");
            return;
        }
        Mailbox &box = m_mailboxes[name];
        Message message;
        message.uid = box.uidNext++;
        message.raw = literal;
        if (w.size() > 1 && w.at(1).startsWith('(')) {
            for (const QByteArray &flag : w.at(1).mid(1, w.at(1).size() - 2).split(' '))
                if (!flag.isEmpty())
                    message.flags.insert(flag);
        }
        box.messages.append(message);
        reply(session, tag + " OK [APPENDUID " + QByteArray::number(box.uidValidity) + ' '
                               + QByteArray::number(message.uid) + "] Append completed");
    } else if (command == "CREATE" && !w.isEmpty()) {
        const QByteArray name = unquote(w.first());
        if (m_mailboxes.contains(name)) {
            reply(session, tag + " NO [ALREADYEXISTS] Mailbox already exists");
            return;
        }
        addMailbox(name);
        reply(session, tag + " OK Create completed");
    } else if (command == "IDLE") {
        session->idling = true;
        session->idleTag = tag;
        reply(session, "+ idling");
    } else if (command == "NOOP" || command == "CHECK" || command == "CLOSE") {
        if (command == "CLOSE")
            session->selected.clear();
        reply(session, tag + " OK done");
    } else if (command == "LOGOUT") {
        reply(session, "* BYE Logging out");
        reply(session, tag + " OK Logout completed");
        if (session->transport)
            session->transport->serverDisconnect();
    } else {
        reply(session, tag + " BAD Unknown command");
    }
}

void FakeImapServer::select(Session *session, const QByteArray &tag, const QByteArray &name)
{
    if (!m_mailboxes.contains(name)) {
        session->selected.clear();
        reply(session, tag + " NO Mailbox doesn't exist");
        return;
    }
    session->selected = name;
    const Mailbox &box = m_mailboxes[name];
    reply(session, "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
    reply(session, "* " + QByteArray::number(box.messages.size()) + " EXISTS");
    reply(session, "* 0 RECENT");
    reply(session, "* OK [UIDVALIDITY " + QByteArray::number(box.uidValidity) + "] UIDs valid");
    reply(session, "* OK [UIDNEXT " + QByteArray::number(box.uidNext) + "] Predicted next UID");
    if (m_selectModSeq != 0)
        reply(session, "* OK [HIGHESTMODSEQ " + QByteArray::number(m_selectModSeq) + "] modseq");
    reply(session, tag + " OK [READ-WRITE] Select completed");
}

QByteArray FakeImapServer::fetchLine(int sequence, const Message &message, const QByteArray &items)
{
    QByteArray flags;
    for (const QByteArray &flag : message.flags)
        flags += (flags.isEmpty() ? "" : " ") + flag;
    QByteArray out = "* " + QByteArray::number(sequence) + " FETCH (UID "
                     + QByteArray::number(message.uid) + " FLAGS (" + flags + ')';
    const qsizetype headerEnd = message.raw.indexOf("\r\n\r\n");
    const QByteArray header = message.raw.left(headerEnd + 4);
    const QByteArray body = message.raw.mid(headerEnd + 4);
    if (items.contains("ENVELOPE")) {
        const QByteArray alice = "((\"Alice\" NIL \"alice\" \"example.test\"))";
        out += " INTERNALDATE \"01-Jan-2026 10:00:00 +0000\" RFC822.SIZE "
               + QByteArray::number(message.raw.size())
               + " ENVELOPE (\"Thu, 01 Jan 2026 10:00:00 +0000\" "
               + envelopeString(headerField(message.raw, "Subject")) + ' ' + alice + ' ' + alice
               + ' ' + alice + " ((NIL NIL \"bob\" \"example.test\")) NIL NIL NIL "
               + quoted(headerField(message.raw, "Message-ID")) + ')'
               + " BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" "
               + QByteArray::number(body.size()) + " 1 NIL NIL NIL NIL)";
    }
    // Sections: BODY.PEEK[section]<partial>, answered as BODY[section]<origin>.
    qsizetype at = 0;
    while ((at = items.indexOf("BODY.PEEK[", at)) >= 0) {
        const qsizetype close = items.indexOf(']', at);
        const QByteArray section = items.mid(at + 10, close - at - 10);
        qsizetype after = close + 1;
        qint64 origin = -1;
        qint64 length = -1;
        if (after < items.size() && items.at(after) == '<') {
            const qsizetype end = items.indexOf('>', after);
            const QList<QByteArray> range = items.mid(after + 1, end - after - 1).split('.');
            origin = range.value(0).toLongLong();
            length = range.value(1).toLongLong();
            after = end + 1;
        }
        QByteArray data;
        if (section.isEmpty())
            data = message.raw;
        else if (section == "HEADER")
            data = header;
        else if (section == "TEXT" || section == "1")
            data = body;
        else if (section.startsWith("HEADER.FIELDS"))
            data = QByteArray();
        out += " BODY[" + section + ']';
        if (origin >= 0) {
            out += '<' + QByteArray::number(origin) + '>';
            data = data.mid(origin, length);
        }
        out += ' ' + literal(data);
        at = after;
    }
    return out + ')';
}

void FakeImapServer::fetch(Session *session, const QByteArray &tag, const QList<quint32> &uids,
                           const QByteArray &items)
{
    const QList<Message> &messages = m_mailboxes[session->selected].messages;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        if (uids.contains(messages.at(i).uid))
            reply(session, fetchLine(int(i + 1), messages.at(i), items));
    }
    reply(session, tag + " OK Fetch completed");
}

void FakeImapServer::store(Session *session, const QByteArray &tag, const QList<quint32> &uids,
                           const QByteArray &mode, const QList<QByteArray> &flags)
{
    QList<Message> &messages = m_mailboxes[session->selected].messages;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        Message &message = messages[i];
        if (!uids.contains(message.uid))
            continue;
        for (const QByteArray &flag : flags) {
            if (flag.isEmpty())
                continue;
            if (mode.startsWith('+'))
                message.flags.insert(flag);
            else if (mode.startsWith('-'))
                message.flags.remove(flag);
        }
        if (!mode.endsWith(".SILENT"))
            reply(session, fetchLine(int(i + 1), message, "FLAGS"));
    }
    reply(session, tag + " OK Store completed");
}

void FakeImapServer::expunge(Session *session, const QList<quint32> &uids)
{
    QList<Message> &messages = m_mailboxes[session->selected].messages;
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        if (uids.contains(messages.at(i).uid)) {
            messages.removeAt(i);
            reply(session, "* " + QByteArray::number(i + 1) + " EXPUNGE");
        }
    }
}
