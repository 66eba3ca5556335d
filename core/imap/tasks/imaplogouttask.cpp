#include "imaplogouttask.h"

ImapLogoutTask::ImapLogoutTask(ImapConnection *connection, QObject *parent)
    : ImapTask(connection, parent)
{ }

void ImapLogoutTask::run()
{
    m_state = State::LoggingOut;
    if (connection()->state() == ImapConnection::State::Disconnected) {
        m_state = State::Done;
        succeed();
        return;
    }
    ImapCommandBuilder b;
    b.atom("LOGOUT");
    ImapCommand command = b.build();
    command.setBarrier(true);
    send(command, [this](const ImapCommandResult &) {
        m_state = State::Done;
        succeed();
    });
}
