#pragma once

#include "imaptask.h"

// LOGOUT: the server says BYE and OK, the connection closes without reporting a failure. A link
// that drops during the logout still counts as logged out.
class ImapLogoutTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State { Idle, LoggingOut, Done };

    explicit ImapLogoutTask(ImapConnection *connection, QObject *parent = nullptr);

    State state() const { return m_state; }

protected:
    void run() override;

private:
    State m_state = State::Idle;
};
