#include "imapnotifytask.h"

#include <QCoreApplication>

ImapNotifyTask::ImapNotifyTask(ImapConnection *connection, Mode mode, QObject *parent)
    : ImapTask(connection, parent)
    , m_mode(mode)
{ }

QByteArray ImapNotifyTask::commandText(Mode mode)
{
    if (mode == Mode::None)
        return QByteArrayLiteral("NOTIFY NONE");
    // FlagChange needs MessageNew and MessageExpunge beside it (RFC 5465 5.4).
    return QByteArrayLiteral("NOTIFY SET (selected-delayed (MessageNew MessageExpunge FlagChange)) "
                             "(personal (MessageNew MessageExpunge FlagChange))");
}

void ImapNotifyTask::run()
{
    if (!connection()->hasCapability("NOTIFY")) {
        m_state = State::Failed;
        fail(MailError(MailError::Kind::Protocol,
                       QCoreApplication::translate("ImapNotifyTask",
                                                   "The server does not offer NOTIFY")));
        return;
    }
    m_state = State::Requesting;
    ImapCommandBuilder b = builder();
    b.raw(commandText(m_mode));
    send(b.build(), [this](const ImapCommandResult &result) {
        if (!result.isOk()) {
            m_state = State::Failed;
            fail(result.error);
            return;
        }
        m_state = State::Done;
        succeed();
    });
}
