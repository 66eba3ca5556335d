#pragma once

#include "autoconfig/discoveredsettings.h"
#include "autoconfig/publicsuffixlist.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <memory>

class QDnsLookup;
class QSettings;
class QNetworkAccessManager;
class QNetworkReply;
class ServerProbe;

// Finds the servers of an address from the address alone, asking four sources at once and
// answering with the most trusted one that knows (DiscoveredSettings::Source is the order):
//
// 1. the domain's own autoconfig file (https://autoconfig.<domain>/mail/config-v1.1.xml, then
//    https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml; the address is sent as
//    emailaddress; never any credential),
// 2. the ISP database by domain, then by the domain of the domain's mail exchanger (MX),
// 3. RFC 6186 SRV records, implicit TLS (RFC 8314) before STARTTLS,
// 4. imap., mail. and smtp. hosts probed on 993, 143 (STARTTLS), 465 and 587 (STARTTLS).
//
// Nothing unencrypted is ever chosen, and no password is sent: the caller shows the result for
// confirmation. Without a complete answer within the time allowed, finished() hands over what
// was found (possibly nothing) so that the user can fill in the rest.
//
// A guessed server whose certificate does not validate is not refused at once: once guessing
// is what decides (every more trusted source found nothing, or the time is up), the user is
// asked with certificateTrustRequested(), once per certificate, and the lookup waits, its time
// limit paused, for answerTrust(). A trusted certificate's digest comes with the server found
// (to pin for the account); a refused one is reported, and nothing less secure is tried.
class AutoconfigLookup : public QObject
{
    Q_OBJECT
public:
    using Source = DiscoveredSettings::Source;

    struct Settings
    {
        // %DOMAIN% and %EMAIL% (percent-encoded) are replaced. Tried in this order.
        QStringList providerUrls {
                QStringLiteral(
                        "https://autoconfig.%DOMAIN%/mail/config-v1.1.xml?emailaddress=%EMAIL%"),
                QStringLiteral("https://%DOMAIN%/.well-known/autoconfig/mail/"
                               "config-v1.1.xml?emailaddress=%EMAIL%")};
        // The ISP database: <base><domain> answers the file for a domain.
        QUrl ispdbBase {QStringLiteral("https://autoconfig.thunderbird.net/v1.1/")};
        // Where DNS questions go (SRV, MX, and the addresses of guessed hosts); null: the
        // system's resolver.
        QHostAddress nameServer;
        // The Public Suffix List, for the domain of a mail exchanger (the ISP database by MX);
        // without it, a host's last two labels are taken.
        QString publicSuffixFile {PublicSuffixList::systemFile()};
        // Extra certificate authorities trusted for HTTPS and probes (tests).
        QList<QSslCertificate> caCertificates;
        // The whole lookup; then the best found so far is answered.
        int timeoutMs = 10000;
        // Each HTTP request and each probe.
        int requestTimeoutMs = 5000;
        // The ports guessed, per protocol and security.
        quint16 imapTlsPort = 993;
        quint16 imapStartTlsPort = 143;
        quint16 smtpTlsPort = 465;
        quint16 smtpStartTlsPort = 587;
        // The sources asked (all by default); tests ask one at a time.
        QList<Source> sources {Source::ProviderConfig, Source::Ispdb, Source::IspdbByMx,
                               Source::Srv, Source::Guess};
    };

    // The settings kept under "autoconfig/" (providerUrls, ispdbBase, nameServer, publicSuffixFile, caFile,
    // imapTlsPort, imapStartTlsPort, smtpTlsPort, smtpStartTlsPort, and sources: a list of
    // provider, ispdb, ispdb-mx, srv, guess); the defaults where unset.
    static Settings settingsFrom(const QSettings &settings);

    explicit AutoconfigLookup(QObject *parent = nullptr);
    ~AutoconfigLookup() override;

    void setSettings(const Settings &settings) { m_settings = settings; }
    Settings settings() const { return m_settings; }

    // Starts looking for address's servers; an earlier lookup is abandoned.
    void start(const QString &address);
    void cancel();
    bool isRunning() const { return m_running; }

    // How long each source took to answer (found or not), in milliseconds; -1 while pending.
    qint64 elapsedMs(Source source) const { return m_elapsed.value(source, -1); }
    // What each source said when it found nothing (for the log and the tests).
    QString failure(Source source) const { return m_failures.value(source); }

    static QString describe(Source source);

    // The answer to certificateTrustRequested(): every guessed server showing that certificate
    // goes on (trust) or fails.
    void answerTrust(bool trust);
    bool isAwaitingTrust() const { return !m_askedDigest.isEmpty(); }

Q_SIGNALS:
    // The certificate of a guessed server does not validate, for reasons; answer with
    // answerTrust(). Withdrawn when finished() comes first (the lookup was cancelled).
    void certificateTrustRequested(const QString &host, const QList<QSslCertificate> &chain,
                                   const QString &reasons);
    // settings.source is Source::None when nothing complete was found; settings then holds what
    // was (a server of one kind), and error says why.
    void finished(const DiscoveredSettings &settings, const QString &error);

private:
    enum class Outcome { Pending, Found, Failed };

    void startProvider(int index);
    void startIspdb(Source source, const QString &domain);
    void startMx();
    void startSrv();
    void startGuess();
    void fetch(const QUrl &url, std::function<void(const QByteArray &, const QString &)> done);
    void sourceFound(Source source, DiscoveredSettings settings);
    void sourceFailed(Source source, const QString &why);
    void decide(bool timedOut);
    QDnsLookup *dns(int type, const QString &name);
    void probe(ServerProbe *probe, const QString &host);
    void guessDone();
    void askTrust();

    Settings m_settings;
    QString m_address;
    QString m_domain;
    bool m_running = false;
    QElapsedTimer m_clock;
    QTimer m_timeout;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QHash<Source, Outcome> m_outcomes;
    QHash<Source, DiscoveredSettings> m_found;
    QHash<Source, qint64> m_elapsed;
    QHash<Source, QString> m_failures;
    // SRV: answers pending and what they gave.
    int m_srvPending = 0;
    QList<std::pair<int, DiscoveredSettings::Server>> m_srvImap; // (rank, server)
    QList<std::pair<int, DiscoveredSettings::Server>> m_srvSmtp;
    // Guessing: probes pending and those that answered.
    int m_probesPending = 0;
    QList<std::pair<int, DiscoveredSettings::Server>> m_guessImap;
    QList<std::pair<int, DiscoveredSettings::Server>> m_guessSmtp;
    // Guessed servers waiting for the user's trust, the certificate asked about, the answers.
    QList<QPointer<ServerProbe>> m_trustWaiting;
    QHash<const ServerProbe *, QList<QSslCertificate>> m_trustChains;
    QHash<const ServerProbe *, QString> m_trustReasons;
    QByteArray m_askedDigest;
    QList<QByteArray> m_trustedDigests;
    QList<QByteArray> m_refusedDigests;
    QStringList m_refusedHosts;
    QHash<std::pair<bool, QString>, QByteArray> m_guessTrusted; // (imap, host) -> digest
    int m_timeLeftMs = 0; // of the time limit, while the user is asked
    bool m_timedOut = false;
    DiscoveredSettings m_partial; // servers found by a source that did not find both
    quint64 m_generation = 0;
};
