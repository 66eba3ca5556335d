#include "imapstatustask.h"

ImapStatusTask::ImapStatusTask(ImapConnection *connection, const QByteArray &mailbox,
                               QObject *parent)
    : ImapTask(connection, parent)
    , m_mailbox(mailbox)
{ }

void ImapStatusTask::run()
{
    m_state = State::Requesting;
    ImapCommandBuilder b = builder();
    b.atom("STATUS").astring(m_mailbox).beginList().atom("MESSAGES").atom("UNSEEN").atom("UIDNEXT");
    if (connection()->hasCapability("CONDSTORE"))
        b.atom("HIGHESTMODSEQ");
    b.endList();
    send(
            b.build(),
            [this](const ImapCommandResult &result) {
                if (!result.isOk()) {
                    m_state = State::Failed;
                    fail(result.error);
                    return;
                }
                m_state = State::Done;
                succeed();
            },
            [this](ImapResponse &r) {
                if (r.type() != ImapResponse::Type::MailboxStatus
                    || r.mailboxStatus().name != m_mailbox)
                    return false;
                m_status = r.mailboxStatus();
                return true;
            });
}
