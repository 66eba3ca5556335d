#include "imapfetchparttask.h"

ImapFetchPartTask::ImapFetchPartTask(ImapConnection *connection, quint32 uid,
                                     const QByteArray &section, QObject *parent)
    : ImapTask(connection, parent)
    , m_uid(uid)
    , m_section(section)
{ }

void ImapFetchPartTask::setRange(qint64 offset, qint64 length)
{
    m_offset = offset;
    m_length = length;
}

void ImapFetchPartTask::run()
{
    m_state = State::Fetching;
    // A SELECT clears the selected mailbox when it is sent, so what is selected now is where
    // this command will run.
    if (!m_mailbox.isEmpty() && connection()->selectedMailbox() != m_mailbox) {
        m_state = State::Failed;
        fail(MailError(MailError::Kind::Protocol,
                       tr("The message's folder is not the one selected on the connection")));
        return;
    }
    // BINARY only applies to leaf parts (numbers), not HEADER/TEXT/MIME.
    bool numeric = !m_section.isEmpty();
    for (char c : std::as_const(m_section))
        numeric = numeric && ((c >= '0' && c <= '9') || c == '.');
    m_binary = m_preferBinary && numeric && connection()->hasCapability("BINARY");
    QByteArray item = (m_binary ? "BINARY.PEEK[" : "BODY.PEEK[") + m_section + ']';
    if (m_offset >= 0 && m_length > 0)
        item += '<' + QByteArray::number(m_offset) + '.' + QByteArray::number(m_length) + '>';
    ImapCommandBuilder b = builder();
    b.atom("UID").atom("FETCH").number(m_uid).beginList().atom("UID").raw(item).endList();
    ImapCommand command = b.build();
    // The protocol trace names the section fetched; nothing in it is secret.
    command.setRedacted("UID FETCH " + QByteArray::number(m_uid) + " (UID " + item + ')');
    send(
            command,
            [this](const ImapCommandResult &result) {
                if (!result.isOk()) {
                    m_state = State::Failed;
                    m_refused = result.error.kind() == MailError::Kind::Protocol;
                    fail(result.error);
                    return;
                }
                if (!m_received || m_missing) {
                    // Nothing to cache: the message is gone, or the part is.
                    m_state = State::Failed;
                    m_missing = true;
                    m_data.clear();
                    m_spool = SpoolFile();
                    fail(MailError(MailError::Kind::Protocol,
                                   m_received ? tr("Part %1 of the message is not on the server")
                                                        .arg(QString::fromLatin1(m_section))
                                              : tr("The server sent nothing for part %1 of the"
                                                   " message; it may have been deleted")
                                                        .arg(QString::fromLatin1(m_section))));
                    return;
                }
                m_state = State::Done;
                succeed();
            },
            [this](const ImapResponse &r) {
                // The first answer with the section is this command's; a second one belongs to
                // a later command asking for the same.
                if (m_received || r.type() != ImapResponse::Type::Fetch || r.fetch().uid != m_uid)
                    return false;
                const ImapFetchSection *s = r.fetch().section(m_section, m_binary);
                if (!s)
                    return false; // e.g. a flag update for the same message
                m_received = true;
                m_missing = s->isNil;
                m_data = s->data;
                m_spool = s->spool;
                return true;
            });
}
