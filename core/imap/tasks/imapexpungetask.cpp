#include "imapexpungetask.h"

ImapExpungeTask::ImapExpungeTask(ImapConnection *connection, const UidSet &uids, QObject *parent)
    : ImapTask(connection, parent)
    , m_uids(uids)
{ }

void ImapExpungeTask::run()
{
    m_state = State::Expunging;
    ImapCommandBuilder b = builder();
    if (!m_uids.isEmpty() && connection()->hasCapability("UIDPLUS"))
        b.atom("UID").atom("EXPUNGE").sequenceSet(m_uids);
    else
        b.atom("EXPUNGE");
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
            [this](const ImapResponse &r) {
                if (r.type() == ImapResponse::Type::Expunge) {
                    m_expunged.append(r.number());
                    return true;
                }
                if (r.type() == ImapResponse::Type::Vanished) {
                    m_vanished.add(r.vanished().uids);
                    return true;
                }
                return false;
            });
}
