#include "autoconfiglookup.h"

#include "autoconfig/autoconfigparser.h"
#include "autoconfig/serverprobe.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDnsLookup>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSettings>
#include <QSslConfiguration>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAutoconfig, "mail.autoconfig", QtWarningMsg)

namespace {

using Ranked = std::pair<int, DiscoveredSettings::Server>;

std::optional<DiscoveredSettings::Server> best(QList<Ranked> list)
{
    if (list.isEmpty())
        return std::nullopt;
    std::stable_sort(list.begin(), list.end(),
                     [](const Ranked &a, const Ranked &b) { return a.first < b.first; });
    return list.constFirst().second;
}

} // namespace

AutoconfigLookup::Settings AutoconfigLookup::settingsFrom(const QSettings &stored)
{
    Settings s;
    const QStringList urls = stored.value(u"autoconfig/providerUrls"_s).toStringList();
    if (!urls.isEmpty())
        s.providerUrls = urls;
    const QString ispdb = stored.value(u"autoconfig/ispdbBase"_s).toString();
    if (!ispdb.isEmpty())
        s.ispdbBase = QUrl(ispdb);
    s.nameServer = QHostAddress(stored.value(u"autoconfig/nameServer"_s).toString());
    s.publicSuffixFile = stored.value(u"autoconfig/publicSuffixFile"_s, s.publicSuffixFile)
                                 .toString();
    const QString ca = stored.value(u"autoconfig/caFile"_s).toString();
    if (!ca.isEmpty())
        s.caCertificates = QSslCertificate::fromPath(ca);
    const auto port = [&stored](const QString &key, quint16 fallback) {
        const uint value = stored.value(key, fallback).toUInt();
        return value > 0 && value <= 65535 ? quint16(value) : fallback;
    };
    s.imapTlsPort = port(u"autoconfig/imapTlsPort"_s, s.imapTlsPort);
    s.imapStartTlsPort = port(u"autoconfig/imapStartTlsPort"_s, s.imapStartTlsPort);
    s.smtpTlsPort = port(u"autoconfig/smtpTlsPort"_s, s.smtpTlsPort);
    s.smtpStartTlsPort = port(u"autoconfig/smtpStartTlsPort"_s, s.smtpStartTlsPort);
    if (stored.contains(u"autoconfig/sources"_s)) {
        const QStringList names = stored.value(u"autoconfig/sources"_s).toStringList();
        const std::pair<const char *, Source> known[] = {{"provider", Source::ProviderConfig},
                                                         {"ispdb", Source::Ispdb},
                                                         {"ispdb-mx", Source::IspdbByMx},
                                                         {"srv", Source::Srv},
                                                         {"guess", Source::Guess}};
        s.sources.clear();
        for (const auto &[name, source] : known)
            if (names.contains(QLatin1StringView(name)))
                s.sources.append(source);
    }
    return s;
}

AutoconfigLookup::AutoconfigLookup(QObject *parent)
    : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] { decide(true); });
}

AutoconfigLookup::~AutoconfigLookup() = default;

QString AutoconfigLookup::describe(Source source)
{
    switch (source) {
    case Source::ProviderConfig:
        return tr("from the provider's configuration");
    case Source::Ispdb:
        return tr("from the ISP database");
    case Source::IspdbByMx:
        return tr("from the ISP database, by the domain's mail server");
    case Source::Srv:
        return tr("from the domain's DNS records (SRV)");
    case Source::Guess:
        return tr("guessed — check");
    case Source::None:
        break;
    }
    return tr("not found");
}

