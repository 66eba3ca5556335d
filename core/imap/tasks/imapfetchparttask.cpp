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
                    fail(result.error);
                    return;
                }
                m_state = State::Done;
                succeed();
            },
            [this](const ImapResponse &r) {
                if (r.type() != ImapResponse::Type::Fetch || r.fetch().uid != m_uid)
                    return false;
                const ImapFetchSection *s = r.fetch().section(m_section, m_binary);
                if (!s)
                    return false; // e.g. a flag update for the same message
                m_missing = s->isNil;
                m_data = s->data;
                return true;
            });
}
