#pragma once

#include <QMetaType>
#include <QString>

// An error as a value: what went wrong, at which stage, and the server's own words if any.
class MailError
{
public:
    enum class Kind {
        None,
        Network, // name lookup, refused connection, connection lost, timeout
        Tls, // handshake failure or untrusted certificate
        Policy, // refused by our own rules (e.g. STARTTLS required but not offered)
        Authentication, // the server rejected the credentials
        Protocol, // the server answered with an error (NO/BAD, 4xx/5xx)
        Parse, // bytes that do not follow the grammar
        Limit, // a size cap was reached
        Storage, // the local cache or outbox failed
        Cancelled,
    };

    MailError() = default;
    MailError(Kind kind, QString message, QString serverText = {})
        : m_kind(kind)
        , m_message(std::move(message))
        , m_serverText(std::move(serverText))
    { }

    bool isError() const { return m_kind != Kind::None; }
    explicit operator bool() const { return isError(); }

    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }
    QString serverText() const { return m_serverText; }

    // Trying again cannot help: the credentials, a policy, a certificate or the user said no.
    bool isPermanent() const
    {
        switch (m_kind) {
        case Kind::Authentication:
        case Kind::Policy:
        case Kind::Tls:
        case Kind::Cancelled:
            return true;
        default:
            return false;
        }
    }

    QString toString() const
    {
        if (m_serverText.isEmpty())
            return m_message;
        return m_message + QStringLiteral(" (") + m_serverText + QLatin1Char(')');
    }

private:
    Kind m_kind = Kind::None;
    QString m_message;
    QString m_serverText;
};

Q_DECLARE_METATYPE(MailError)