void AutoconfigLookup::start(const QString &address)
{
    cancel();
    ++m_generation;
    m_address = address.trimmed();
    m_domain = m_address.section(u'@', 1).toLower();
    m_outcomes.clear();
    m_found.clear();
    m_elapsed.clear();
    m_failures.clear();
    m_srvImap.clear();
    m_srvSmtp.clear();
    m_guessImap.clear();
    m_guessSmtp.clear();
    m_trustedDigests.clear();
    m_refusedDigests.clear();
    m_refusedHosts.clear();
    m_guessTrusted.clear();
    m_timedOut = false;
    m_partial = DiscoveredSettings();
    m_running = true;
    m_clock.start();
    if (m_domain.isEmpty() || !m_address.contains(u'@')) {
        m_running = false;
        const QString error = tr("“%1” is not an e-mail address.").arg(m_address);
        QMetaObject::invokeMethod(
                this, [this, error] { Q_EMIT finished({}, error); }, Qt::QueuedConnection);
        return;
    }
    m_network = std::make_unique<QNetworkAccessManager>();
    for (const Source source : std::as_const(m_settings.sources))
        m_outcomes.insert(source, Outcome::Pending);
    m_timeout.start(m_settings.timeoutMs);
    if (m_settings.sources.contains(Source::ProviderConfig))
        startProvider(0);
    if (m_settings.sources.contains(Source::Ispdb))
        startIspdb(Source::Ispdb, m_domain);
    if (m_settings.sources.contains(Source::IspdbByMx))
        startMx();
    if (m_settings.sources.contains(Source::Srv))
        startSrv();
    if (m_settings.sources.contains(Source::Guess))
        startGuess();
    if (m_settings.sources.isEmpty()) // nothing to ask: nothing found, said later as always
        QMetaObject::invokeMethod(
                this,
                [this, generation = m_generation] {
                    if (generation == m_generation)
                        decide(false);
                },
                Qt::QueuedConnection);
}

void AutoconfigLookup::cancel()
{
    ++m_generation;
    m_running = false;
    m_timeout.stop();
    m_trustWaiting.clear();
    m_trustChains.clear();
    m_trustReasons.clear();
    m_askedDigest.clear();
    // Aborts the requests; later, as this may run inside one of their slots.
    if (m_network)
        m_network.release()->deleteLater();
    const auto children = findChildren<QObject *>(Qt::FindDirectChildrenOnly);
    for (QObject *child : children)
        if (qobject_cast<ServerProbe *>(child) || qobject_cast<QDnsLookup *>(child))
            child->deleteLater();
}

QDnsLookup *AutoconfigLookup::dns(int type, const QString &name)
{
    auto *lookup = new QDnsLookup(QDnsLookup::Type(type), name, this);
    if (!m_settings.nameServer.isNull())
        lookup->setNameserver(m_settings.nameServer);
    connect(lookup, &QDnsLookup::finished, lookup, &QObject::deleteLater);
    return lookup;
}

void AutoconfigLookup::fetch(const QUrl &url,
                             std::function<void(const QByteArray &, const QString &)> done)
{
    const quint64 generation = m_generation;
    const auto request = [this, generation, url, done](const QString &address) {
        if (generation != m_generation || !m_network)
            return;
        QUrl target = url;
        QNetworkRequest req;
        if (!address.isEmpty()) {
            // Resolved through the configured name server: connect there, check the name.
            target.setHost(address);
            req.setPeerVerifyName(url.host());
            req.setRawHeader("Host",
                             url.port() > 0
                                     ? (url.host() + u':' + QString::number(url.port())).toUtf8()
                                     : url.host().toUtf8());
        }
        req.setUrl(target);
        req.setTransferTimeout(m_settings.requestTimeoutMs);
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
        req.setMaximumRedirectsAllowed(3);
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!m_settings.caCertificates.isEmpty())
            ssl.addCaCertificates(m_settings.caCertificates);
        req.setSslConfiguration(ssl);
        QNetworkReply *reply = m_network->get(req);
        auto tooLarge = std::make_shared<bool>(false);
        connect(reply, &QNetworkReply::metaDataChanged, this, [reply, tooLarge] {
            if (reply->header(QNetworkRequest::ContentLengthHeader).toLongLong()
                > AutoconfigParser::maxSize) {
                *tooLarge = true;
                reply->abort();
            }
        });
        connect(reply, &QNetworkReply::downloadProgress, this,
                [reply, tooLarge](qint64 received, qint64) {
                    if (received > AutoconfigParser::maxSize) {
                        *tooLarge = true;
                        reply->abort();
                    }
                });
        connect(reply, &QNetworkReply::finished, this, [this, generation, reply, done, tooLarge] {
            reply->deleteLater();
            if (generation != m_generation)
                return;
            if (*tooLarge) {
                done({}, tr("The configuration file is larger than any real one."));
                return;
            }
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (reply->error() != QNetworkReply::NoError || status != 200) {
                done({}, reply->errorString());
                return;
            }
            done(reply->read(AutoconfigParser::maxSize + 1), {});
        });
    };
    if (m_settings.nameServer.isNull()) {
        request({});
        return;
    }
    QDnsLookup *lookup = dns(QDnsLookup::A, url.host());
    connect(lookup, &QDnsLookup::finished, this, [this, lookup, request, done, generation] {
        if (generation != m_generation)
            return;
        const auto records = lookup->hostAddressRecords();
        if (lookup->error() != QDnsLookup::NoError || records.isEmpty()) {
            done({}, tr("%1 was not found").arg(lookup->name()));
            return;
        }
        request(records.constFirst().value().toString());
    });
    lookup->lookup();
}

