#pragma once

#include "imapframer.h"

#include "common/saslmechanism.h"
#include "net/security.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

// What ImapConnection::open() needs. The password only lives here for the duration of the
// login; it never reaches a log.
struct ImapConnectionSettings
{
    QString host;
    quint16 port = 993;
    Security security = Security::ImplicitTls;
    QString username;
    QString password; // the access token for the OAuth mechanisms
    SaslMechanism mechanism = SaslMechanism::Auto;
    // Sent with ID (RFC 2971) when the server offers it.
    QList<std::pair<QByteArray, QByteArray>> clientId {{"name", "Heron"}, {"version", "0.1"}};
    // ENABLE CONDSTORE QRESYNC (and UTF8=ACCEPT) when offered.
    bool enableExtensions = true;
    // The framer's caps once logged in, and until then (greeting, STARTTLS, login: anyone on
    // the path may speak, so they are small).
    ImapFramer::Limits limits;
    ImapFramer::Limits limitsBeforeLogin = ImapFramer::Limits::beforeLogin();
    // Once logged in, body sections larger than limits.spoolThreshold go to files here as they
    // arrive (ImapFetchSection::spool); empty keeps them in memory.
    QString spoolDirectory;
    // COMPRESS=DEFLATE (RFC 4978) once logged in, when offered and the link is not compressed
    // already.
    bool compress = true;
    // IDLE is ended and restarted after this long (RFC 9051: before 30 minutes).
    int idleRenewMs = 28 * 60 * 1000;
};
