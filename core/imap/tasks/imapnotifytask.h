#pragma once

#include "imaptask.h"

// NOTIFY (RFC 5465): asks the server to report changes in every personal mailbox, not only the
// selected one. The selected mailbox keeps its usual responses (EXISTS, EXPUNGE or VANISHED,
// FETCH), delayed to where they are allowed ("selected-delayed", so they never renumber
// messages under a command in progress); every other mailbox is reported as an untagged STATUS
// (new and expunged messages, flag changes), which ImapConnection::mailboxStatusReceived()
// carries. With Mode::None the server stops reporting (NOTIFY NONE).
class ImapNotifyTask : public ImapTask
{
    Q_OBJECT
public:
    enum class Mode { AllPersonal, None };
    enum class State { Idle, Requesting, Done, Failed };

    ImapNotifyTask(ImapConnection *connection, Mode mode, QObject *parent = nullptr);

    State state() const { return m_state; }
    // The command this task sends for mode, without its tag.
    static QByteArray commandText(Mode mode);

protected:
    void run() override;

private:
    Mode m_mode;
    State m_state = State::Idle;
};
