#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>

// How a new transport decides whom it talks to: the certificate authorities it accepts beyond
// the system's, the one certificate pinned by the user (its SHA-256 digest, raw bytes), and how
// long a connection attempt may take.
struct TransportPolicy
{
    QList<QSslCertificate> caCertificates;
    QByteArray pinnedDigest;
    int connectTimeoutMs = 30000;
};
