#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QString>

// What a person needs to decide whether to trust a server certificate, as plain values.
class CertificateInfo
{
public:
    CertificateInfo() = default;
    static CertificateInfo fromCertificate(const QSslCertificate &certificate);

    // The SHA-256 digest of the DER encoding: the value pinned per account.
    static QByteArray sha256Digest(const QSslCertificate &certificate);
    // "AB:CD:..." upper-case hex pairs, for display.
    static QString formatFingerprint(const QByteArray &digest);

    bool isNull() const { return m_digest.isEmpty(); }
    QString subject() const { return m_subject; }
    QString issuer() const { return m_issuer; }
    QStringList subjectAlternativeNames() const { return m_altNames; }
    QDateTime effectiveDate() const { return m_effective; }
    QDateTime expiryDate() const { return m_expiry; }
    bool isSelfSigned() const { return m_selfSigned; }
    QByteArray sha256() const { return m_digest; }
    QString fingerprint() const { return formatFingerprint(m_digest); }

private:
    QString m_subject;
    QString m_issuer;
    QStringList m_altNames;
    QDateTime m_effective;
    QDateTime m_expiry;
    bool m_selfSigned = false;
    QByteArray m_digest;
};
