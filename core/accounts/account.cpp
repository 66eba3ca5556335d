#include "accounts/account.h"

#include "net/certificateinfo.h"

#include <QSslCertificate>
#include <QUuid>

Account::Account()
    : m_id(generateId())
{ }

QString Account::generateId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString Account::submissionSecretId(const QString &accountId)
{
    return accountId + QStringLiteral("/submission");
}

QByteArray Account::fingerprint(const QSslCertificate &certificate)
{
    return CertificateInfo::sha256Digest(certificate).toHex();
}

QString Account::formatFingerprint(const QByteArray &hexFingerprint)
{
    return CertificateInfo::formatFingerprint(QByteArray::fromHex(hexFingerprint));
}

quint16 Account::defaultImapPort(Security security)
{
    return security == Security::ImplicitTls ? 993 : 143;
}

quint16 Account::defaultSmtpPort(Security security)
{
    return security == Security::ImplicitTls ? 465 : 587;
}

Identity Account::defaultIdentity() const
{
    if (!m_identities.isEmpty())
        return m_identities.constFirst();
    return Identity {m_displayName, m_address, {}};
}
