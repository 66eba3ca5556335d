#include "imapstoretask.h"

ImapStoreTask::ImapStoreTask(ImapConnection *connection, const UidSet &uids, Mode mode,
                             const QList<QByteArray> &flags, QObject *parent)
    : ImapTask(connection, parent)
    , m_uids(uids)
    , m_mode(mode)
    , m_flags(flags)
{ }

void ImapStoreTask::run()
{
    m_state = State::Storing;
    const bool condstore = connection()->isEnabled("CONDSTORE")
                           || connection()->isEnabled("QRESYNC");
    const char *item = m_mode == Mode::Add      ? "+FLAGS.SILENT"
                       : m_mode == Mode::Remove ? "-FLAGS.SILENT"
                                                : "FLAGS.SILENT";
    m_commands = sendPerPiece(
            m_uids,
            [&](const UidSet &piece) {
                ImapCommandBuilder b = builder();
                b.atom("UID").atom("STORE").sequenceSet(piece);
                if (condstore && m_unchangedSince > 0)
                    b.beginList().atom("UNCHANGEDSINCE").number(m_unchangedSince).endList();
                b.atom(item).beginList();
                for (const QByteArray &flag : std::as_const(m_flags))
                    b.atom(flag);
                b.endList();
                ImapCommand command = b.build();
                command.setRedacted("UID STORE " + ImapCommand::shortSet(piece.toString()) + ' '
                                    + item);
                return command;
            },
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
                if (r.type() != ImapResponse::Type::Fetch || !r.fetch().uid
                    || !m_uids.contains(*r.fetch().uid)) {
                    return false;
                }
                m_updates.append(r.fetch());
                return true;
            },
            [this](const ImapCommandResult &result) {
                if (result.status.code.kind == ImapResponseCode::Kind::Modified)
                    m_modified.add(result.status.code.uids);
            });
}
