#pragma once

#include "common/saslmechanism.h"
#include "net/security.h"

#include <QByteArray>
#include <QString>

// How long the client waits for each reply, after RFC 5321 4.5.3.2 (milliseconds).
struct SmtpTimeouts
{
    int greeting = 5 * 60 * 1000; // the 220 greeting
    int command = 5 * 60 * 1000; // EHLO, STARTTLS, AUTH, MAIL, RCPT, QUIT
    int dataStart = 2 * 60 * 1000; // DATA's 354
    int dataBlock = 3 * 60 * 1000; // between two chunks of the message leaving
    int dataEnd = 10 * 60 * 1000; // the reply to the final dot or BDAT LAST
};

// Where and how to submit mail (RFC 6409 / RFC 8314).
struct SmtpSettings
{
    QString host;
    quint16 port = 465;
    Security security = Security::ImplicitTls;
    QString userName; // empty: no AUTH
    QString password; // the access token for the OAuth mechanisms
    SaslMechanism mechanism = SaslMechanism::Auto;
    QByteArray ehloName = "localhost"; // the domain or address literal sent with EHLO
    SmtpTimeouts timeouts;
};
