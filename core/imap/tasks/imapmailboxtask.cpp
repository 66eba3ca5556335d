#include "imapmailboxtask.h"

ImapMailboxTask::ImapMailboxTask(ImapConnection *connection, Operation operation,
                                 const QByteArray &mailbox, const QByteArray &newName,
                                 QObject *parent)
    : ImapTask(connection, parent)
    , m_operation(operation)
    , m_mailbox(mailbox)
    , m_newName(newName)
{ }

void ImapMailboxTask::run()
{
    m_state = State::Running;
    static const char *const verbs[] = {"CREATE",    "DELETE",      "RENAME",
                                        "SUBSCRIBE", "UNSUBSCRIBE", "UNSELECT"};
    ImapCommandBuilder b = builder();
    b.atom(verbs[int(m_operation)]);
    if (m_operation == Operation::Unselect)
        connection()->setSelectedMailbox(QByteArray());
    else
        b.astring(m_mailbox);
    if (m_operation == Operation::Rename)
        b.astring(m_newName);
    // Deleting or renaming the selected mailbox leaves nothing selected.
    if ((m_operation == Operation::Delete || m_operation == Operation::Rename)
        && connection()->selectedMailbox() == m_mailbox) {
        connection()->setSelectedMailbox(QByteArray());
    }
    send(b.build(), [this](const ImapCommandResult &result) {
        const bool exists = m_operation == Operation::Create
                            && result.status.code.kind == ImapResponseCode::Kind::AlreadyExists;
        if (!result.isOk() && !exists) {
            m_state = State::Failed;
            fail(result.error);
            return;
        }
        m_state = State::Done;
        succeed();
    });
}
