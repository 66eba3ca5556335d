// ImapConnection: opening a session (greeting, STARTTLS, capabilities, login, ID, ENABLE).
#include "imapconnection.h"

#include "common/logging.h"
#include "net/transport.h"

void ImapConnection::onGreeting(const ImapStatusResponse &greeting)
{
    using Status = ImapStatusResponse::Status;
    if (greeting.status == Status::Bye || greeting.status == Status::No
        || greeting.status == Status::Bad) {
        fail(MailError(MailError::Kind::Protocol,
                       QStringLiteral("The server refused the connection"),
                       QString::fromUtf8(greeting.text)));
        return;
    }
    if (greeting.code.kind == ImapResponseCode::Kind::Capability)
        m_capabilities = greeting.code.atoms;
    const bool preauth = greeting.status == Status::PreAuth;
    if (m_settings.security == Security::StartTls && !m_transport->isEncrypted()) {
        if (preauth) {
            fail(MailError(MailError::Kind::Policy,
                           QStringLiteral("The server skipped authentication on an unencrypted "
                                          "connection, so STARTTLS is impossible")));
            return;
        }
        setState(State::Authenticating);
        if (m_capabilities.isEmpty())
            requestCapabilities([this] { startTlsStep(); });
        else
            startTlsStep();
        return;
    }
    if (preauth) {
        setState(State::Setup);
        requestCapabilities([this] { setupExtensions(); });
        return;
    }
    setState(State::Authenticating);
    if (m_capabilities.isEmpty())
        requestCapabilities([this] { authenticate(); });
    else
        authenticate();
}

void ImapConnection::requestCapabilities(std::function<void()> then)
{
    ImapCommandBuilder b;
    b.atom("CAPABILITY");
    m_capabilities.clear();
    sendInternal(b.build(), [this, then](const ImapCommandResult &result) {
        if (!result.isOk()) {
            fail(result.error);
            return;
        }
        then();
    });
}

void ImapConnection::startTlsStep()
{
    if (!hasCapability("STARTTLS")) {
        fail(MailError(MailError::Kind::Policy,
                       QStringLiteral("The server does not offer STARTTLS; the account requires "
                                      "an encrypted connection")));
        return;
    }
    ImapCommandBuilder b;
    b.atom("STARTTLS");
    ImapCommand command = b.build();
    command.setBarrier(true);
    sendInternal(command, [this](const ImapCommandResult &result) {
        if (!result.isOk()) {
            fail(MailError(MailError::Kind::Policy, QStringLiteral("The server refused STARTTLS"),
                           result.error.serverText()));
            return;
        }
        // Whatever came after the OK on the plain link is discarded, as is every capability.
        setState(State::StartingTls);
        m_framer.reset();
        m_transport->discardPending();
        m_capabilities.clear();
        m_transport->startTls();
    });
}

void ImapConnection::authenticate()
{
    if (!m_transport->isEncrypted() && m_settings.security != Security::None) {
        fail(MailError(MailError::Kind::Policy,
                       QStringLiteral("Refusing to send credentials over an unencrypted link")));
        return;
    }
    const QByteArray user = m_settings.username.toUtf8();
    const QByteArray password = m_settings.password.toUtf8();
    ImapCommand command;
    if (hasCapability("AUTH=PLAIN")) {
        // RFC 4616: authzid NUL authcid NUL passwd, base64; SASL-IR puts it on the first line.
        const QByteArray response = QByteArray(QByteArray() + '\0' + user + '\0' + password)
                                            .toBase64();
        if (hasCapability("SASL-IR")) {
            command = ImapCommand({"AUTHENTICATE PLAIN " + response + "\r\n"});
        } else {
            command = ImapCommand({"AUTHENTICATE PLAIN\r\n", response + "\r\n"});
        }
        command.setRedacted("AUTHENTICATE PLAIN <redacted>");
    } else if (!hasCapability("LOGINDISABLED")) {
        ImapCommandBuilder b;
        b.atom("LOGIN").astring(user).astring(password);
        command = b.build();
        command.setRedacted("LOGIN <redacted>");
    } else {
        fail(MailError(MailError::Kind::Authentication,
                       QStringLiteral("The server offers no login method this client supports")));
        return;
    }
    command.setBarrier(true);
    setState(State::Authenticating);
    sendInternal(command, [this](const ImapCommandResult &result) { afterLogin(result); });
}

void ImapConnection::afterLogin(const ImapCommandResult &result)
{
    if (!result.isOk()) {
        fail(MailError(MailError::Kind::Authentication,
                       QStringLiteral("The server rejected the user name or password"),
                       result.error.serverText().isEmpty() ? result.error.message()
                                                           : result.error.serverText()));
        return;
    }
    setState(State::Setup);
    // Servers may announce different capabilities once logged in.
    if (result.status.code.kind == ImapResponseCode::Kind::Capability)
        setupExtensions();
    else
        requestCapabilities([this] { setupExtensions(); });
}

void ImapConnection::setupExtensions()
{
    QList<QByteArray> wanted;
    if (m_settings.enableExtensions && hasCapability("ENABLE")) {
        for (const char *ext : {"CONDSTORE", "QRESYNC", "UTF8=ACCEPT"}) {
            if (hasCapability(ext))
                wanted.append(ext);
        }
    }
    const bool enable = !wanted.isEmpty();
    const bool id = hasCapability("ID") && !m_settings.clientId.isEmpty();
    if (id) {
        ImapCommandBuilder b;
        b.atom("ID").beginList();
        for (const auto &field : std::as_const(m_settings.clientId))
            b.string(field.first).string(field.second);
        b.endList();
        // The answer does not matter: a server refusing ID is still usable.
        sendInternal(
                b.build(),
                [this, enable](const ImapCommandResult &) {
                    if (!enable)
                        becomeReady();
                },
                [this](const ImapResponse &r) {
                    if (r.type() != ImapResponse::Type::Id)
                        return false;
                    m_serverId = r.idFields();
                    return true;
                });
    }
    if (enable) {
        ImapCommandBuilder b;
        b.atom("ENABLE");
        for (const QByteArray &ext : std::as_const(wanted))
            b.atom(ext);
        sendInternal(b.build(), [this](const ImapCommandResult &) { becomeReady(); });
    }
    if (!id && !enable)
        becomeReady();
}

void ImapConnection::becomeReady()
{
    if (m_state != State::Setup)
        return;
    setState(State::Ready);
    QMetaObject::invokeMethod(
            this, [this] { Q_EMIT ready(); }, Qt::QueuedConnection);
    pump();
}
