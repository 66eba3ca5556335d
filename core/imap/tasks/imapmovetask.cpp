#include "imapmovetask.h"

ImapMoveTask::ImapMoveTask(ImapConnection *connection, const UidSet &uids,
                           const QByteArray &destination, QObject *parent)
    : ImapTask(connection, parent)
    , m_uids(uids)
    , m_destination(destination)
{ }

void ImapMoveTask::takeCopyUid(const ImapResponseCode &code)
{
    if (code.kind != ImapResponseCode::Kind::CopyUid)
        return;
    m_destinationUidValidity = quint32(code.number);
    m_mapping += code.uidMapping;
}

bool ImapMoveTask::collect(const ImapResponse &r)
{
    switch (r.type()) {
    case ImapResponse::Type::Status:
        // MOVE reports COPYUID in an untagged OK before the expunges (RFC 6851 4.3).
        if (r.statusResponse().code.kind == ImapResponseCode::Kind::CopyUid) {
            takeCopyUid(r.statusResponse().code);
            return true;
        }
        return false;
    case ImapResponse::Type::Expunge:
        m_expunged.append(r.number());
        return true;
    case ImapResponse::Type::Vanished:
        m_vanished.add(r.vanished().uids);
        return true;
    default:
        return false;
    }
}

bool ImapMoveTask::check(const ImapCommandResult &result)
{
    if (result.isOk())
        return true;
    m_state = State::Failed;
    fail(result.error);
    return false;
}

void ImapMoveTask::run()
{
    if (!connection()->hasCapability("MOVE")) {
        copy();
        return;
    }
    m_state = State::Moving;
    ImapCommandBuilder b = builder();
    b.atom("UID").atom("MOVE").sequenceSet(m_uids).astring(m_destination);
    send(
            b.build(),
            [this](const ImapCommandResult &result) {
                if (!check(result))
                    return;
                takeCopyUid(result.status.code);
                m_state = State::Done;
                succeed();
            },
            [this](const ImapResponse &r) { return collect(r); });
}

void ImapMoveTask::copy()
{
    m_state = State::Copying;
    ImapCommandBuilder b = builder();
    b.atom("UID").atom("COPY").sequenceSet(m_uids).astring(m_destination);
    send(b.build(), [this](const ImapCommandResult &result) {
        if (!check(result))
            return;
        takeCopyUid(result.status.code);
        markDeleted();
    });
}

void ImapMoveTask::markDeleted()
{
    m_state = State::MarkingDeleted;
    ImapCommandBuilder b = builder();
    b.atom("UID").atom("STORE").sequenceSet(m_uids).atom("+FLAGS.SILENT");
    b.beginList().atom("\\Deleted").endList();
    send(b.build(), [this](const ImapCommandResult &result) {
        if (check(result))
            expunge();
    });
}

void ImapMoveTask::expunge()
{
    if (connection()->hasCapability("UIDPLUS")) {
        expungeMarked(true);
        return;
    }
    // A plain EXPUNGE also removes what other clients marked \Deleted: only when nothing but
    // the moved messages is marked.
    m_state = State::CheckingDeleted;
    ImapCommandBuilder b = builder();
    b.atom("UID").atom("SEARCH").atom("DELETED");
    send(
            b.build(),
            [this](const ImapCommandResult &result) {
                if (!check(result))
                    return;
                if (m_othersDeleted) {
                    m_withheld = true;
                    m_state = State::Done;
                    succeed();
                    return;
                }
                expungeMarked(false);
            },
            [this](const ImapResponse &r) {
                if (r.type() != ImapResponse::Type::Search)
                    return false;
                for (quint32 uid : r.search().numbers) {
                    if (!m_uids.contains(uid))
                        m_othersDeleted = true;
                }
                return true;
            });
}

void ImapMoveTask::expungeMarked(bool byUid)
{
    m_state = State::Expunging;
    ImapCommandBuilder b = builder();
    if (byUid)
        b.atom("UID").atom("EXPUNGE").sequenceSet(m_uids);
    else
        b.atom("EXPUNGE");
    send(
            b.build(),
            [this](const ImapCommandResult &result) {
                if (!check(result))
                    return;
                m_state = State::Done;
                succeed();
            },
            [this](const ImapResponse &r) { return collect(r); });
}
