#include "accounts/account.h"

#include <QCryptographicHash>
#include <QSslCertificate>
#include <QUuid>

Account::Account()
    : m_id(generateId())
{ }

QString Account::generateId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray Account::fingerprint(const QSslCertificate &certificate)
{
    return certificate.digest(QCryptographicHash::Sha256).toHex();
}

QString Account::formatFingerprint(const QByteArray &hexFingerprint)
{
    const QByteArray upper = hexFingerprint.toUpper();
    QString out;
    out.reserve(upper.size() * 3 / 2);
    for (qsizetype i = 0; i < upper.size(); i += 2) {
        if (!out.isEmpty())
            out += QLatin1Char(':');
        out += QString::fromLatin1(upper.mid(i, 2));
    }
    return out;
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
