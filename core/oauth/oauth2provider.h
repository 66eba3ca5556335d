#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

// Where and how an OAuth 2.0 authorization server signs a user in for mail: its endpoints, the
// scopes mail needs, which addresses and servers it serves, and the client registration Heron
// uses with it. A plain value; OAuth2Providers knows the built-in ones.
struct OAuth2Provider
{
    QString id; // "google", "microsoft", "yahoo", "aol"; the key of its settings
    QString name; // for people: "Google"
    QUrl authorizationUrl; // where the browser signs in
    QUrl tokenUrl; // where codes and refresh tokens become access tokens
    QStringList scopes;
    QStringList domains; // address domains it serves ("gmail.com")
    QStringList hosts; // server host names it serves ("imap.gmail.com")
    QString clientId; // empty: none configured, the flow cannot start
    QString clientSecret; // some providers require one even for desktop applications
    // Further parameters of the authorization request (e.g. asking for a refresh token).
    QList<QPair<QString, QString>> authorizationParameters;

    bool isValid() const
    {
        return !id.isEmpty() && authorizationUrl.isValid() && tokenUrl.isValid();
    }
    bool hasClientId() const { return !clientId.isEmpty(); }
    bool operator==(const OAuth2Provider &) const = default;
};
