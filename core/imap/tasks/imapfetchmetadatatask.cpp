#include "imapfetchmetadatatask.h"

#include <memory>
#include <utility>

namespace {

// A response to the request, as opposed to a flag change pushed by the server.
bool answers(const ImapFetch &fetch, ImapFetchMetadataTask::Items items)
{
    switch (items) {
    case ImapFetchMetadataTask::Items::Flags:
        return fetch.flags.has_value();
    case ImapFetchMetadataTask::Items::Size:
        return fetch.size.has_value();
    default:
        return fetch.envelope.has_value() || fetch.bodyStructure.has_value();
    }
}

void applyFlagUpdate(QList<ImapFetch> *collected, const ImapFetch &update)
{
    for (auto it = collected->rbegin(); it != collected->rend(); ++it) {
        if (it->uid == update.uid) {
            it->flags = update.flags;
            if (update.modSeq)
                it->modSeq = update.modSeq;
            return;
        }
    }
}

} // namespace

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
        if (!m_sequenceNumbers)
            b.atom("UID");
        b.atom("FETCH").sequenceSet(batch).beginList().atom("UID");
        if (m_items == Items::Size) {
            b.atom("RFC822.SIZE");
        } else {
            b.atom("FLAGS");
        }
        if (m_items == Items::Metadata || m_items == Items::MetadataWithoutSize) {
            b.atom("INTERNALDATE");
            if (m_items == Items::Metadata)
                b.atom("RFC822.SIZE");
            // References is not in ENVELOPE; threads need it.
            b.atom("ENVELOPE").atom("BODYSTRUCTURE").raw("BODY.PEEK[HEADER.FIELDS (REFERENCES)]");
        }
        if (modseq && m_items != Items::Size)
            b.atom("MODSEQ");
        b.endList();
        if (modseq && m_changedSince > 0)
            b.beginList().atom("CHANGEDSINCE").number(m_changedSince).endList();
        auto collected = std::make_shared<QList<ImapFetch>>();
        if (!m_sink)
            collected->reserve(qsizetype(qMin<quint64>(batch.count(), 10000)));
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
                    const QList<ImapFetch> batchResult = std::exchange(*collected, {});
                    QMetaObject::invokeMethod(
                            this, [this, batchResult] { Q_EMIT batchFetched(batchResult); },
                            Qt::QueuedConnection);
                    Q_EMIT batchAnswered();
                    if (--m_pending == 0) {
                        m_state = State::Done;
                        succeed();
                    }
                },
                [this, collected, batch, items = m_items,
                 bySequence = m_sequenceNumbers](ImapResponse &r) {
                    if (r.type() != ImapResponse::Type::Fetch)
                        return false;
                    const ImapFetch &f = r.fetch();
                    if (!f.uid || !batch.contains(bySequence ? f.sequence : *f.uid))
                        return false;
                    if (answers(f, items)) {
                        // Taken: nothing reads r after.
                        if (m_sink)
                            m_sink(r.takeFetch());
                        else
                            collected->append(r.takeFetch());
                        return true;
                    }
                    // A flag change the server pushed for a message of this batch: it goes to
                    // the connection's unsolicited FETCH signal, and the copy already collected
                    // takes the new flags so that storing the batch later does not undo them.
                    if (f.flags)
                        applyFlagUpdate(collected.get(), f);
                    return false;
                });
    }
}
