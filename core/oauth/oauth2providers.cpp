#include "oauth2providers.h"

#include <QCoreApplication>
#include <QSettings>

using namespace Qt::StringLiterals;

#ifndef HERON_OAUTH_CLIENT_ID_GOOGLE
#define HERON_OAUTH_CLIENT_ID_GOOGLE ""
#endif
#ifndef HERON_OAUTH_CLIENT_SECRET_GOOGLE
#define HERON_OAUTH_CLIENT_SECRET_GOOGLE ""
#endif
#ifndef HERON_OAUTH_CLIENT_ID_MICROSOFT
#define HERON_OAUTH_CLIENT_ID_MICROSOFT ""
#endif
#ifndef HERON_OAUTH_CLIENT_SECRET_MICROSOFT
#define HERON_OAUTH_CLIENT_SECRET_MICROSOFT ""
#endif
#ifndef HERON_OAUTH_CLIENT_ID_YAHOO
#define HERON_OAUTH_CLIENT_ID_YAHOO ""
#endif
#ifndef HERON_OAUTH_CLIENT_SECRET_YAHOO
#define HERON_OAUTH_CLIENT_SECRET_YAHOO ""
#endif
#ifndef HERON_OAUTH_CLIENT_ID_AOL
#define HERON_OAUTH_CLIENT_ID_AOL ""
#endif
#ifndef HERON_OAUTH_CLIENT_SECRET_AOL
#define HERON_OAUTH_CLIENT_SECRET_AOL ""
#endif

QList<OAuth2Provider> OAuth2Providers::builtIn()
{
    OAuth2Provider google;
    google.id = u"google"_s;
    google.name = u"Google"_s;
    google.authorizationUrl = QUrl(u"https://accounts.google.com/o/oauth2/v2/auth"_s);
    google.tokenUrl = QUrl(u"https://oauth2.googleapis.com/token"_s);
    google.scopes = {u"https://mail.google.com/"_s};
    google.domains = {u"gmail.com"_s, u"googlemail.com"_s};
    google.hosts = {u"imap.gmail.com"_s, u"smtp.gmail.com"_s};
    google.clientId = QString::fromUtf8(HERON_OAUTH_CLIENT_ID_GOOGLE);
    google.clientSecret = QString::fromUtf8(HERON_OAUTH_CLIENT_SECRET_GOOGLE);
    // A refresh token is only issued for offline access, and again only after consent.
    google.authorizationParameters = {{u"access_type"_s, u"offline"_s}, {u"prompt"_s, u"consent"_s}};

    OAuth2Provider microsoft;
    microsoft.id = u"microsoft"_s;
    microsoft.name = u"Microsoft"_s;
    microsoft.authorizationUrl = QUrl(
            u"https://login.microsoftonline.com/common/oauth2/v2.0/authorize"_s);
    microsoft.tokenUrl = QUrl(u"https://login.microsoftonline.com/common/oauth2/v2.0/token"_s);
    microsoft.scopes = {u"https://outlook.office.com/IMAP.AccessAsUser.All"_s,
                        u"https://outlook.office.com/SMTP.Send"_s, u"offline_access"_s};
    microsoft.domains = {u"outlook.com"_s, u"hotmail.com"_s, u"live.com"_s, u"msn.com"_s};
    microsoft.hosts = {u"outlook.office365.com"_s, u"smtp.office365.com"_s,
                       u"smtp-mail.outlook.com"_s, u"imap-mail.outlook.com"_s};
    microsoft.clientId = QString::fromUtf8(HERON_OAUTH_CLIENT_ID_MICROSOFT);
    microsoft.clientSecret = QString::fromUtf8(HERON_OAUTH_CLIENT_SECRET_MICROSOFT);

    OAuth2Provider yahoo;
    yahoo.id = u"yahoo"_s;
    yahoo.name = u"Yahoo"_s;
    yahoo.authorizationUrl = QUrl(u"https://api.login.yahoo.com/oauth2/request_auth"_s);
    yahoo.tokenUrl = QUrl(u"https://api.login.yahoo.com/oauth2/get_token"_s);
    yahoo.scopes = {u"mail-w"_s};
    yahoo.domains = {u"yahoo.com"_s, u"ymail.com"_s, u"rocketmail.com"_s};
    yahoo.hosts = {u"imap.mail.yahoo.com"_s, u"smtp.mail.yahoo.com"_s};
    yahoo.clientId = QString::fromUtf8(HERON_OAUTH_CLIENT_ID_YAHOO);
    yahoo.clientSecret = QString::fromUtf8(HERON_OAUTH_CLIENT_SECRET_YAHOO);

    OAuth2Provider aol;
    aol.id = u"aol"_s;
    aol.name = u"AOL"_s;
    aol.authorizationUrl = QUrl(u"https://api.login.aol.com/oauth2/request_auth"_s);
    aol.tokenUrl = QUrl(u"https://api.login.aol.com/oauth2/get_token"_s);
    aol.scopes = {u"mail-w"_s};
    aol.domains = {u"aol.com"_s, u"aim.com"_s};
    aol.hosts = {u"imap.aol.com"_s, u"smtp.aol.com"_s};
    aol.clientId = QString::fromUtf8(HERON_OAUTH_CLIENT_ID_AOL);
    aol.clientSecret = QString::fromUtf8(HERON_OAUTH_CLIENT_SECRET_AOL);

    return {google, microsoft, yahoo, aol};
}

