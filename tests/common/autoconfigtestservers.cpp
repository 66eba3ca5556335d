#include "autoconfigtestservers.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>

using namespace Qt::StringLiterals;
using Source = DiscoveredSettings::Source;

namespace {

QByteArray configFile(const QByteArray &imapHost, const QByteArray &smtpHost,
                      const QByteArray &socket = "SSL")
{
    return "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\"><emailProvider id=\"x\">"
           "<displayName>Test</displayName>"
           "<incomingServer type=\"imap\"><hostname>"
           + imapHost + "</hostname><port>993</port><socketType>" + socket
           + "</socketType><username>%EMAILADDRESS%</username>"
             "<authentication>password-cleartext</authentication></incomingServer>"
             "<outgoingServer type=\"smtp\"><hostname>"
           + smtpHost + "</hostname><port>465</port><socketType>" + socket
           + "</socketType><username>%EMAILADDRESS%</username>"
             "<authentication>password-cleartext</authentication></outgoingServer>"
             "</emailProvider></clientConfig>\n";
}

// HTTPS/1.1 on loopback: answers GET by Host and path, records each request head.
} // namespace

class HttpsServer : public QTcpServer
{
public:
    struct Route
    {
        QByteArray body;
        bool hang = false; // accept and never answer
        qsizetype hugeSize = 0; // stream this many bytes, without Content-Length
    };

    HttpsServer(const QSslCertificate &certificate, const QSslKey &key)
        : m_certificate(certificate)
        , m_key(key)
    { }

    void route(const QByteArray &host, const QByteArray &path, const Route &route)
    {
        m_routes.insert(host + path, route);
    }
    QList<QByteArray> requests;

protected:
    void incomingConnection(qintptr handle) override
    {
        auto *socket = new QSslSocket(this);
        socket->setSocketDescriptor(handle);
        socket->setLocalCertificate(m_certificate);
        socket->setPrivateKey(m_key);
        connect(socket, &QSslSocket::readyRead, this, [this, socket] { onRead(socket); });
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        socket->startServerEncryption();
    }

private:
    void onRead(QSslSocket *socket)
    {
        QByteArray head = socket->property("head").toByteArray() + socket->readAll();
        socket->setProperty("head", head);
        if (!head.contains("\r\n\r\n"))
            return;
        requests.append(head);
        const QList<QByteArray> lines = head.split('\n');
        QByteArray path = lines.value(0).split(' ').value(1);
        path = path.left(path.indexOf('?') < 0 ? path.size() : path.indexOf('?'));
        QByteArray host;
        for (const QByteArray &line : lines)
            if (line.toLower().startsWith("host:"))
                host = line.mid(5).trimmed().split(':').value(0);
        const auto it = m_routes.constFind(host + path);
        if (it == m_routes.cend()) {
            socket->write(
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
            return;
        }
        if (it->hang)
            return;
        if (it->hugeSize > 0) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n");
            const QByteArray chunk(64 * 1024, ' ');
            for (qsizetype sent = 0; sent < it->hugeSize; sent += chunk.size())
                socket->write(chunk);
            socket->disconnectFromHost();
            return;
        }
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: "
                      + QByteArray::number(it->body.size()) + "\r\nConnection: close\r\n\r\n"
                      + it->body);
        socket->disconnectFromHost();
    }

    QSslCertificate m_certificate;
    QSslKey m_key;
    QHash<QByteArray, Route> m_routes;
};

// Implicit TLS, then a greeting: enough for a probe to recognise IMAP or SMTP.
class Greeter : public QTcpServer
{
public:
    Greeter(const QSslCertificate &certificate, const QSslKey &key, const QByteArray &greeting)
        : m_certificate(certificate)
        , m_key(key)
        , m_greeting(greeting)
    { }

protected:
    void incomingConnection(qintptr handle) override
    {
        auto *socket = new QSslSocket(this);
        socket->setSocketDescriptor(handle);
        socket->setLocalCertificate(m_certificate);
        socket->setPrivateKey(m_key);
        connect(socket, &QSslSocket::encrypted, socket,
                [this, socket] { socket->write(m_greeting + "\r\n"); });
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        socket->startServerEncryption();
    }

private:
    QSslCertificate m_certificate;
    QSslKey m_key;
    QByteArray m_greeting;
};

namespace {

bool run(const QString &program, const QStringList &arguments, const QString &directory)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning() << program << arguments << process.readAll();
        return false;
    }
    return true;
}

} // namespace

AutoconfigTestServers::AutoconfigTestServers(QObject *parent)
    : QObject(parent)
{ }

AutoconfigTestServers::~AutoconfigTestServers()
{
    stop();
}

void AutoconfigTestServers::stop()
{
    if (m_dnsmasq.state() != QProcess::NotRunning) {
        m_dnsmasq.terminate();
        m_dnsmasq.waitForFinished(5000);
    }
}