void AutoconfigLookup::startProvider(int index)
{
    if (index >= m_settings.providerUrls.size()) {
        sourceFailed(Source::ProviderConfig,
                     m_failures.value(Source::ProviderConfig, tr("The domain publishes no "
                                                                 "configuration.")));
        return;
    }
    QString text = m_settings.providerUrls.at(index);
    text.replace("%DOMAIN%"_L1, m_domain);
    text.replace("%EMAIL%"_L1, QString::fromLatin1(QUrl::toPercentEncoding(m_address)));
    const QUrl url(text);
    fetch(url, [this, index, url](const QByteArray &body, const QString &error) {
        // Each place's reason is kept: the first may say more than a later "not found".
        const auto failed = [this, index, url](const QString &why) {
            const QString said = m_failures.value(Source::ProviderConfig);
            m_failures.insert(Source::ProviderConfig, (said.isEmpty() ? QString() : said + u"; "_s)
                                                              + url.host() + u": "_s + why);
            startProvider(index + 1);
        };
        if (!error.isEmpty()) {
            failed(error);
            return;
        }
        AutoconfigParser::Result parsed = AutoconfigParser::parse(body, m_address);
        if (!parsed.isOk()) {
            failed(parsed.error);
            return;
        }
        parsed.settings.sourceDetail = url.toString(QUrl::RemoveQuery);
        sourceFound(Source::ProviderConfig, parsed.settings);
    });
}

void AutoconfigLookup::startIspdb(Source source, const QString &domain)
{
    QUrl url = m_settings.ispdbBase;
    url.setPath(url.path() + domain);
    fetch(url, [this, source, url](const QByteArray &body, const QString &error) {
        if (!error.isEmpty()) {
            sourceFailed(source, error);
            return;
        }
        AutoconfigParser::Result parsed = AutoconfigParser::parse(body, m_address);
        if (!parsed.isOk()) {
            sourceFailed(source, parsed.error);
            return;
        }
        parsed.settings.sourceDetail = url.toString();
        sourceFound(source, parsed.settings);
    });
}

void AutoconfigLookup::startMx()
{
    QDnsLookup *lookup = dns(QDnsLookup::MX, m_domain);
    const quint64 generation = m_generation;
    connect(lookup, &QDnsLookup::finished, this, [this, lookup, generation] {
        if (generation != m_generation)
            return;
        QList<QDnsMailExchangeRecord> records = lookup->mailExchangeRecords();
        if (lookup->error() != QDnsLookup::NoError || records.isEmpty()) {
            sourceFailed(Source::IspdbByMx, tr("The domain has no mail exchanger (MX)."));
            return;
        }
        std::stable_sort(records.begin(), records.end(),
                         [](const QDnsMailExchangeRecord &a, const QDnsMailExchangeRecord &b) {
                             return a.preference() < b.preference();
                         });
        // The domain the mail exchanger belongs to: "aspmx.l.google.com" -> "google.com",
        // "mx1.mail.example.co.uk" -> "example.co.uk".
        const QString domain = PublicSuffixList::fromFile(m_settings.publicSuffixFile)
                                       .registrableDomain(records.constFirst().exchange());
        if (domain.isEmpty() || domain == m_domain) {
            sourceFailed(Source::IspdbByMx, tr("The mail exchanger is in the domain itself."));
            return;
        }
        startIspdb(Source::IspdbByMx, domain);
    });
    lookup->lookup();
}

