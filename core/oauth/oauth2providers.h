#pragma once

#include "oauth/oauth2provider.h"

#include <QList>
#include <QString>

#include <optional>

class QSettings;

// The OAuth 2.0 providers Heron knows (Google, Microsoft, Yahoo, AOL), with their endpoints and
// scopes. Heron has no registered client IDs of its own: they come from the build
// (HERON_OAUTH_CLIENT_ID_<PROVIDER> and HERON_OAUTH_CLIENT_SECRET_<PROVIDER>) and may be set or
// replaced in the settings, group "oauth2", keys "<id>/clientId" and "<id>/clientSecret"; the
// keys "<id>/authorizationUrl", "<id>/tokenUrl" and "<id>/scopes" replace the endpoints and
// scopes (for a test server, or a provider that moved).
class OAuth2Providers
{
public:
    // The built-in definitions with the client IDs of the build, no settings applied.
    static QList<OAuth2Provider> builtIn();
    // Every provider with the settings' overrides applied; settings may be null.
    static QList<OAuth2Provider> all(const QSettings *settings);
    static std::optional<OAuth2Provider> find(const QString &id, const QSettings *settings);
    // The provider serving an address's domain or a server host name, if any.
    static std::optional<OAuth2Provider> forAccount(const QString &address, const QString &host,
                                                    const QSettings *settings);
    // What is missing before provider can sign anyone in, for people; empty when nothing is.
    static QString missingConfiguration(const OAuth2Provider &provider);
};
