#include "imapappendtask.h"

ImapAppendTask::ImapAppendTask(ImapConnection *connection, const QByteArray &mailbox,
                               const QByteArray &message, QObject *parent)
    : ImapTask(connection, parent)
    , m_mailbox(mailbox)
    , m_message(MessageSource::fromBytes(message))
{ }

ImapAppendTask::ImapAppendTask(ImapConnection *connection, const QByteArray &mailbox,
                               const MessageSource &message, QObject *parent)
    : ImapTask(connection, parent)
    , m_mailbox(mailbox)
    , m_message(message)
{ }

QByteArray ImapAppendTask::formatDate(const QDateTime &date)
{
    // date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int offset = date.offsetFromUtc();
    const int absOffset = offset < 0 ? -offset : offset;
    const QDate d = date.date();
    const QTime t = date.time();
    QByteArray out = QByteArray::number(d.day()).rightJustified(2, ' ') + '-'
                     + months[d.month() - 1] + '-' + QByteArray::number(d.year()) + ' '
                     + QByteArray::number(t.hour()).rightJustified(2, '0') + ':'
                     + QByteArray::number(t.minute()).rightJustified(2, '0') + ':'
                     + QByteArray::number(t.second()).rightJustified(2, '0') + ' '
                     + (offset < 0 ? '-' : '+')
                     + QByteArray::number(absOffset / 3600).rightJustified(2, '0')
                     + QByteArray::number(absOffset % 3600 / 60).rightJustified(2, '0');
    return out;
}

void ImapAppendTask::run()
{
    m_state = State::Appending;
    ImapCommandBuilder b = builder();
    b.atom("APPEND").astring(m_mailbox);
    if (!m_flags.isEmpty()) {
        b.beginList();
        for (const QByteArray &flag : std::as_const(m_flags))
            b.atom(flag);
        b.endList();
    }
    if (m_date.isValid())
        b.atom(ImapCommandBuilder::quoted(formatDate(m_date)));
    qint64 size = m_prefix.size();
    if (m_message.isFile()) {
        // A message Heron wrote (the outbox's): 7bit or 8bit lines, no NUL.
        size += m_message.size();
        b.fileLiteral(m_prefix, m_message.filePath(), m_message.size());
    } else {
        const QByteArray bytes = m_prefix.isEmpty() ? m_message.readAll()
                                                    : m_prefix + m_message.readAll();
        size = bytes.size();
        b.literal(bytes, bytes.contains('\0') && connection()->hasCapability("BINARY"));
    }
    ImapCommand command = b.build();
    command.setRedacted("APPEND " + m_mailbox + " <" + QByteArray::number(size) + " bytes>");
    send(command, [this](const ImapCommandResult &result) {
        if (!result.isOk()) {
            m_tryCreate = result.status.code.kind == ImapResponseCode::Kind::TryCreate;
            m_state = State::Failed;
            fail(result.error);
            return;
        }
        if (result.status.code.kind == ImapResponseCode::Kind::AppendUid) {
            m_uidValidity = quint32(result.status.code.number);
            m_uid = result.status.code.uids.first();
        }
        m_state = State::Done;
        succeed();
    });
}
