#pragma once

#include "imaptask.h"

#include "imap/parser/imapmailboxlisting.h"
#include "imap/parser/imapmailboxstatus.h"

#include <QHash>
#include <QSet>

// Lists every mailbox with its counters: LIST "" "*" RETURN (SUBSCRIBED SPECIAL-USE STATUS
// (...)) when the server has LIST-STATUS, else LIST followed by one STATUS per selectable
// mailbox (pipelined). Without LIST-EXTENDED, the subscriptions come from LSUB "" "*" and show
// as the Subscribed attribute of the listed mailboxes. Mailbox names in the results are raw
// wire names.
class ImapListTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State { Idle, Listing, ListingSubscribed, FetchingStatus, Done, Failed };

    explicit ImapListTask(ImapConnection *connection, QObject *parent = nullptr);

    // Whether to ask for counters at all (default true).
    void setWantStatus(bool want) { m_wantStatus = want; }

    State state() const { return m_state; }
    const QList<ImapMailboxListing> &mailboxes() const { return m_mailboxes; }
    // Counters by raw mailbox name.
    const QHash<QByteArray, ImapMailboxStatus> &statuses() const { return m_statuses; }

protected:
    void run() override;

private:
    void listSubscribed(bool listStatus);
    void afterListing(bool listStatus);
    void fetchStatuses();
    bool collect(const ImapResponse &response);
    void statusItems(ImapCommandBuilder &b) const;

    State m_state = State::Idle;
    bool m_wantStatus = true;
    int m_statusPending = 0;
    QList<ImapMailboxListing> m_mailboxes;
    QHash<QByteArray, ImapMailboxStatus> m_statuses;
    QSet<QByteArray> m_lsubNames;
};
