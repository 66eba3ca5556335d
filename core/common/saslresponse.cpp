#include "saslresponse.h"

QByteArray SaslResponse::plain(const QString &user, const QString &password)
{
    return QByteArray() + '\0' + user.toUtf8() + '\0' + password.toUtf8();
}

QByteArray SaslResponse::xoauth2(const QString &user, const QString &accessToken)
{
    return "user=" + user.toUtf8() + "\x01" + "auth=Bearer " + accessToken.toUtf8() + "\x01\x01";
}

QByteArray SaslResponse::oauthBearer(const QString &user, const QString &host, quint16 port,
                                     const QString &accessToken)
{
    // RFC 5801 saslname: "," and "=" in the authorization identity are escaped.
    QByteArray name = user.toUtf8();
    name.replace('=', "=3D").replace(',', "=2C");
    return "n,a=" + name + ",\x01" + "host=" + host.toUtf8() + "\x01" + "port="
           + QByteArray::number(port) + "\x01" + "auth=Bearer " + accessToken.toUtf8() + "\x01\x01";
}

QByteArray SaslResponse::oauthErrorAcknowledgement(bool oauthBearer)
{
    return oauthBearer ? QByteArray("\x01") : QByteArray();
}
