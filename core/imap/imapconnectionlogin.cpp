// ImapConnection: opening a session (greeting, STARTTLS, capabilities, login, ID, ENABLE).
#include "imapconnection.h"

#include "common/logging.h"
#include "common/saslresponse.h"
#include "net/transport.h"

#include <QCoreApplication>

void ImapConnection::onGreeting(const ImapStatusResponse &greeting)
{
    using Status = ImapStatusResponse::Status;
    if (greeting.status == Status::Bye || greeting.status == Status::No
        || greeting.status == Status::Bad) {
        fail(MailError(MailError::Kind::Protocol,
                       QCoreApplication::translate("ImapConnection",
                                                   "The server refused the connection"),
                       QString::fromUtf8(greeting.text)));
        return;
    }
    if (greeting.code.kind == ImapResponseCode::Kind::Capability)
        m_capabilities = greeting.code.atoms;
    const bool preauth = greeting.status == Status::PreAuth;
    if (m_settings.security == Security::StartTls && !m_transport->isEncrypted()) {
        if (preauth) {
            fail(MailError(MailError::Kind::Policy,
                           QCoreApplication::translate(
                                   "ImapConnection",
                                   "The server skipped authentication on an unencrypted "
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
                       QCoreApplication::translate(
                               "ImapConnection",
                               "The server does not offer STARTTLS; the account requires "
                               "an encrypted connection")));
        return;
    }
    ImapCommandBuilder b;
    b.atom("STARTTLS");
    ImapCommand command = b.build();
    command.setBarrier(true);
    sendInternal(command, [this](const ImapCommandResult &result) {
        if (!result.isOk()) {
            fail(MailError(MailError::Kind::Policy,
                           QCoreApplication::translate("ImapConnection",
                                                       "The server refused STARTTLS"),
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
                       QCoreApplication::translate(
                               "ImapConnection",
                               "Refusing to send credentials over an unencrypted link")));
        return;
    }
    ImapCommand command = loginCommand();
    if (command.isEmpty())
        return; // failed with the reason
    command.setBarrier(true);
    setState(State::Authenticating);
    sendInternal(command, [this](const ImapCommandResult &result) { afterLogin(result); });
}

ImapCommand ImapConnection::loginCommand()
{
    const QString &user = m_settings.username;
    const QString &secret = m_settings.password;
    // A SASL exchange: the initial response on the first line with SASL-IR, else after the
    // first continuation; `more` are the answers to any further continuations.
    const auto sasl = [this](const QByteArray &mechanism, const QByteArray &initial,
                             QList<QByteArray> more = {}) {
        const QByteArray encoded = initial.isEmpty() ? QByteArray("=") : initial.toBase64();
        QList<QByteArray> parts;
        if (hasCapability("SASL-IR")) {
            parts.append("AUTHENTICATE " + mechanism + ' ' + encoded + "\r\n");
        } else {
            parts.append("AUTHENTICATE " + mechanism + "\r\n");
            parts.append(encoded + "\r\n");
        }
        for (const QByteArray &answer : std::as_const(more))
            parts.append(answer + "\r\n");
        ImapCommand command(parts);
        command.setRedacted("AUTHENTICATE " + mechanism + " <redacted>");
        return command;
    };
    const auto loginWithCommand = [&user, &secret] {
        ImapCommandBuilder b;
        b.atom("LOGIN").astring(user.toUtf8()).astring(secret.toUtf8());
        ImapCommand command = b.build();
        command.setRedacted("LOGIN <redacted>");
        return command;
    };
    const auto notOffered = [this](SaslMechanism mechanism) {
        fail(MailError(
                MailError::Kind::Policy,
                QCoreApplication::translate("ImapConnection",
                                            "The server does not offer the %1 authentication the "
                                            "account is set to use")
                        .arg(QString::fromLatin1(saslMechanismName(mechanism))),
                QString::fromLatin1(m_capabilities.join(' '))));
        return ImapCommand();
    };

    // A refused token comes back as a continuation with the error (RFC 7628 3.2.2); the answer
    // to it (empty for XOAUTH2, ^A for OAUTHBEARER) lets the server end the exchange with NO.
    const auto xoauth2 = [&sasl, &user, &secret] {
        return sasl("XOAUTH2", SaslResponse::xoauth2(user, secret),
                    {SaslResponse::oauthErrorAcknowledgement(false).toBase64()});
    };
    const auto oauthBearer = [this, &sasl, &user, &secret] {
        return sasl("OAUTHBEARER",
                    SaslResponse::oauthBearer(user, m_settings.host, m_settings.port, secret),
                    {SaslResponse::oauthErrorAcknowledgement(true).toBase64()});
    };

    switch (m_settings.mechanism) {
    case SaslMechanism::Auto:
        if (hasCapability("AUTH=PLAIN"))
            return sasl("PLAIN", SaslResponse::plain(user, secret));
        if (!hasCapability("LOGINDISABLED"))
            return loginWithCommand();
        fail(MailError(MailError::Kind::Authentication,
                       QCoreApplication::translate(
                               "ImapConnection",
                               "The server offers no login method this client supports")));
        return {};
    case SaslMechanism::Plain:
        if (!hasCapability("AUTH=PLAIN"))
            return notOffered(SaslMechanism::Plain);
        return sasl("PLAIN", SaslResponse::plain(user, secret));
    case SaslMechanism::Login:
        // The SASL LOGIN mechanism where offered, else the LOGIN command of RFC 9051.
        if (hasCapability("AUTH=LOGIN")) {
            ImapCommand command({"AUTHENTICATE LOGIN\r\n", user.toUtf8().toBase64() + "\r\n",
                                 secret.toUtf8().toBase64() + "\r\n"});
            command.setRedacted("AUTHENTICATE LOGIN <redacted>");
            return command;
        }
        if (hasCapability("LOGINDISABLED"))
            return notOffered(SaslMechanism::Login);
        return loginWithCommand();
    case SaslMechanism::XOAuth2:
        if (!hasCapability("AUTH=XOAUTH2"))
            return notOffered(SaslMechanism::XOAuth2);
        return xoauth2();
    case SaslMechanism::OAuthBearer:
        if (!hasCapability("AUTH=OAUTHBEARER"))
            return notOffered(SaslMechanism::OAuthBearer);
        return oauthBearer();
    case SaslMechanism::OAuth2:
        if (hasCapability("AUTH=OAUTHBEARER"))
            return oauthBearer();
        if (hasCapability("AUTH=XOAUTH2"))
            return xoauth2();
        fail(MailError(MailError::Kind::Policy,
                       QCoreApplication::translate("ImapConnection",
                                                   "The server offers neither OAUTHBEARER nor "
                                                   "XOAUTH2, so the account's OAuth 2.0 sign-in "
                                                   "cannot be used"),
                       QString::fromLatin1(m_capabilities.join(' '))));
        return {};
    }
    return {};
}

void ImapConnection::afterLogin(const ImapCommandResult &result)
{
    if (!result.isOk()) {
        fail(MailError(MailError::Kind::Authentication,
                       QCoreApplication::translate("ImapConnection",
                                                   "The server rejected the user name or password"),
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
    if (shouldCompress()) {
        startCompression(); // comes back here once the link is compressed (or refused)
        return;
    }
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
    m_readyPending = true;
    QMetaObject::invokeMethod(
            this,
            [this] {
                m_readyPending = false;
                Q_EMIT ready();
            },
            Qt::QueuedConnection);
    pump();
}
