#include "imapselecttask.h"

ImapSelectTask::ImapSelectTask(ImapConnection *connection, const QByteArray &mailbox, bool readOnly,
                               QObject *parent)
    : ImapTask(connection, parent)
    , m_mailbox(mailbox)
    , m_readOnly(readOnly)
    , m_resultReadOnly(readOnly)
{ }

void ImapSelectTask::setKnownState(quint32 uidValidity, quint64 highestModSeq,
                                   const UidSet &knownUids)
{
    m_knownUidValidity = uidValidity;
    m_knownModSeq = highestModSeq;
    m_knownUids = knownUids;
}

bool ImapSelectTask::uidValidityChanged() const
{
    return m_knownUidValidity && m_uidValidity != 0 && *m_knownUidValidity != m_uidValidity;
}

bool ImapSelectTask::collect(const ImapResponse &r)
{
    using T = ImapResponse::Type;
    switch (r.type()) {
    case T::Exists:
        m_exists = r.number();
        return true;
    case T::Recent:
        m_recent = r.number();
        return true;
    case T::Flags:
        m_flags = r.atoms();
        return true;
    case T::Vanished:
        m_vanished.add(r.vanished().uids);
        return true;
    case T::Fetch:
        m_changed.append(r.fetch());
        return true;
    case T::Status: {
        const ImapResponseCode &code = r.statusResponse().code;
        using K = ImapResponseCode::Kind;
        switch (code.kind) {
        case K::UidValidity:
            m_uidValidity = quint32(code.number);
            return true;
        case K::UidNext:
            m_uidNext = quint32(code.number);
            return true;
        case K::Unseen:
            m_unseen = quint32(code.number);
            return true;
        case K::HighestModSeq:
            m_highestModSeq = code.number;
            return true;
        case K::NoModSeq:
            m_noModSeq = true;
            return true;
        case K::PermanentFlags:
            m_permanentFlags = code.atoms;
            return true;
        case K::Closed:
            return true;
        default:
            return false;
        }
    }
    default:
        return false;
    }
}

void ImapSelectTask::run()
{
    m_state = State::Selecting;
    ImapConnection *c = connection();
    m_modSeqAdvertised = c->hasCapability("CONDSTORE") || c->hasCapability("QRESYNC");
    ImapCommandBuilder b = builder();
    b.atom(m_readOnly ? "EXAMINE" : "SELECT").astring(m_mailbox);
    if (c->isEnabled("QRESYNC") && m_knownUidValidity && m_knownModSeq > 0) {
        b.beginList().atom("QRESYNC").beginList().number(*m_knownUidValidity).number(m_knownModSeq);
        if (!m_knownUids.isEmpty())
            b.sequenceSet(m_knownUids);
        b.endList().endList();
    } else if (c->isEnabled("CONDSTORE") || c->isEnabled("QRESYNC")) {
        b.beginList().atom("CONDSTORE").endList();
    }
    ImapCommand command = b.build();
    // Responses to later commands must not be read as belonging to the old mailbox.
    command.setBarrier(true);
    c->setSelectedMailbox(QByteArray());
    send(
            command,
            [this](const ImapCommandResult &result) {
                if (!result.isOk()) {
                    m_state = State::Failed;
                    fail(result.error);
                    return;
                }
                const auto kind = result.status.code.kind;
                if (kind == ImapResponseCode::Kind::ReadOnly)
                    m_resultReadOnly = true;
                else if (kind == ImapResponseCode::Kind::ReadWrite)
                    m_resultReadOnly = false;
                if (m_noModSeq)
                    m_highestModSeq = 0;
                // After a UIDVALIDITY change the resync data means nothing.
                if (uidValidityChanged()) {
                    m_vanished = UidSet();
                    m_changed.clear();
                }
                if (connection())
                    connection()->setSelectedMailbox(m_mailbox);
                m_state = State::Done;
                succeed();
            },
            [this](const ImapResponse &r) { return collect(r); });
}
