#include "imapfetchmetadatatask.h"

#include <memory>

ImapFetchMetadataTask::ImapFetchMetadataTask(ImapConnection *connection, const UidSet &uids,
                                             QObject *parent)
    : ImapTask(connection, parent)
    , m_uids(uids)
{ }

void ImapFetchMetadataTask::run()
{
    m_state = State::Fetching;
    const bool modseq = connection()->isEnabled("CONDSTORE") || connection()->isEnabled("QRESYNC");
    const QList<UidSet> batches = m_uids.split(m_batchSize);
    m_batchCount = int(batches.size());
    if (batches.isEmpty()) {
        m_state = State::Done;
        succeed();
        return;
    }
    for (const UidSet &batch : batches) {
        ImapCommandBuilder b = builder();
        b.atom("UID").atom("FETCH").sequenceSet(batch).beginList().atom("UID").atom("FLAGS");
        if (!m_flagsOnly) {
            b.atom("INTERNALDATE").atom("RFC822.SIZE").atom("ENVELOPE").atom("BODYSTRUCTURE");
        }
        if (modseq)
            b.atom("MODSEQ");
        b.endList();
        if (modseq && m_changedSince > 0)
            b.beginList().atom("CHANGEDSINCE").number(m_changedSince).endList();
        auto collected = std::make_shared<QList<ImapFetch>>();
        ++m_pending;
        send(
                b.build(),
                [this, collected](const ImapCommandResult &result) {
                    if (!result.isOk()) {
                        m_state = State::Failed;
                        fail(result.error);
                        return;
                    }
                    if (isFinished())
                        return;
                    if (m_keep)
                        m_messages += *collected;
                    const QList<ImapFetch> batchResult = *collected;
                    QMetaObject::invokeMethod(
                            this, [this, batchResult] { Q_EMIT batchFetched(batchResult); },
                            Qt::QueuedConnection);
                    if (--m_pending == 0) {
                        m_state = State::Done;
                        succeed();
                    }
                },
                [collected, batch](const ImapResponse &r) {
                    // Only the messages this batch asked for; other FETCH lines are updates.
                    if (r.type() != ImapResponse::Type::Fetch || !r.fetch().uid
                        || !batch.contains(*r.fetch().uid)) {
                        return false;
                    }
                    collected->append(r.fetch());
                    return true;
                });
    }
}
