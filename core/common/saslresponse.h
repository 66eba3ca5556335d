#pragma once

#include <QByteArray>
#include <QString>

// The client's SASL messages for the mechanisms IMAP and submission share, unencoded (the
// caller base64-encodes them for the wire). Pure functions: no sockets, no state.
class SaslResponse
{
public:
    // RFC 4616: authzid NUL authcid NUL passwd, with an empty authzid.
    static QByteArray plain(const QString &user, const QString &password);
    // Google's and Microsoft's XOAUTH2: "user=" user ^A "auth=Bearer " token ^A ^A.
    static QByteArray xoauth2(const QString &user, const QString &accessToken);
    // RFC 7628 OAUTHBEARER: the GS2 header naming the user, then host, port and the bearer token
    // as key=value pairs separated by ^A, ended by ^A ^A.
    static QByteArray oauthBearer(const QString &user, const QString &host, quint16 port,
                                  const QString &accessToken);
    // What the client answers to an OAuth error challenge so that the server ends the exchange
    // with its failure reply (RFC 7628 3.2.3: a lone ^A; XOAUTH2 takes an empty response).
    static QByteArray oauthErrorAcknowledgement(bool oauthBearer);
};
