#include "accounts/accountstore.h"

#include <QCoreApplication>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace {

constexpr auto groupKey = "accounts"_L1;
constexpr auto orderKey = "accountOrder"_L1;

QString securityName(Security security)
{
    switch (security) {
    case Security::ImplicitTls:
        return u"tls"_s;
    case Security::StartTls:
        return u"starttls"_s;
    case Security::None:
        return u"none"_s;
    }
    return u"tls"_s;
}

Security securityFromName(const QString &name)
{
    if (name == "starttls"_L1)
        return Security::StartTls;
    if (name == "none"_L1)
        return Security::None;
    return Security::ImplicitTls; // unknown values fall back to the safest choice
}

QString authName(Account::AuthMethod method)
{
    switch (method) {
    case Account::AuthMethod::Plain:
        return u"plain"_s;
    case Account::AuthMethod::Login:
        return u"login"_s;
    case Account::AuthMethod::XOAuth2:
        return u"xoauth2"_s;
    case Account::AuthMethod::OAuthBearer:
        return u"oauthbearer"_s;
    case Account::AuthMethod::OAuth2:
        return u"oauth2"_s;
    case Account::AuthMethod::Auto:
        break;
    }
    return u"auto"_s;
}

Account::AuthMethod authFromName(const QString &name)
{
    if (name == "plain"_L1)
        return Account::AuthMethod::Plain;
    if (name == "login"_L1)
        return Account::AuthMethod::Login;
    if (name == "xoauth2"_L1)
        return Account::AuthMethod::XOAuth2;
    if (name == "oauthbearer"_L1)
        return Account::AuthMethod::OAuthBearer;
    if (name == "oauth2"_L1)
        return Account::AuthMethod::OAuth2;
    return Account::AuthMethod::Auto;
}

QStringList pinsToStrings(const QList<QByteArray> &pins)
{
    QStringList out;
    for (const QByteArray &pin : pins)
        out.append(QString::fromLatin1(pin));
    return out;
}

QList<QByteArray> pinsFromStrings(const QStringList &strings)
{
    QList<QByteArray> out;
    for (const QString &s : strings)
        if (!s.isEmpty())
            out.append(s.toLatin1().toLower());
    return out;
}

quint16 portValue(const QVariant &value, quint16 fallback)
{
    bool ok = false;
    const uint port = value.toUInt(&ok);
    return ok && port > 0 && port <= 65535 ? quint16(port) : fallback;
}

// A list, or no key at all when it is empty: QSettings would write an empty list as
// "@Invalid()", which other readers of the file take for a value.
void setList(QSettings *settings, QAnyStringView key, const QStringList &list)
{
    if (list.isEmpty())
        settings->remove(key);
    else
        settings->setValue(key, list);
}

} // namespace

AccountStore::AccountStore(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    Q_ASSERT(settings);
}

QStringList AccountStore::order() const
{
    QStringList ids = m_settings->value(orderKey).toStringList();
    // Groups written by hand or by an older version without an order entry still count.
    m_settings->beginGroup(groupKey);
    const QStringList groups = m_settings->childGroups();
    m_settings->endGroup();
    ids.removeIf([&groups](const QString &id) { return !groups.contains(id); });
    for (const QString &g : groups)
        if (!ids.contains(g))
            ids.append(g);
    return ids;
}

QList<Account> AccountStore::accounts() const
{
    QList<Account> out;
    for (const QString &id : order())
        out.append(readAccount(id));
    return out;
}

std::optional<Account> AccountStore::account(const QString &id) const
{
    if (!contains(id))
        return std::nullopt;
    return readAccount(id);
}

bool AccountStore::contains(const QString &id) const
{
    if (id.isEmpty())
        return false;
    m_settings->beginGroup(groupKey);
    const bool found = m_settings->childGroups().contains(id);
    m_settings->endGroup();
    return found;
}

MailError AccountStore::saveAccount(const Account &account)
{
    if (account.id().isEmpty() || account.id().contains(QLatin1Char('/')))
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("AccountStore",
                                                     "The account has no valid id."));
    const bool existed = contains(account.id());
    writeAccount(account);
    if (!existed) {
        QStringList ids = order();
        if (!ids.contains(account.id()))
            ids.append(account.id());
        setList(m_settings, orderKey, ids);
    }
    const MailError error = syncSettings();
    if (error)
        return error;
    if (existed)
        Q_EMIT accountChanged(account.id());
    else
        Q_EMIT accountAdded(account.id());
    Q_EMIT changed();
    return {};
}

MailError AccountStore::removeAccount(const QString &id)
{
    if (!contains(id))
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("AccountStore",
                                                     "There is no account with id %1.")
                                 .arg(id));
    m_settings->beginGroup(groupKey);
    m_settings->remove(id);
    m_settings->endGroup();
    QStringList ids = m_settings->value(orderKey).toStringList();
    ids.removeAll(id);
    setList(m_settings, orderKey, ids);
    const MailError error = syncSettings();
    if (error)
        return error;
    Q_EMIT accountRemoved(id);
    Q_EMIT changed();
    return {};
}

MailError AccountStore::syncSettings()
{
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError)
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("AccountStore",
                                                     "The settings file %1 could not be written.")
                                 .arg(m_settings->fileName()));
    return {};
}

