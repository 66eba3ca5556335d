#pragma once

#include "oauthtestserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QUrl>

#include <functional>

// Points the built-in Google provider at a local OAuthTestServer through the application's
// settings (group oauth2, as a user would), for as long as it lives, and plays the user's
// browser: the opener it hands out approves or denies the authorization request at the test
// server and follows the redirect back to Heron's loopback listener.
class GoogleAtOAuthTestServer
{
public:
    enum class Choice { Approve, Deny, Ignore };

    GoogleAtOAuthTestServer()
    {
        QSettings settings;
        settings.setValue(QStringLiteral("oauth2/google/clientId"), server.clientId());
        settings.setValue(QStringLiteral("oauth2/google/authorizationUrl"),
                          server.provider().authorizationUrl.toString());
        settings.setValue(QStringLiteral("oauth2/google/tokenUrl"), server.tokenUrl().toString());
        settings.setValue(QStringLiteral("oauth2/google/scopes"),
                          server.provider().scopes.join(QLatin1Char(' ')));
    }
    ~GoogleAtOAuthTestServer()
    {
        QSettings settings;
        settings.remove(QStringLiteral("oauth2/google"));
    }
    GoogleAtOAuthTestServer(const GoogleAtOAuthTestServer &) = delete;
    GoogleAtOAuthTestServer &operator=(const GoogleAtOAuthTestServer &) = delete;

    std::function<bool(const QUrl &)> browser(Choice choice)
    {
        return [this, choice](const QUrl &url) {
            opened << url;
            if (choice == Choice::Ignore)
                return true; // the user leaves the page alone
            const QUrl redirect = choice == Choice::Approve
                                          ? server.approve(url, QStringLiteral("alice"))
                                          : server.deny(url);
            if (redirect.isValid())
                m_network.get(QNetworkRequest(redirect));
            return true;
        };
    }

    OAuthTestServer server;
    QList<QUrl> opened;

private:
    QNetworkAccessManager m_network;
};