QList<OAuth2Provider> OAuth2Providers::all(const QSettings *settings)
{
    QList<OAuth2Provider> providers = builtIn();
    if (!settings)
        return providers;
    for (OAuth2Provider &p : providers) {
        const QString prefix = "oauth2/"_L1 + p.id + u'/';
        const auto text = [settings, &prefix](const char *key) {
            return settings->value(prefix + QLatin1StringView(key)).toString().trimmed();
        };
        if (const QString id = text("clientId"); !id.isEmpty())
            p.clientId = id;
        if (settings->contains(prefix + "clientSecret"_L1))
            p.clientSecret = text("clientSecret");
        if (const QString url = text("authorizationUrl"); !url.isEmpty())
            p.authorizationUrl = QUrl(url);
        if (const QString url = text("tokenUrl"); !url.isEmpty())
            p.tokenUrl = QUrl(url);
        if (const QString scopes = text("scopes"); !scopes.isEmpty())
            p.scopes = scopes.split(u' ', Qt::SkipEmptyParts);
    }
    return providers;
}

std::optional<OAuth2Provider> OAuth2Providers::find(const QString &id, const QSettings *settings)
{
    for (const OAuth2Provider &p : all(settings)) {
        if (p.id == id)
            return p;
    }
    return std::nullopt;
}

std::optional<OAuth2Provider> OAuth2Providers::forAccount(const QString &address,
                                                          const QString &host,
                                                          const QSettings *settings)
{
    const QString domain = address.section(u'@', -1).trimmed().toLower();
    const QString server = host.trimmed().toLower();
    for (const OAuth2Provider &p : all(settings)) {
        if ((!server.isEmpty() && p.hosts.contains(server))
            || (address.contains(u'@') && p.domains.contains(domain)))
            return p;
    }
    return std::nullopt;
}

QString OAuth2Providers::missingConfiguration(const OAuth2Provider &provider)
{
    if (provider.hasClientId())
        return {};
    return QCoreApplication::translate(
                   "OAuth2Providers",
                   "%1 signs in with OAuth 2.0 only, and this copy of Heron has no client ID "
                   "registered with %1. Register an application with %1 and give its client ID "
                   "either when building (-DHERON_OAUTH_CLIENT_ID_%2=...) or in Heron's settings "
                   "file, group [oauth2], key %3/clientId.")
            .arg(provider.name, provider.id.toUpper(), provider.id);
}