void AutoconfigLookup::startSrv()
{
    // RFC 6186 with RFC 8314: implicit TLS ranks before STARTTLS; then SRV priority.
    struct Query
    {
        const char *prefix;
        bool imap;
        Security security;
    };
    static const Query queries[] = {{"_imaps._tcp.", true, Security::ImplicitTls},
                                    {"_imap._tcp.", true, Security::StartTls},
                                    {"_submissions._tcp.", false, Security::ImplicitTls},
                                    {"_submission._tcp.", false, Security::StartTls}};
    m_srvPending = int(std::size(queries));
    const quint64 generation = m_generation;
    for (const Query &query : queries) {
        QDnsLookup *lookup = dns(QDnsLookup::SRV, QLatin1StringView(query.prefix) + m_domain);
        connect(lookup, &QDnsLookup::finished, this, [this, lookup, query, generation] {
            if (generation != m_generation)
                return;
            if (lookup->error() == QDnsLookup::NoError) {
                for (const QDnsServiceRecord &record : lookup->serviceRecords()) {
                    QString target = record.target().toLower();
                    if (target.endsWith(u'.'))
                        target.chop(1);
                    if (target.isEmpty() || record.port() == 0)
                        continue; // "." : the service is not offered
                    const int rank = (query.security == Security::ImplicitTls ? 0 : 100000)
                                     + record.priority();
                    (query.imap ? m_srvImap : m_srvSmtp)
                            .append({rank, {target, record.port(), query.security}});
                }
            }
            if (--m_srvPending > 0)
                return;
            DiscoveredSettings found;
            found.sourceDetail = u"_imaps._tcp."_s + m_domain;
            if (const auto imap = best(m_srvImap))
                found.imap = *imap;
            if (const auto smtp = best(m_srvSmtp))
                found.smtp = *smtp;
            if (found.isComplete())
                sourceFound(Source::Srv, found);
            else {
                if (found.imap.isValid() && !m_partial.imap.isValid())
                    m_partial.imap = found.imap;
                if (found.smtp.isValid() && !m_partial.smtp.isValid())
                    m_partial.smtp = found.smtp;
                sourceFailed(Source::Srv, tr("The domain has no SRV records for IMAP and "
                                             "submission."));
            }
        });
        lookup->lookup();
    }
}

