#include "certificateinfo.h"

#include <QCryptographicHash>

namespace {

QString describe(const QSslCertificate &certificate, bool issuer)
{
    const auto name = [&](QSslCertificate::SubjectInfo field) {
        const QStringList values = issuer ? certificate.issuerInfo(field)
                                          : certificate.subjectInfo(field);
        return values.join(QStringLiteral(", "));
    };
    QStringList parts;
    const QString cn = name(QSslCertificate::CommonName);
    const QString org = name(QSslCertificate::Organization);
    if (!cn.isEmpty())
        parts.append(QStringLiteral("CN=") + cn);
    if (!org.isEmpty())
        parts.append(QStringLiteral("O=") + org);
    if (parts.isEmpty())
        return issuer ? certificate.issuerDisplayName() : certificate.subjectDisplayName();
    return parts.join(QStringLiteral(", "));
}

} // namespace

CertificateInfo CertificateInfo::fromCertificate(const QSslCertificate &certificate)
{
    CertificateInfo info;
    if (certificate.isNull())
        return info;
    info.m_subject = describe(certificate, false);
    info.m_issuer = describe(certificate, true);
    const auto alt = certificate.subjectAlternativeNames();
    for (auto it = alt.cbegin(); it != alt.cend(); ++it)
        info.m_altNames.append(it.value());
    info.m_effective = certificate.effectiveDate();
    info.m_expiry = certificate.expiryDate();
    info.m_selfSigned = certificate.isSelfSigned();
    info.m_digest = sha256Digest(certificate);
    return info;
}

QByteArray CertificateInfo::sha256Digest(const QSslCertificate &certificate)
{
    return certificate.isNull() ? QByteArray() : certificate.digest(QCryptographicHash::Sha256);
}

QString CertificateInfo::formatFingerprint(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex(':').toUpper());
}
