#pragma once

#include "accounts/identity.h"
#include "common/saslmechanism.h"
#include "net/security.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

class QSslCertificate;

// The settings of one mail account. A plain value: no password, no connection state.
// The password lives in a SecretStore under id(); everything here may be written to QSettings.
class Account
{
public:
    // The login of both servers: a password mechanism, or an OAuth one whose secret is a token.
    using AuthMethod = SaslMechanism;

    // A new account gets a fresh, stable id.
    Account();

    static QString generateId();
    // The key the submission server's own password is kept under in a SecretStore (the
    // incoming server's is kept under the account id).
    static QString submissionSecretId(const QString &accountId);
    // Lower-case hex of CertificateInfo::sha256Digest(), the form kept in pinned lists (and
    // QSettings); QByteArray::fromHex() gives the digest SslTransport::setPinnedDigest() takes.
    static QByteArray fingerprint(const QSslCertificate &certificate);
    // "AB:CD:..." for display, as CertificateInfo::formatFingerprint().
    static QString formatFingerprint(const QByteArray &hexFingerprint);
    // The usual port for each protocol and security choice.
    static quint16 defaultImapPort(Security security);
    static quint16 defaultSmtpPort(Security security);

    QString id() const { return m_id; }
    void setId(const QString &id) { m_id = id; }

    QString displayName() const { return m_displayName; }
    void setDisplayName(const QString &name) { m_displayName = name; }

    QString address() const { return m_address; }
    void setAddress(const QString &address) { m_address = address; }

    // The first identity is the default one; an account without identities sends as
    // displayName() <address()>.
    QList<Identity> identities() const { return m_identities; }
    void setIdentities(const QList<Identity> &identities) { m_identities = identities; }
    Identity defaultIdentity() const;

    QString imapHost() const { return m_imapHost; }
    void setImapHost(const QString &host) { m_imapHost = host; }
    quint16 imapPort() const { return m_imapPort; }
    void setImapPort(quint16 port) { m_imapPort = port; }
    Security imapSecurity() const { return m_imapSecurity; }
    void setImapSecurity(Security security) { m_imapSecurity = security; }

    QString smtpHost() const { return m_smtpHost; }
    void setSmtpHost(const QString &host) { m_smtpHost = host; }
    quint16 smtpPort() const { return m_smtpPort; }
    void setSmtpPort(quint16 port) { m_smtpPort = port; }
    Security smtpSecurity() const { return m_smtpSecurity; }
    void setSmtpSecurity(Security security) { m_smtpSecurity = security; }

    QString userName() const { return m_userName; }
    void setUserName(const QString &userName) { m_userName = userName; }

    // The submission server's own user name; empty: it logs in as the incoming server does, with
    // the same password. Set: its password is kept under submissionSecretId().
    QString smtpUserName() const { return m_smtpUserName; }
    void setSmtpUserName(const QString &userName) { m_smtpUserName = userName; }
    bool hasOwnSubmissionLogin() const { return !m_smtpUserName.isEmpty(); }

    AuthMethod authMethod() const { return m_authMethod; }
    void setAuthMethod(AuthMethod method) { m_authMethod = method; }

    // The OAuth 2.0 provider an OAuth Authentication choice signs in with (an OAuth2Providers
    // id: "google", ...); empty: the one serving the address or the server, if any.
    QString oauthProvider() const { return m_oauthProvider; }
    void setOAuthProvider(const QString &id) { m_oauthProvider = id; }

    // An extra CA bundle trusted for this account's servers (e.g. a local test CA). Empty: none.
    QString caFilePath() const { return m_caFilePath; }
    void setCaFilePath(const QString &path) { m_caFilePath = path; }

    // Pinned certificate fingerprints (see fingerprint()), per server.
    QList<QByteArray> imapPinnedFingerprints() const { return m_imapPins; }
    void setImapPinnedFingerprints(const QList<QByteArray> &pins) { m_imapPins = pins; }
    QList<QByteArray> smtpPinnedFingerprints() const { return m_smtpPins; }
    void setSmtpPinnedFingerprints(const QList<QByteArray> &pins) { m_smtpPins = pins; }

    // Who files the copy of each sent message into Sent: not known yet (found out with the
    // first message sent, see SentCopyFiler), the submission server itself, or Heron (APPEND).
    enum class SentFiling { Unknown, Server, Client };
    SentFiling sentFiling() const { return m_sentFiling; }
    void setSentFiling(SentFiling filing) { m_sentFiling = filing; }
    // True when the submission server files sent mail itself (no APPEND to Sent needed).
    bool serverSavesSentMail() const { return m_sentFiling == SentFiling::Server; }
    void setServerSavesSentMail(bool saves)
    {
        m_sentFiling = saves ? SentFiling::Server : SentFiling::Client;
    }

    // New messages of this account are written in HTML (a message may still switch).
    bool composesHtml() const { return m_composesHtml; }
    void setComposesHtml(bool html) { m_composesHtml = html; }

    // The folder the user named as Trash on a server that marks none and has none of the usual
    // names: unset until asked; an empty path means "none, delete for good".
    std::optional<QString> trashFolder() const { return m_trashFolder; }
    void setTrashFolder(const std::optional<QString> &path) { m_trashFolder = path; }

    bool operator==(const Account &) const = default;

private:
    QString m_id;
    QString m_displayName;
    QString m_address;
    QList<Identity> m_identities;
    QString m_imapHost;
    quint16 m_imapPort = 993;
    Security m_imapSecurity = Security::ImplicitTls;
    QString m_smtpHost;
    quint16 m_smtpPort = 465;
    Security m_smtpSecurity = Security::ImplicitTls;
    QString m_userName;
    QString m_smtpUserName;
    AuthMethod m_authMethod = AuthMethod::Auto;
    QString m_oauthProvider;
    QString m_caFilePath;
    QList<QByteArray> m_imapPins;
    QList<QByteArray> m_smtpPins;
    SentFiling m_sentFiling = SentFiling::Unknown;
    bool m_composesHtml = false;
    std::optional<QString> m_trashFolder;
};

Q_DECLARE_METATYPE(Account)
