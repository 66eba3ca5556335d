#include "imapexpungetask.h"

ImapExpungeTask::ImapExpungeTask(ImapConnection *connection, const UidSet &uids, QObject *parent)
    : ImapTask(connection, parent)
    , m_uids(uids)
{ }

void ImapExpungeTask::run()
{
    if (m_uids.isEmpty())
        expunge(false);
    else if (connection()->hasCapability("UIDPLUS"))
        expunge(true);
    else
        checkDeleted();
}

void ImapExpungeTask::checkDeleted()
{
    m_state = State::CheckingDeleted;
    ImapCommandBuilder b = builder();
    b.atom("UID").atom("SEARCH").atom("DELETED");
    send(
            b.build(),
            [this](const ImapCommandResult &result) {
                if (!result.isOk()) {
                    m_state = State::Failed;
                    fail(result.error);
                    return;
                }
                if (!m_othersDeleted.isEmpty()) {
                    m_withheld = true;
                    m_state = State::Done;
                    succeed();
                    return;
                }
                expunge(false);
            },
            [this](const ImapResponse &r) {
                if (r.type() != ImapResponse::Type::Search)
                    return false;
                for (quint32 uid : r.search().numbers) {
                    if (!m_uids.contains(uid))
                        m_othersDeleted.add(uid);
                }
                return true;
            });
}

void ImapExpungeTask::expunge(bool byUid)
{
    m_state = State::Expunging;
    const auto done = [this](const ImapCommandResult &result) {
        if (!result.isOk()) {
            m_state = State::Failed;
            fail(result.error);
            return;
        }
        m_state = State::Done;
        succeed();
    };
    const auto collect = [this](const ImapResponse &r) {
        if (r.type() == ImapResponse::Type::Expunge) {
            m_expunged.append(r.number());
            return true;
        }
        if (r.type() == ImapResponse::Type::Vanished) {
            m_vanished.add(r.vanished().uids);
            return true;
        }
        return false;
    };
    if (!byUid) {
        ImapCommandBuilder b = builder();
        b.atom("EXPUNGE");
        ++m_commands;
        send(b.build(), done, collect);
        return;
    }
    m_commands += sendPerPiece(
            m_uids,
            [this](const UidSet &piece) {
                ImapCommandBuilder b = builder();
                b.atom("UID").atom("EXPUNGE").sequenceSet(piece);
                return b.build();
            },
            done, collect);
}