void AccountStore::writeAccount(const Account &a)
{
    m_settings->beginGroup(groupKey);
    m_settings->remove(a.id()); // drop keys of an older shape (e.g. more identities)
    m_settings->beginGroup(a.id());
    m_settings->setValue(u"displayName"_s, a.displayName());
    m_settings->setValue(u"address"_s, a.address());
    m_settings->setValue(u"userName"_s, a.userName());
    m_settings->setValue(u"authMethod"_s, authName(a.authMethod()));
    if (!a.oauthProvider().isEmpty())
        m_settings->setValue(u"oauthProvider"_s, a.oauthProvider());
    m_settings->setValue(u"caFile"_s, a.caFilePath());
    switch (a.sentFiling()) {
    case Account::SentFiling::Unknown:
        break; // found out with the next message sent
    case Account::SentFiling::Server:
        m_settings->setValue(u"sentFiling"_s, u"server"_s);
        break;
    case Account::SentFiling::Client:
        m_settings->setValue(u"sentFiling"_s, u"client"_s);
        break;
    }
    m_settings->setValue(u"composeHtml"_s, a.composesHtml());
    if (a.trashFolder())
        m_settings->setValue(u"imap/trashFolder"_s, *a.trashFolder());

    m_settings->setValue(u"imap/host"_s, a.imapHost());
    m_settings->setValue(u"imap/port"_s, a.imapPort());
    m_settings->setValue(u"imap/security"_s, securityName(a.imapSecurity()));
    setList(m_settings, u"imap/pinnedSha256"_s, pinsToStrings(a.imapPinnedFingerprints()));
    m_settings->setValue(u"smtp/host"_s, a.smtpHost());
    m_settings->setValue(u"smtp/port"_s, a.smtpPort());
    m_settings->setValue(u"smtp/security"_s, securityName(a.smtpSecurity()));
    setList(m_settings, u"smtp/pinnedSha256"_s, pinsToStrings(a.smtpPinnedFingerprints()));
    m_settings->setValue(u"smtp/userName"_s, a.smtpUserName());

    const QList<Identity> identities = a.identities();
    m_settings->beginWriteArray(u"identities"_s, int(identities.size()));
    for (int i = 0; i < identities.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(u"name"_s, identities.at(i).name);
        m_settings->setValue(u"address"_s, identities.at(i).address);
        m_settings->setValue(u"signature"_s, identities.at(i).signature);
        m_settings->setValue(u"replyTo"_s, identities.at(i).replyTo);
        if (!identities.at(i).htmlSignature.isEmpty())
            m_settings->setValue(u"htmlSignature"_s, identities.at(i).htmlSignature);
        if (!identities.at(i).language.isEmpty())
            m_settings->setValue(u"language"_s, identities.at(i).language);
    }
    m_settings->endArray();
    m_settings->endGroup();
    m_settings->endGroup();
}

Account AccountStore::readAccount(const QString &id) const
{
    Account a;
    a.setId(id);
    m_settings->beginGroup(groupKey);
    m_settings->beginGroup(id);
    a.setDisplayName(m_settings->value(u"displayName"_s).toString());
    a.setAddress(m_settings->value(u"address"_s).toString());
    a.setUserName(m_settings->value(u"userName"_s).toString());
    a.setAuthMethod(authFromName(m_settings->value(u"authMethod"_s).toString()));
    a.setOAuthProvider(m_settings->value(u"oauthProvider"_s).toString());
    a.setCaFilePath(m_settings->value(u"caFile"_s).toString());
    const QString filing = m_settings->value(u"sentFiling"_s).toString();
    if (filing == "server"_L1)
        a.setSentFiling(Account::SentFiling::Server);
    else if (filing == "client"_L1)
        a.setSentFiling(Account::SentFiling::Client);
    else if (m_settings->value(u"serverSavesSentMail"_s, false).toBool())
        a.setSentFiling(Account::SentFiling::Server); // as earlier versions kept the choice

    a.setComposesHtml(m_settings->value(u"composeHtml"_s, false).toBool());
    if (m_settings->contains(u"imap/trashFolder"_s))
        a.setTrashFolder(m_settings->value(u"imap/trashFolder"_s).toString());

    a.setImapHost(m_settings->value(u"imap/host"_s).toString());
    a.setImapSecurity(securityFromName(m_settings->value(u"imap/security"_s).toString()));
    a.setImapPort(portValue(m_settings->value(u"imap/port"_s),
                            Account::defaultImapPort(a.imapSecurity())));
    a.setImapPinnedFingerprints(
            pinsFromStrings(m_settings->value(u"imap/pinnedSha256"_s).toStringList()));
    a.setSmtpHost(m_settings->value(u"smtp/host"_s).toString());
    a.setSmtpSecurity(securityFromName(m_settings->value(u"smtp/security"_s).toString()));
    a.setSmtpPort(portValue(m_settings->value(u"smtp/port"_s),
                            Account::defaultSmtpPort(a.smtpSecurity())));
    a.setSmtpPinnedFingerprints(
            pinsFromStrings(m_settings->value(u"smtp/pinnedSha256"_s).toStringList()));
    a.setSmtpUserName(m_settings->value(u"smtp/userName"_s).toString());

    QList<Identity> identities;
    const int count = m_settings->beginReadArray(u"identities"_s);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        identities.append(Identity {m_settings->value(u"name"_s).toString(),
                                    m_settings->value(u"address"_s).toString(),
                                    m_settings->value(u"signature"_s).toString(),
                                    m_settings->value(u"replyTo"_s).toString(),
                                    m_settings->value(u"htmlSignature"_s).toString(),
                                    m_settings->value(u"language"_s).toString()});
    }
    m_settings->endArray();
    a.setIdentities(identities);
    m_settings->endGroup();
    m_settings->endGroup();
    return a;
}
