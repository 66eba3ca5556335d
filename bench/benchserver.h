#pragma once

#include <QList>
#include <QSslCertificate>
#include <QString>

// Where `heron-bench imap` finds the server, and who it logs in as.
struct BenchServer
{
    QString host;
    quint16 port = 0;
    bool implicit = true;
    QString tlsName;
    QList<QSslCertificate> ca; // trusted in addition to the system's
    QString user;
    QString password;
    bool compress = true; // COMPRESS=DEFLATE where offered
};
