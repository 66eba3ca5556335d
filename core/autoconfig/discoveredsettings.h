#pragma once

#include "common/saslmechanism.h"
#include "net/security.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

// Server settings found for an address without asking the user (see AutoconfigLookup), with
// where they came from. Never an unencrypted choice: the sources refuse those.
struct DiscoveredSettings
{
    // In the order of trust: the first one that answers wins.
    enum class Source {
        None,
        ProviderConfig, // the domain's own autoconfig file
        Ispdb, // the ISP database, by the address's domain
        IspdbByMx, // the ISP database, by the domain of the mail exchanger
        Srv, // RFC 6186 SRV records
        Guess, // common host names that answered on the usual ports
    };

    struct Server
    {
        QString host;
        quint16 port = 0;
        Security security = Security::ImplicitTls;

        bool isValid() const { return !host.isEmpty() && port != 0; }
        bool operator==(const Server &) const = default;
    };

    Source source = Source::None;
    QString sourceDetail; // the URL or DNS name that answered
    QString displayName; // the provider's name, when it says
    Server imap;
    Server smtp;
    QString userName; // the login, placeholders filled in; empty: the address
    SaslMechanism mechanism = SaslMechanism::Auto;
    // The SHA-256 digests (in hexadecimal, as Account::fingerprint()) of the servers'
    // certificates that the user trusted while they were probed, to pin for the account; empty
    // where the certificate validated by itself.
    QByteArray imapTrustedCertificate;
    QByteArray smtpTrustedCertificate;

    bool isComplete() const { return imap.isValid() && smtp.isValid(); }
    bool operator==(const DiscoveredSettings &) const = default;
};

Q_DECLARE_METATYPE(DiscoveredSettings)