quint16 AutoconfigTestServers::imapPort() const
{
    return m_imap ? m_imap->serverPort() : 0;
}

quint16 AutoconfigTestServers::smtpPort() const
{
    return m_smtp ? m_smtp->serverPort() : 0;
}

quint16 AutoconfigTestServers::httpsPort() const
{
    return m_https ? m_https->serverPort() : 0;
}

QString AutoconfigTestServers::caFile() const
{
    return m_dir.filePath(u"ca.pem"_s);
}

QList<QByteArray> AutoconfigTestServers::httpRequests() const
{
    return m_https ? m_https->requests : QList<QByteArray>();
}

void AutoconfigTestServers::clearHttpRequests()
{
    if (m_https)
        m_https->requests.clear();
}

QString AutoconfigTestServers::start()
{
    if (!m_dir.isValid())
        return u"no temporary folder"_s;
    const QString d = m_dir.path();
    // A throwaway CA and a certificate for every test name.
    QFile ext(m_dir.filePath(u"server.ext"_s));
    if (!ext.open(QIODevice::WriteOnly))
        return u"cannot write in the temporary folder"_s;
    ext.write("subjectAltName=DNS:example.test,DNS:*.example.test,DNS:ispdb.test,"
              "DNS:wellknown.test,DNS:*.srvonly.test,DNS:*.plain.test,DNS:*.huge.test,"
              "DNS:*.slow.test,DNS:*.hosting.test,IP:127.0.0.1\n");
    ext.close();
    const QString openssl = u"openssl"_s;
    if (!run(openssl,
             {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
              u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-keyout"_s,
              u"ca.key"_s, u"-out"_s, u"ca.pem"_s, u"-subj"_s, u"/CN=Heron autoconfig test CA"_s},
             d))
        return u"openssl could not make the certificates"_s;
    if (!run(openssl,
             {u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
              u"-nodes"_s, u"-keyout"_s, u"server.key"_s, u"-out"_s, u"server.csr"_s, u"-subj"_s,
              u"/CN=example.test"_s},
             d))
        return u"openssl could not make the certificates"_s;
    if (!run(openssl,
             {u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.pem"_s, u"-CAkey"_s,
              u"ca.key"_s, u"-CAcreateserial"_s, u"-days"_s, u"2"_s, u"-extfile"_s, u"server.ext"_s,
              u"-out"_s, u"server.pem"_s},
             d))
        return u"openssl could not make the certificates"_s;
    m_ca = QSslCertificate::fromPath(m_dir.filePath(u"ca.pem"_s));
    if (m_ca.size() != 1)
        return u"the test CA cannot be read"_s;
    const QSslCertificate certificate = QSslCertificate::fromPath(m_dir.filePath(u"server.pem"_s))
                                                .value(0);
    QFile keyFile(m_dir.filePath(u"server.key"_s));
    if (!keyFile.open(QIODevice::ReadOnly))
        return u"the test key cannot be read"_s;
    const QSslKey key(&keyFile, QSsl::Ec);
    if (certificate.isNull() || key.isNull())
        return u"the test certificate cannot be read"_s;

    m_https = std::make_unique<HttpsServer>(certificate, key);
    if (!m_https->listen(QHostAddress::LocalHost))
        return m_https->errorString();
    m_imap = std::make_unique<Greeter>(certificate, key, "* OK [CAPABILITY IMAP4rev1] ready");
    if (!m_imap->listen(QHostAddress::LocalHost))
        return m_imap->errorString();
    m_smtp = std::make_unique<Greeter>(certificate, key, "220 smtp.example.test ESMTP");
    if (!m_smtp->listen(QHostAddress::LocalHost))
        return m_smtp->errorString();

    using Route = HttpsServer::Route;
    m_https->route("autoconfig.example.test", "/mail/config-v1.1.xml",
                   Route {configFile("provider-imap.example.test", "provider-smtp.example.test")});
    m_https->route("ispdb.test", "/v1.1/example.test",
                   Route {configFile("ispdb-imap.example.test", "ispdb-smtp.example.test")});
    m_https->route("ispdb.test", "/v1.1/hosting.test",
                   Route {configFile("hosted-imap.hosting.test", "hosted-smtp.hosting.test")});
    // A provider whose mail exchangers sit under a two-label public suffix (as "co.uk"): the
    // test's Public Suffix List names "co.test" one.
    m_https->route("ispdb.test", "/v1.1/hosting.co.test",
                   Route {configFile("hosted-imap.hosting.co.test",
                                     "hosted-smtp.hosting.co.test")});
    m_https->route("wellknown.test", "/.well-known/autoconfig/mail/config-v1.1.xml",
                   Route {configFile("imap.wellknown.test", "smtp.wellknown.test")});
    m_https->route("autoconfig.plain.test", "/mail/config-v1.1.xml",
                   Route {configFile("imap.plain.test", "smtp.plain.test", "plain")});
    m_https->route("autoconfig.huge.test", "/mail/config-v1.1.xml",
                   Route {{}, false, 10 * 1024 * 1024});
    m_https->route("autoconfig.slow.test", "/mail/config-v1.1.xml", Route {{}, true, 0});

    // dnsmasq on a loopback address of its own: A, MX and SRV records of the test domains.
    const QString imapPort = QString::number(m_imap->serverPort());
    const QString smtpPort = QString::number(m_smtp->serverPort());
    QStringList conf {u"no-resolv"_s, u"no-hosts"_s, u"bind-interfaces"_s, u"port=53"_s,
                      u"mx-host=example.test,mx1.hosting.test,10"_s,
                      u"mx-host=shop.test,mx.eu.hosting.co.test,10"_s,
                      u"srv-host=_imaps._tcp.example.test,srv-imap.example.test,"_s + imapPort
                              + u",0,1"_s,
                      u"srv-host=_submissions._tcp.example.test,srv-smtp.example.test,"_s + smtpPort
                              + u",0,1"_s,
                      // STARTTLS ones rank after implicit TLS whatever their priority.
                      u"srv-host=_imap._tcp.example.test,starttls-imap.example.test,143,0,0"_s,
                      u"srv-host=_submission._tcp.example.test,starttls-smtp.example.test,587,0,0"_s,
                      u"srv-host=_imaps._tcp.srvonly.test,srv-imap.srvonly.test,"_s + imapPort
                              + u",0,1"_s,
                      u"srv-host=_submissions._tcp.srvonly.test,srv-smtp.srvonly.test,"_s + smtpPort
                              + u",0,1"_s};
    for (const char *name :
         {"autoconfig.example.test", "ispdb.test", "imap.example.test", "smtp.example.test",
          "wellknown.test", "imap.srvonly.test", "smtp.srvonly.test", "autoconfig.plain.test",
          "autoconfig.huge.test", "autoconfig.slow.test", "imap.slow.test", "smtp.slow.test"})
        conf.append(u"host-record="_s + QLatin1StringView(name) + u",127.0.0.1"_s);
    for (int attempt = 0; attempt < 5 && m_nameServer.isNull(); ++attempt) {
        const quint32 random = QRandomGenerator::global()->bounded(1u, 65000u);
        const QHostAddress address(0x7f350000u | random); // 127.53.x.y
        QFile file(m_dir.filePath(u"dnsmasq.conf"_s));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return u"cannot write the dnsmasq configuration"_s;
        file.write(
                (conf.join(u'\n') + u"\nlisten-address="_s + address.toString() + u'\n').toUtf8());
        file.close();
        m_dnsmasq.setProcessChannelMode(QProcess::MergedChannels);
        m_dnsmasq.start(u"dnsmasq"_s,
                        {u"--keep-in-foreground"_s, u"--conf-file="_s + file.fileName(),
                         u"--pid-file"_s, u"--log-facility=-"_s});
        if (!m_dnsmasq.waitForStarted(5000))
            return u"dnsmasq could not be started (scripts/install-deps installs dnsmasq-base)"_s;
        if (m_dnsmasq.waitForFinished(700)) {
            qWarning() << "dnsmasq:" << m_dnsmasq.readAll();
            continue; // the address was taken, or no right to port 53
        }
        m_nameServer = address;
    }
    if (m_nameServer.isNull())
        return u"dnsmasq did not stay up on any loopback address"_s;

    QFile suffixes(m_dir.filePath(u"public_suffix_list.dat"_s));
    if (!suffixes.open(QIODevice::WriteOnly) || suffixes.write("test\nco.test\n") < 0)
        return u"cannot write the test Public Suffix List"_s;
    return {};
}

AutoconfigLookup::Settings AutoconfigTestServers::settings(const QList<Source> &sources) const
{
    const QString port = QString::number(m_https->serverPort());
    AutoconfigLookup::Settings s;
    s.providerUrls
            = {u"https://autoconfig.%DOMAIN%:"_s + port
                       + u"/mail/config-v1.1.xml?emailaddress=%EMAIL%"_s,
               u"https://%DOMAIN%:"_s + port
                       + u"/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=%EMAIL%"_s};
    s.ispdbBase = QUrl(u"https://ispdb.test:"_s + port + u"/v1.1/"_s);
    s.nameServer = m_nameServer;
    s.publicSuffixFile = m_dir.filePath(u"public_suffix_list.dat"_s);
    s.caCertificates = m_ca;
    s.imapTlsPort = m_imap->serverPort();
    s.smtpTlsPort = m_smtp->serverPort();
    s.imapStartTlsPort = 1; // nothing listens: refused at once
    s.smtpStartTlsPort = 1;
    s.sources = sources;
    return s;
}