void AutoconfigLookup::startGuess()
{
    struct Guess
    {
        const char *prefix;
        ServerProbe::Protocol protocol;
        Security security;
        int rank;
    };
    const Guess guesses[] = {
            {"imap.", ServerProbe::Protocol::Imap, Security::ImplicitTls, 0},
            {"mail.", ServerProbe::Protocol::Imap, Security::ImplicitTls, 1},
            {"imap.", ServerProbe::Protocol::Imap, Security::StartTls, 2},
            {"mail.", ServerProbe::Protocol::Imap, Security::StartTls, 3},
            {"smtp.", ServerProbe::Protocol::Smtp, Security::ImplicitTls, 0},
            {"mail.", ServerProbe::Protocol::Smtp, Security::ImplicitTls, 1},
            {"smtp.", ServerProbe::Protocol::Smtp, Security::StartTls, 2},
            {"mail.", ServerProbe::Protocol::Smtp, Security::StartTls, 3},
    };
    m_probesPending = int(std::size(guesses));
    for (const Guess &guess : guesses) {
        const bool imap = guess.protocol == ServerProbe::Protocol::Imap;
        const bool tls = guess.security == Security::ImplicitTls;
        DiscoveredSettings::Server server;
        server.host = QLatin1StringView(guess.prefix) + m_domain;
        server.port = imap ? (tls ? m_settings.imapTlsPort : m_settings.imapStartTlsPort)
                           : (tls ? m_settings.smtpTlsPort : m_settings.smtpStartTlsPort);
        server.security = guess.security;
        auto *probe = new ServerProbe(guess.protocol, server, this);
        probe->setCaCertificates(m_settings.caCertificates);
        probe->setTimeout(qMin(m_settings.requestTimeoutMs, 3000));
        probe->setAskTrust(true);
        probe->setProperty("rank", guess.rank);
        connect(probe, &ServerProbe::trustRequested, this,
                [this, probe](const QList<QSslCertificate> &chain, const QString &reasons) {
                    const QByteArray digest = chain.constFirst().digest(QCryptographicHash::Sha256);
                    if (m_trustedDigests.contains(digest) || m_refusedDigests.contains(digest)) {
                        probe->answerTrust(m_trustedDigests.contains(digest));
                        return;
                    }
                    m_trustChains.insert(probe, chain);
                    m_trustReasons.insert(probe, reasons);
                    m_trustWaiting.append(probe);
                    decide(false);
                });
        connect(probe, &ServerProbe::finished, this, [this, probe] {
            probe->deleteLater();
            m_trustWaiting.removeAll(probe);
            m_trustChains.remove(probe);
            m_trustReasons.remove(probe);
            if (!probe->error()) {
                const int rank = probe->property("rank").toInt();
                const bool imapProbe = probe->protocol() == ServerProbe::Protocol::Imap;
                (imapProbe ? m_guessImap : m_guessSmtp).append({rank, probe->server()});
                if (!probe->trustedDigest().isEmpty())
                    m_guessTrusted.insert(std::make_pair(imapProbe, probe->server().host),
                                          probe->trustedDigest().toHex());
            } else if (probe->trustRefused() && !m_refusedHosts.contains(probe->server().host)) {
                m_refusedHosts.append(probe->server().host);
            }
            guessDone();
        });
        this->probe(probe, server.host);
    }
}

void AutoconfigLookup::probe(ServerProbe *probe, const QString &host)
{
    if (m_settings.nameServer.isNull()) {
        probe->start();
        return;
    }
    QDnsLookup *lookup = dns(QDnsLookup::A, host);
    const quint64 generation = m_generation;
    QPointer<ServerProbe> target = probe;
    connect(lookup, &QDnsLookup::finished, this, [this, lookup, target, generation] {
        if (generation != m_generation || !target)
            return;
        const auto records = lookup->hostAddressRecords();
        if (lookup->error() != QDnsLookup::NoError || records.isEmpty()) {
            target->deleteLater();
            guessDone();
            return;
        }
        target->setAddress(records.constFirst().value().toString());
        target->start();
    });
    lookup->lookup();
}

void AutoconfigLookup::guessDone()
{
    if (--m_probesPending > 0)
        return;
    DiscoveredSettings found;
    if (const auto imap = best(m_guessImap))
        found.imap = *imap;
    if (const auto smtp = best(m_guessSmtp))
        found.smtp = *smtp;
    found.sourceDetail = m_domain;
    found.imapTrustedCertificate = m_guessTrusted.value(std::make_pair(true, found.imap.host));
    found.smtpTrustedCertificate = m_guessTrusted.value(std::make_pair(false, found.smtp.host));
    if (found.isComplete()) {
        sourceFound(Source::Guess, found);
        return;
    }
    if (found.imap.isValid() && !m_partial.imap.isValid())
        m_partial.imap = found.imap;
    if (found.smtp.isValid() && !m_partial.smtp.isValid())
        m_partial.smtp = found.smtp;
    sourceFailed(
            Source::Guess,
            m_refusedHosts.isEmpty()
                    ? tr("No usual server name answered securely.")
                    : tr("The certificate of %1 was not trusted; nothing less secure was tried")
                              .arg(m_refusedHosts.join(", "_L1)));
}

