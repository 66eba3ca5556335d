#pragma once

#include "autoconfig/autoconfiglookup.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

class Greeter;
class HttpsServer;

// Everything AutoconfigLookup asks, on loopback, for the test domains (example.test and a few
// more, see the .cpp): an HTTPS server with a throwaway CA (made by openssl) serving the
// domains' autoconfig files and an ISP database, dnsmasq answering A, MX and SRV questions on a
// loopback address of its own (127.53.x.y, port 53: needs root), and two TLS servers greeting
// as IMAP and SMTP for the probes. Used by the tests and by heron-autoconfig-testservers.
class AutoconfigTestServers : public QObject
{
    Q_OBJECT
public:
    explicit AutoconfigTestServers(QObject *parent = nullptr);
    ~AutoconfigTestServers() override;

    // Empty when everything runs, else what failed.
    QString start();
    void stop();

    // Lookup settings pointing at these servers, asking the given sources.
    AutoconfigLookup::Settings settings(const QList<DiscoveredSettings::Source> &sources) const;
    quint16 imapPort() const;
    quint16 smtpPort() const;
    quint16 httpsPort() const;
    QHostAddress nameServer() const { return m_nameServer; }
    QString caFile() const;
    // The heads of the HTTP requests received, oldest first.
    QList<QByteArray> httpRequests() const;
    void clearHttpRequests();

private:
    QTemporaryDir m_dir;
    QList<QSslCertificate> m_ca;
    std::unique_ptr<HttpsServer> m_https;
    std::unique_ptr<Greeter> m_imap;
    std::unique_ptr<Greeter> m_smtp;
    QProcess m_dnsmasq;
    QHostAddress m_nameServer;
};
