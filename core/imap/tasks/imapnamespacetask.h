#pragma once

#include "imaptask.h"

#include "imap/parser/imapnamespace.h"

// NAMESPACE (RFC 2342). Without the capability the result is one personal name space with an
// empty prefix and the delimiter reported by LIST "" "".
class ImapNamespaceTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State { Idle, Requesting, Done, Failed };

    explicit ImapNamespaceTask(ImapConnection *connection, QObject *parent = nullptr);

    State state() const { return m_state; }
    const ImapNamespace &namespaces() const { return m_namespaces; }

protected:
    void run() override;

private:
    State m_state = State::Idle;
    ImapNamespace m_namespaces;
};
