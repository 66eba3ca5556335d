#pragma once

#include "faketransport.h"
#include "mime/outgoingmessage.h"
#include "outbox/messagesender.h"
#include "outbox/outboxstore.h"
#include "scriptedserver.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <vector>

using Script = QList<QByteArray>;

namespace SenderScripts {

inline const QByteArray MessagePlaceholder = "C: <message>";

inline const Script Greeting {"S: 220 mail.example.org ESMTP", "C: EHLO heron.test",
                              "S: 250-mail.example.org", "S: 250 AUTH PLAIN"};
inline const Script Auth {"C: AUTH PLAIN AGFsaWNlAHNlY3JldA==",
                          "S: 235 2.7.0 Authentication successful"};
inline const Script Mail {"C: MAIL FROM:<alice@example.org>", "S: 250 2.1.0 Ok"};
inline const Script Quit {"C: QUIT", "S: 221 2.0.0 Bye", "C: <close>"};

inline Script rcpt(const QByteArray &address, const QByteArray &reply = "250 2.1.5 Ok")
{
    return {"C: RCPT TO:<" + address + ">", "S: " + reply};
}

// DATA, the message as stored in the outbox, and the reply to the final dot.
inline Script data(const QByteArray &reply = "250 2.0.0 Ok: queued as 42")
{
    return {"C: DATA", "S: 354 End data with <CR><LF>.<CR><LF>", MessagePlaceholder, "C: .",
            "S: " + reply};
}

// A whole successful session to bob.
inline Script accepted()
{
    return Greeting + Auth + Mail + rcpt("bob@example.org") + data() + Quit;
}

inline OutgoingMessage message(const QString &subject = QStringLiteral("Hello"))
{
    OutgoingMessage m;
    m.from = {QStringLiteral("Alice"), QStringLiteral("alice@example.org")};
    m.to = {{QStringLiteral("Bob"), QStringLiteral("bob@example.org")}};
    m.subject = subject;
    m.plainBody = QStringLiteral("Hi Bob,\n.a line with a leading dot\nbye\n");
    return m;
}

} // namespace SenderScripts

// The fixture of the MessageSender tests: an outbox in a temporary folder, a sender over it, and
// one FakeTransport with its ScriptedServer per connection the sender opens, playing the
// scripts in order. A script line "C: <message>" stands for the bytes of the message being sent.
class SenderHarness : public QObject
{
    Q_OBJECT

protected:
    void setUp();
    void tearDown();
    void createSender();
    std::unique_ptr<Transport> createTransport();
    // Expands the message placeholder with the stored bytes of the message being sent.
    Script expand(const Script &script);
    ScriptedServer *server(int index) const { return m_servers.at(size_t(index)).get(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<OutboxStore> m_store;
    std::unique_ptr<MessageSender> m_sender;
    QList<Script> m_scripts; // one per connection, in order
    std::vector<std::unique_ptr<ScriptedServer>> m_servers;
    QList<QPointer<FakeTransport>> m_transports;
    QList<QByteArray> m_sentBytes; // what each session carried after DATA
    // What each sent() handed over, read from its file while it was delivered, and the file.
    QList<QByteArray> m_deliveredBytes;
    QStringList m_deliveredFiles;
    bool m_manualConnect = false; // connections hang until the test completes them
    bool m_noTransport = false; // the factory yields nothing
    std::function<void(FakeTransport *)> m_configureTransport; // applied to each new transport
    bool m_holdSettings = false; // the settings wait in m_heldSettings
    std::function<void(SmtpSettings)> m_heldSettings;
    // At each connectToHost: was the message on disk and marked Sending?
    QList<bool> m_persistedAtConnect;
};
