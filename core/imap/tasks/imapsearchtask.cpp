#include "imapsearchtask.h"

ImapSearchTask::ImapSearchTask(ImapConnection *connection, const QByteArray &criteria,
                               QObject *parent)
    : ImapTask(connection, parent)
    , m_criteria(criteria)
{ }

ImapSearchTask::ImapSearchTask(ImapConnection *connection, CriteriaWriter criteria, QObject *parent)
    : ImapTask(connection, parent)
    , m_writer(std::move(criteria))
{ }

void ImapSearchTask::run()
{
    m_state = State::Searching;
    m_esearch = connection()->hasCapability("ESEARCH");
    ImapCommandBuilder b = builder();
    b.atom("UID").atom("SEARCH");
    if (m_esearch)
        b.atom("RETURN").beginList().atom("ALL").endList();
    if (m_writer)
        m_writer(b);
    else
        b.raw(m_criteria.isEmpty() ? QByteArray("ALL") : m_criteria);
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
                if (r.type() == ImapResponse::Type::ESearch) {
                    m_uids.add(r.esearch().all);
                    m_modSeq = r.esearch().modSeq.value_or(m_modSeq);
                    return true;
                }
                if (r.type() == ImapResponse::Type::Search) {
                    m_uids.add(UidSet::fromList(r.search().numbers));
                    m_modSeq = r.search().modSeq.value_or(m_modSeq);
                    return true;
                }
                return false;
            });
}
