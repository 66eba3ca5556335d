#pragma once

#include <QByteArray>

// How a client logs in to IMAP or submission: the SASL mechanism the account asks for.
// Auto lets the client pick the best password mechanism the server offers (PLAIN, else LOGIN);
// any other choice is used as it is, or the login is refused when the server does not offer it.
// With XOAuth2 and OAuthBearer the secret is an OAuth 2.0 access token, not a password.
enum class SaslMechanism { Auto, Plain, Login, XOAuth2, OAuthBearer };

// The mechanism's name on the wire ("PLAIN", "XOAUTH2", ...); empty for Auto.
inline QByteArray saslMechanismName(SaslMechanism mechanism)
{
    switch (mechanism) {
    case SaslMechanism::Plain:
        return QByteArrayLiteral("PLAIN");
    case SaslMechanism::Login:
        return QByteArrayLiteral("LOGIN");
    case SaslMechanism::XOAuth2:
        return QByteArrayLiteral("XOAUTH2");
    case SaslMechanism::OAuthBearer:
        return QByteArrayLiteral("OAUTHBEARER");
    case SaslMechanism::Auto:
        break;
    }
    return {};
}
