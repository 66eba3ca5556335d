#pragma once

#include "imaptask.h"

#include "imap/parser/imapmailboxlisting.h"
#include "imap/parser/imapmailboxstatus.h"

#include <QHash>

// Lists every mailbox with its counters: LIST "" "*" RETURN (SUBSCRIBED SPECIAL-USE STATUS
// (...)) when the server has LIST-STATUS, else LIST followed by one STATUS per selectable
// mailbox (pipelined). Mailbox names in the results are raw wire names.
class ImapListTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State { Idle, Listing, FetchingStatus, Done, Failed };

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
    void fetchStatuses();
    bool collect(const ImapResponse &response);
    void statusItems(ImapCommandBuilder &b) const;

    State m_state = State::Idle;
    bool m_wantStatus = true;
    int m_statusPending = 0;
    QList<ImapMailboxListing> m_mailboxes;
    QHash<QByteArray, ImapMailboxStatus> m_statuses;
};