void AutoconfigLookup::askTrust()
{
    if (!m_askedDigest.isEmpty())
        return; // one question at a time
    m_trustWaiting.removeAll(nullptr);
    if (m_trustWaiting.isEmpty())
        return;
    ServerProbe *probe = m_trustWaiting.constFirst();
    const QList<QSslCertificate> chain = m_trustChains.value(probe);
    m_askedDigest = chain.constFirst().digest(QCryptographicHash::Sha256);
    // The user's time does not count against the limit.
    if (m_timeout.isActive()) {
        m_timeLeftMs = qMax(1, m_timeout.remainingTime());
        m_timeout.stop();
    } else {
        m_timeLeftMs = 0;
    }
    const QString said = m_trustReasons.value(probe);
    const QString reasons = said.isEmpty()
                                    ? tr("The certificate of %1 (port %2) is not trusted by the "
                                         "system.")
                                              .arg(probe->server().host)
                                              .arg(probe->server().port)
                                    : said;
    Q_EMIT certificateTrustRequested(probe->server().host, chain, reasons);
}

void AutoconfigLookup::answerTrust(bool trust)
{
    if (m_askedDigest.isEmpty())
        return;
    const QByteArray digest = std::exchange(m_askedDigest, {});
    (trust ? m_trustedDigests : m_refusedDigests).append(digest);
    // Every probe that showed that certificate hears the answer; each answers finished() later.
    const QList<QPointer<ServerProbe>> waiting = m_trustWaiting;
    for (const QPointer<ServerProbe> &probe : waiting) {
        if (probe
            && m_trustChains.value(probe).constFirst().digest(QCryptographicHash::Sha256)
                       == digest) {
            m_trustWaiting.removeAll(probe);
            probe->answerTrust(trust);
        }
    }
    m_trustWaiting.removeAll(nullptr);
    if (!m_trustWaiting.isEmpty()) {
        askTrust();
        return;
    }
    if (m_timeLeftMs > 0 && !m_timedOut)
        m_timeout.start(m_timeLeftMs);
}

void AutoconfigLookup::sourceFound(Source source, DiscoveredSettings settings)
{
    if (!m_running || m_outcomes.value(source) != Outcome::Pending)
        return;
    settings.source = source;
    m_outcomes.insert(source, Outcome::Found);
    m_found.insert(source, settings);
    m_elapsed.insert(source, m_clock.elapsed());
    qCInfo(lcAutoconfig).noquote() << describe(source) << "found" << settings.imap.host
                                   << settings.smtp.host << "in" << m_elapsed.value(source) << "ms";
    decide(false);
}

void AutoconfigLookup::sourceFailed(Source source, const QString &why)
{
    if (!m_running || m_outcomes.value(source) != Outcome::Pending)
        return;
    m_outcomes.insert(source, Outcome::Failed);
    m_failures.insert(source, why);
    m_elapsed.insert(source, m_clock.elapsed());
    qCInfo(lcAutoconfig).noquote()
            << describe(source) << "found nothing in" << m_elapsed.value(source) << "ms:" << why;
    decide(false);
}

void AutoconfigLookup::decide(bool timedOut)
{
    if (!m_running)
        return;
    m_timedOut = m_timedOut || timedOut;
    // The most trusted source decides; a less trusted one waits for those above it.
    for (const Source source :
         {Source::ProviderConfig, Source::Ispdb, Source::IspdbByMx, Source::Srv, Source::Guess}) {
        const Outcome outcome = m_outcomes.value(source, Outcome::Failed);
        if (outcome == Outcome::Pending && source == Source::Guess
            && (!m_trustWaiting.isEmpty() || !m_askedDigest.isEmpty())) {
            askTrust(); // the guess decides, and the user's answer decides the guess
            return;
        }
        if (outcome == Outcome::Pending && !m_timedOut)
            return;
        if (outcome == Outcome::Found) {
            const DiscoveredSettings settings = m_found.value(source);
            cancel();
            Q_EMIT finished(settings, {});
            return;
        }
    }
    DiscoveredSettings partial = m_partial;
    partial.source = Source::None;
    // A certificate the user refused explains best why nothing was found.
    const QString why = !m_refusedHosts.isEmpty() ? m_failures.value(Source::Guess)
                        : m_timedOut              ? tr("No complete answer within %1 seconds.")
                                               .arg(m_settings.timeoutMs / 1000)
                                     : tr("No source knows this domain.");
    cancel();
    Q_EMIT finished(partial, why);
}
