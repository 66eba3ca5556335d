#pragma once

#include <QList>
#include <QMetaType>
#include <QSslCertificate>
#include <QString>

// What testing one server of an account found out, precise enough to tell the user what to fix.
struct ConnectionTestResult
{
    enum class Server { Imap, Smtp };
    enum class Outcome {
        Success,
        HostNotFound, // name lookup failed
        ConnectionRefused, // nothing listens on that port
        Timeout, // no answer in time
        TlsFailure, // handshake failed (protocol, cipher, not TLS on this port)
        CertificateUntrusted, // the chain did not validate or differs from the pinned one
        StartTlsUnavailable, // STARTTLS was chosen and the server does not offer it
        AuthenticationFailed, // the server refused the user name or password
        ProtocolError, // the server answered, but not as expected
        Cancelled,
    };

    Server server = Server::Imap;
    Outcome outcome = Outcome::Success;
    QString detail; // technical detail (socket error text, reasons)
    QString serverText; // the server's own words, if any
    QList<QSslCertificate> certificateChain; // for TLS outcomes: the chain the server sent

    bool isSuccess() const { return outcome == Outcome::Success; }
};

Q_DECLARE_METATYPE(ConnectionTestResult)
