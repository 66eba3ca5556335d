#include "imapnamespacetask.h"

ImapNamespaceTask::ImapNamespaceTask(ImapConnection *connection, QObject *parent)
    : ImapTask(connection, parent)
{ }

void ImapNamespaceTask::run()
{
    m_state = State::Requesting;
    const bool hasNamespace = connection()->hasCapability("NAMESPACE");
    ImapCommandBuilder b = builder();
    if (hasNamespace)
        b.atom("NAMESPACE");
    else
        b.atom("LIST").string("").string("");
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
            [this, hasNamespace](const ImapResponse &r) {
                if (hasNamespace && r.type() == ImapResponse::Type::Namespace) {
                    m_namespaces = r.namespaces();
                    return true;
                }
                if (!hasNamespace && r.type() == ImapResponse::Type::List) {
                    m_namespaces.personal = {{QByteArray(""), r.listing().delimiter}};
                    return true;
                }
                return false;
            });
}
