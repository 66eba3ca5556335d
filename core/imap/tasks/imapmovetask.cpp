#include "imapmovetask.h"

#include "imapexpungetask.h"

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
    // Only the UIDs moved, each at most once in all: a server that names others, or repeats
    // itself, does not make the mapping grow past the move.
    const qsizetype most = qsizetype(qMin<quint64>(m_uids.count(), quint64(1) << 20));
    m_mapping += code.uidMapping.pairsFor(m_uids, most - m_mapping.size());
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
    m_commands += sendPerPiece(
            m_uids,
            [this](const UidSet &piece) {
                ImapCommandBuilder b = builder();
                b.atom("UID").atom("MOVE").sequenceSet(piece).astring(m_destination);
                ImapCommand command = b.build();
                command.setRedacted("UID MOVE " + ImapCommand::shortSet(piece.toString()));
                return command;
            },
            [this](const ImapCommandResult &result) {
                if (!check(result))
                    return;
                m_state = State::Done;
                succeed();
            },
            [this](const ImapResponse &r) { return collect(r); },
            [this](const ImapCommandResult &result) { takeCopyUid(result.status.code); });
}

void ImapMoveTask::copy()
{
    m_state = State::Copying;
    m_commands += sendPerPiece(
            m_uids,
            [this](const UidSet &piece) {
                ImapCommandBuilder b = builder();
                b.atom("UID").atom("COPY").sequenceSet(piece).astring(m_destination);
                return b.build();
            },
            [this](const ImapCommandResult &result) {
                if (check(result))
                    markDeleted();
            },
            {}, [this](const ImapCommandResult &result) { takeCopyUid(result.status.code); });
}

void ImapMoveTask::markDeleted()
{
    m_state = State::MarkingDeleted;
    m_commands += sendPerPiece(
            m_uids,
            [this](const UidSet &piece) {
                ImapCommandBuilder b = builder();
                b.atom("UID").atom("STORE").sequenceSet(piece).atom("+FLAGS.SILENT");
                b.beginList().atom("\\Deleted").endList();
                return b.build();
            },
            [this](const ImapCommandResult &result) {
                if (check(result))
                    expunge();
            });
}

void ImapMoveTask::expunge()
{
    m_state = State::Expunging;
    auto *task = new ImapExpungeTask(connection(), m_uids, this);
    connect(task, &ImapTask::finished, this, [this, task] {
        task->deleteLater();
        if (task->error()) {
            m_state = State::Failed;
            fail(task->error());
            return;
        }
        m_expunged += task->expunged();
        m_vanished.add(task->vanished());
        m_withheld = task->withheld();
        m_othersDeleted = task->othersDeleted();
        m_commands += task->commandCount();
        m_state = State::Done;
        succeed();
    });
    task->start();
}
