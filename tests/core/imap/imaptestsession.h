#pragma once

// Shared by the IMAP session tests: settings and the scripted login prologue.

#include "imap/imapconnectionsettings.h"

#include <QByteArray>
#include <QList>

namespace ImapTestSession {

inline ImapConnectionSettings settings(Security security = Security::ImplicitTls)
{
    ImapConnectionSettings s;
    s.host = QStringLiteral("imap.example.test");
    s.port = security == Security::ImplicitTls ? 993 : 143;
    s.security = security;
    s.username = QStringLiteral("alice");
    s.password = QStringLiteral("secret");
    return s;
}

// Greeting and SASL-IR login over implicit TLS; capabilities after login are `caps`.
inline QList<QByteArray> prologue(const QByteArray &caps)
{
    return {"S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready",
            "C: h1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==",
            "S: h1 OK [CAPABILITY IMAP4rev1 " + caps + "] Logged in"};
}

} // namespace ImapTestSession
