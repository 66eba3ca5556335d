#include "smtptransaction.h"

#include "common/logging.h"
#include "net/transport.h"
#include "smtp/smtpmessagesource.h"

#include <QCoreApplication>

namespace {

constexpr qint64 ReadChunk = 64 * 1024;
constexpr qint64 HighWater = 256 * 1024;
constexpr qint64 BdatChunk = 1024 * 1024;

bool isAscii(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

} // namespace

using Stage = SmtpSubmission::Stage;
using Delivery = SmtpSubmission::Delivery;
using Kind = MailError::Kind;

SmtpTransaction::SmtpTransaction(Transport *transport, const SmtpCapabilities &caps,
                                 const SmtpEnvelope &envelope, SmtpMessageSource *source,
                                 QList<SmtpRecipientResult> *recipients)
    : m_transport(transport)
    , m_caps(caps)
    , m_envelope(envelope)
    , m_source(source)
    , m_recipients(recipients)
{
    // Non-ASCII in an address or in the header section needs SMTPUTF8 (RFC 6531/6532).
    m_needsUtf8 = m_source->hasNonAsciiHeaders() || !isAscii(envelope.from);
    for (const QString &r : envelope.recipients)
        m_needsUtf8 = m_needsUtf8 || !isAscii(r);
}

SmtpTransaction::Outcome SmtpTransaction::failure(Kind kind, const QString &message, Stage stage,
                                                  const SmtpReply &reply)
{
    Outcome outcome;
    outcome.kind = Outcome::Kind::Failed;
    outcome.error = MailError(kind, message, reply.isValid() ? reply.toString() : QString());
    outcome.stage = stage;
    outcome.reply = reply;
    return outcome;
}

SmtpTransaction::Outcome SmtpTransaction::refusal(const MailError &error, Stage stage)
{
    Outcome outcome;
    outcome.kind = Outcome::Kind::Failed;
    outcome.error = error;
    outcome.stage = stage;
    return outcome;
}

void SmtpTransaction::send(const QByteArray &line, int replies)
{
    qCDebug(lcSmtp) << "C:" << line;
    m_outstanding += replies;
    m_transport->write(line + "\r\n");
}

QByteArray SmtpTransaction::mailFromCommand() const
{
    QByteArray line = "MAIL FROM:<" + m_envelope.from.toUtf8() + '>';
    if (m_caps.supportsSize() && m_source->size() >= 0)
        line += " SIZE=" + QByteArray::number(m_source->size());
    if (m_source->hasEightBit() && m_caps.supports8BitMime())
        line += " BODY=8BITMIME";
    if (m_needsUtf8)
        line += " SMTPUTF8";
    return line;
}

QByteArray SmtpTransaction::rcptCommand(qsizetype index) const
{
    return "RCPT TO:<" + m_envelope.recipients.at(index).toUtf8() + '>';
}

QStringList SmtpTransaction::refused() const
{
    QStringList list;
    for (const SmtpRecipientResult &r : std::as_const(*m_recipients)) {
        if (r.reply.isValid() && !r.isAccepted())
            list.append(r.address);
    }
    return list;
}

SmtpTransaction::Outcome SmtpTransaction::start()
{
    if (m_envelope.recipients.isEmpty())
        return failure(Kind::Policy,
                       QCoreApplication::translate("SmtpTransaction",
                                                   "The message has no recipient"),
                       Stage::RcptTo);
    // Every address goes on the wire as it is: one that could end its command is refused
    // before anything is sent, whatever the caller checked.
    if (!SmtpEnvelope::isSafeAddress(m_envelope.from))
        return refusal(SmtpEnvelope::unsafeAddressError(m_envelope.from), Stage::MailFrom);
    for (const QString &recipient : std::as_const(m_envelope.recipients)) {
        if (!SmtpEnvelope::isSafeAddress(recipient))
            return refusal(SmtpEnvelope::unsafeAddressError(recipient), Stage::RcptTo);
    }
    if (m_needsUtf8 && !m_caps.supportsSmtpUtf8()) {
        return failure(Kind::Policy,
                       QCoreApplication::translate(
                               "SmtpTransaction",
                               "The server does not accept internationalized addresses or "
                               "headers (no SMTPUTF8)"),
                       Stage::MailFrom);
    }
    // A sequential source counts as 8-bit without being looked at: only declared, never refused.
    if (m_source->hasEightBit() && m_source->size() >= 0 && !m_caps.supports8BitMime()) {
        return failure(
                Kind::Policy,
                QCoreApplication::translate("SmtpTransaction",
                                            "The message holds 8-bit data and the server does not "
                                            "accept it (no 8BITMIME)"),
                Stage::MailFrom);
    }
    const qint64 limit = m_caps.sizeLimit();
    if (limit > 0 && m_source->size() > limit) {
        return failure(Kind::Limit,
                       QCoreApplication::translate(
                               "SmtpTransaction",
                               "The message (%1 bytes) is larger than the server accepts "
                               "(%2 bytes)")
                               .arg(m_source->size())
                               .arg(limit),
                       Stage::MailFrom);
    }
    const bool chunking = m_caps.supportsChunking();
    m_pipelined = m_caps.supportsPipelining();
    m_expected = {Expect::Mail};
    for (qsizetype i = 0; i < m_envelope.recipients.size(); ++i)
        m_expected.append(Expect::Rcpt);
    if (!chunking)
        m_expected.append(Expect::Data);
    m_step = Step::MailFrom;
    if (!m_pipelined) {
        send(mailFromCommand());
        return {};
    }
    // RFC 2920: MAIL, every RCPT and DATA leave in one write; the replies come back in order.
    QByteArray batch = mailFromCommand();
    for (qsizetype i = 0; i < m_envelope.recipients.size(); ++i)
        batch += "\r\n" + rcptCommand(i);
    if (!chunking)
        batch += "\r\nDATA";
    send(batch, int(m_expected.size()));
    return {};
}

SmtpTransaction::Outcome SmtpTransaction::handleReply(const SmtpReply &reply)
{
    takeOutstandingReply();
    if (m_step == Step::DataBody || m_step == Step::Bdat)
        return endOfMessage(reply);
    if (m_expected.isEmpty())
        return {};
    switch (m_expected.takeFirst()) {
    case Expect::Mail:
        if (!reply.isPositive()) {
            const bool tooBig = reply.code() == 552 || reply.enhancedCode() == "5.3.4";
            return failure(tooBig ? Kind::Limit : Kind::Protocol,
                           QCoreApplication::translate("SmtpTransaction",
                                                       "The server refused the sender"),
                           Stage::MailFrom, reply);
        }
        m_step = Step::RcptTo;
        if (!m_pipelined)
            send(rcptCommand(0));
        return {};
    case Expect::Rcpt:
        (*m_recipients)[m_rcptIndex].reply = reply;
        if (reply.isPositive())
            ++m_accepted;
        ++m_rcptIndex;
        if (m_rcptIndex < m_envelope.recipients.size()) {
            if (!m_pipelined)
                send(rcptCommand(m_rcptIndex));
            return {};
        }
        return afterRecipients();
    case Expect::Data:
        if (reply.code() != 354) {
            if (m_accepted == 0)
                return afterRecipients(); // reports the refused recipients
            return failure(Kind::Protocol,
                           QCoreApplication::translate("SmtpTransaction",
                                                       "The server refused DATA"),
                           Stage::Data, reply);
        }
        if (m_accepted == 0) {
            // RFC 2920 3.1: DATA was accepted with no valid recipient: end it empty.
            m_abortingData = true;
            m_step = Step::DataBody;
            send(".");
            return {};
        }
        startBody();
        return {};
    }
    return {};
}

SmtpTransaction::Outcome SmtpTransaction::afterRecipients()
{
    if (m_accepted == 0) {
        if (m_pipelined && !m_expected.isEmpty()) {
            m_step = Step::Data; // the DATA reply is still due; it decides how this ends
            return {};
        }
        const SmtpReply last = m_recipients->constLast().reply;
        return failure(Kind::Protocol,
                       QCoreApplication::translate("SmtpTransaction",
                                                   "The server refused every recipient: %1")
                               .arg(refused().join(QStringLiteral(", "))),
                       Stage::RcptTo, last);
    }
    if (m_caps.supportsChunking()) {
        startBody();
        return {};
    }
    m_step = Step::Data;
    if (!m_pipelined)
        send("DATA");
    return {};
}

void SmtpTransaction::startBody()
{
    if (m_caps.supportsChunking()) {
        m_source->begin(SmtpDataEncoder::Mode::Bdat);
        m_step = Step::Bdat;
        sendNextChunk();
        return;
    }
    m_source->begin(SmtpDataEncoder::Mode::Data);
    m_step = Step::DataBody;
    m_outstanding += 1; // the reply to the final dot
    pump();
}

void SmtpTransaction::pump()
{
    if (m_step != Step::DataBody || m_bodyDone || m_abortingData)
        return;
    while (!m_bodyDone && m_transport->bytesToWrite() < HighWater) {
        QByteArray out;
        m_bodyDone = m_source->readEncoded(ReadChunk, out);
        if (!out.isEmpty())
            m_transport->write(out);
    }
}

void SmtpTransaction::sendNextChunk()
{
    QByteArray out;
    const bool last = m_source->readEncoded(BdatChunk, out);
    QByteArray command = "BDAT " + QByteArray::number(out.size());
    if (last)
        command += " LAST";
    send(command);
    m_transport->write(out);
    m_bodyDone = last;
}

SmtpTransaction::Outcome SmtpTransaction::endOfMessage(const SmtpReply &reply)
{
    if (m_abortingData) {
        m_abortingData = false;
        m_step = Step::Data;
        return afterRecipients(); // no recipient and nothing due: reports the refusal
    }
    if (!reply.isPositive()) {
        return failure(Kind::Protocol,
                       QCoreApplication::translate("SmtpTransaction",
                                                   "The server refused the message"),
                       Stage::Message, reply);
    }
    if (m_step == Step::Bdat && !m_bodyDone) {
        sendNextChunk();
        return {};
    }
    if (!m_bodyDone)
        return {}; // a reply before the end of DATA is out of order; the final one decides
    Outcome outcome;
    outcome.kind = Outcome::Kind::Completed;
    outcome.delivery = Delivery::Accepted;
    const QStringList refusedList = refused();
    if (!refusedList.isEmpty()) {
        outcome.error = MailError(
                Kind::Protocol,
                QCoreApplication::translate("SmtpTransaction",
                                            "Sent, but the server refused some recipients: %1")
                        .arg(refusedList.join(QStringLiteral(", "))));
        outcome.stage = Stage::RcptTo;
    }
    return outcome;
}
