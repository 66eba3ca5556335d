#include "imaplisttask.h"

ImapListTask::ImapListTask(ImapConnection *connection, QObject *parent)
    : ImapTask(connection, parent)
{ }

void ImapListTask::statusItems(ImapCommandBuilder &b) const
{
    b.beginList().atom("MESSAGES").atom("UIDNEXT").atom("UIDVALIDITY").atom("UNSEEN");
    // HIGHESTMODSEQ only from a server that advertises CONDSTORE (QRESYNC implies it).
    if (connection()->hasCapability("CONDSTORE") || connection()->hasCapability("QRESYNC"))
        b.atom("HIGHESTMODSEQ");
    b.endList();
}

bool ImapListTask::collect(const ImapResponse &response)
{
    if (response.type() == ImapResponse::Type::List) {
        m_mailboxes.append(response.listing());
        return true;
    }
    if (response.type() == ImapResponse::Type::Lsub) {
        m_lsubNames.insert(response.listing().name);
        return true;
    }
    if (response.type() == ImapResponse::Type::MailboxStatus) {
        m_statuses.insert(response.mailboxStatus().name, response.mailboxStatus());
        return true;
    }
    return false;
}

void ImapListTask::run()
{
    m_state = State::Listing;
    ImapConnection *c = connection();
    const bool extended = c->hasCapability("LIST-EXTENDED");
    const bool listStatus = m_wantStatus && c->hasCapability("LIST-STATUS");
    ImapCommandBuilder b = builder();
    b.atom("LIST").string("").string("*");
    if (extended || listStatus) {
        b.atom("RETURN").beginList();
        if (extended)
            b.atom("SUBSCRIBED");
        if (c->hasCapability("SPECIAL-USE"))
            b.atom("SPECIAL-USE");
        if (listStatus) {
            b.atom("STATUS");
            statusItems(b);
        }
        b.endList();
    }
    send(
            b.build(),
            [this, extended, listStatus](const ImapCommandResult &result) {
                if (!result.isOk()) {
                    m_state = State::Failed;
                    fail(result.error);
                    return;
                }
                if (!extended) {
                    listSubscribed(listStatus);
                    return;
                }
                afterListing(listStatus);
            },
            [this](const ImapResponse &r) { return collect(r); });
}

void ImapListTask::afterListing(bool listStatus)
{
    if (m_wantStatus && !listStatus) {
        fetchStatuses();
        return;
    }
    m_state = State::Done;
    succeed();
}

void ImapListTask::listSubscribed(bool listStatus)
{
    // Without LIST-EXTENDED, RETURN (SUBSCRIBED) is unknown: LSUB tells the subscriptions.
    m_state = State::ListingSubscribed;
    ImapCommandBuilder b = builder();
    b.atom("LSUB").string("").string("*");
    send(
            b.build(),
            [this, listStatus](const ImapCommandResult &result) {
                // A server refusing LSUB still listed its mailboxes: none counts as subscribed.
                if (!result.isOk() && result.error.kind() != MailError::Kind::Protocol) {
                    m_state = State::Failed;
                    fail(result.error);
                    return;
                }
                for (ImapMailboxListing &mailbox : m_mailboxes) {
                    if (m_lsubNames.contains(mailbox.name))
                        mailbox.attributes |= ImapMailboxListing::Subscribed;
                }
                afterListing(listStatus);
            },
            [this](const ImapResponse &r) { return collect(r); });
}

void ImapListTask::fetchStatuses()
{
    m_state = State::FetchingStatus;
    for (const ImapMailboxListing &mailbox : std::as_const(m_mailboxes)) {
        if (!mailbox.isSelectable())
            continue;
        ImapCommandBuilder b = builder();
        b.atom("STATUS").astring(mailbox.name);
        statusItems(b);
        ++m_statusPending;
        send(
                b.build(),
                [this](const ImapCommandResult &result) {
                    // A mailbox that vanished in between is not a failure of the listing.
                    if (!result.isOk() && result.error.kind() != MailError::Kind::Protocol) {
                        m_state = State::Failed;
                        fail(result.error);
                        return;
                    }
                    if (--m_statusPending == 0) {
                        m_state = State::Done;
                        succeed();
                    }
                },
                [this](const ImapResponse &r) {
                    return r.type() == ImapResponse::Type::MailboxStatus && collect(r);
                });
    }
    if (m_statusPending == 0) {
        m_state = State::Done;
        succeed();
    }
}
