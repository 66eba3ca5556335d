#pragma once

#include <QByteArray>

// How a client logs in to IMAP or submission: the SASL mechanism the account asks for.
// Auto lets the client pick the best password mechanism the server offers (PLAIN, else LOGIN);
// any other choice is used as it is, or the login is refused when the server does not offer it.
// With XOAuth2 and OAuthBearer the secret is an OAuth 2.0 access token, not a password. OAuth2
// also logs in with a token, by the mechanism the server offers: OAUTHBEARER (RFC 7628) where
// announced, else XOAUTH2.
enum class SaslMechanism { Auto, Plain, Login, XOAuth2, OAuthBearer, OAuth2 };

// True for the mechanisms whose secret is an OAuth 2.0 access token.
inline bool isOAuthMechanism(SaslMechanism mechanism)
{
    return mechanism == SaslMechanism::XOAuth2 || mechanism == SaslMechanism::OAuthBearer
           || mechanism == SaslMechanism::OAuth2;
}

// The mechanism's name on the wire ("PLAIN", "XOAUTH2", ...); empty for Auto and OAuth2, which
// stand for a choice made from the server's capabilities.
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
    case SaslMechanism::OAuth2:
        break;
    }
    return {};
}
