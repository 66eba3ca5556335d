// Finding an address's servers against real servers on loopback: an HTTPS server (with a
// throwaway CA made by openssl) serving autoconfig files for the domain and for the ISP
// database, dnsmasq answering A, MX and SRV questions on a loopback address of its own, and two
// TLS servers greeting as IMAP and SMTP for the probes. Each source alone finds the test
// domain; the most trusted one wins; hostile files are refused; a silent source runs into the
// time limit. The time each source took is printed.
#include "autoconfig/autoconfiglookup.h"
#include "autoconfigtestservers.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Source = DiscoveredSettings::Source;

class TestAutoconfigLookup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void eachSourceAloneFindsTheDomain_data();
    void eachSourceAloneFindsTheDomain();
    void mailExchangerUnderTwoLabelSuffix();
    void mostTrustedSourceWins_data();
    void mostTrustedSourceWins();
    void wellKnownPlaceIsTriedSecond();
    void requestsCarryTheAddressAndNoCredentials();
    void hostileFilesAreRefused_data();
    void hostileFilesAreRefused();
    void silentSourceRunsIntoTheTimeLimit();
    void nothingFoundSaysSo();
    void untrustedGuessAsksTheUser_data();
    void untrustedGuessAsksTheUser();
    void moreTrustedSourceAsksNothing();

private:
    AutoconfigLookup::Settings settings(const QList<Source> &sources) const;
    // Runs a lookup to its end; false when it never finished.
    bool lookUp(AutoconfigLookup &lookup, const QString &address, DiscoveredSettings *found,
                QString *error);

    AutoconfigTestServers m_servers;
};

void TestAutoconfigLookup::initTestCase()
{
    const QString error = m_servers.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestAutoconfigLookup::cleanupTestCase()
{
    m_servers.stop();
}

AutoconfigLookup::Settings TestAutoconfigLookup::settings(const QList<Source> &sources) const
{
    return m_servers.settings(sources);
}

bool TestAutoconfigLookup::lookUp(AutoconfigLookup &lookup, const QString &address,
                                  DiscoveredSettings *found, QString *error)
{
    QSignalSpy finished(&lookup, &AutoconfigLookup::finished);
    lookup.start(address);
    if (!finished.wait(20000))
        return false;
    *found = finished.first().at(0).value<DiscoveredSettings>();
    *error = finished.first().at(1).toString();
    return true;
}

void TestAutoconfigLookup::eachSourceAloneFindsTheDomain_data()
{
    QTest::addColumn<int>("source");
    QTest::addColumn<QString>("imapHost");
    QTest::addColumn<QString>("smtpHost");
    QTest::addRow("provider's file")
            << int(Source::ProviderConfig) << u"provider-imap.example.test"_s
            << u"provider-smtp.example.test"_s;
    QTest::addRow("ISP database") << int(Source::Ispdb) << u"ispdb-imap.example.test"_s
                                  << u"ispdb-smtp.example.test"_s;
    QTest::addRow("ISP database by MX") << int(Source::IspdbByMx) << u"hosted-imap.hosting.test"_s
                                        << u"hosted-smtp.hosting.test"_s;
    QTest::addRow("SRV") << int(Source::Srv) << u"srv-imap.example.test"_s
                         << u"srv-smtp.example.test"_s;
    QTest::addRow("guess") << int(Source::Guess) << u"imap.example.test"_s
                           << u"smtp.example.test"_s;
}

void TestAutoconfigLookup::eachSourceAloneFindsTheDomain()
{
    QFETCH(int, source);
    QFETCH(QString, imapHost);
    QFETCH(QString, smtpHost);
    AutoconfigLookup lookup;
    lookup.setSettings(settings({Source(source)}));
    DiscoveredSettings found;
    QString error;
    QVERIFY(lookUp(lookup, u"ann@example.test"_s, &found, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error + u" / "_s + lookup.failure(Source(source))));
    QCOMPARE(int(found.source), source);
    QCOMPARE(found.imap.host, imapHost);
    QCOMPARE(found.smtp.host, smtpHost);
    QCOMPARE(found.imap.security, Security::ImplicitTls);
    QCOMPARE(found.smtp.security, Security::ImplicitTls);
    if (Source(source) == Source::Srv || Source(source) == Source::Guess) {
        QCOMPARE(found.imap.port, m_servers.imapPort());
        QCOMPARE(found.smtp.port, m_servers.smtpPort());
    } else {
        QCOMPARE(found.imap.port, quint16(993));
        QCOMPARE(found.smtp.port, quint16(465));
        QCOMPARE(found.userName, u"ann@example.test"_s);
    }
    QVERIFY(!found.sourceDetail.isEmpty());
    qInfo("source %s answered in %lld ms", QTest::currentDataTag(),
          lookup.elapsedMs(Source(source)));
}

// The domain of "mx.eu.hosting.co.test" is "hosting.co.test" by the Public Suffix List, not
// its last two labels ("co.test"), as "example.co.uk" is for a British provider.
void TestAutoconfigLookup::mailExchangerUnderTwoLabelSuffix()
{
    AutoconfigLookup lookup;
    lookup.setSettings(settings({Source::IspdbByMx}));
    DiscoveredSettings found;
    QString error;
    QVERIFY(lookUp(lookup, u"ann@shop.test"_s, &found, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error + u" / "_s + lookup.failure(Source::IspdbByMx)));
    QCOMPARE(found.source, Source::IspdbByMx);
    QCOMPARE(found.imap.host, u"hosted-imap.hosting.co.test"_s);
    QCOMPARE(found.smtp.host, u"hosted-smtp.hosting.co.test"_s);
}

void TestAutoconfigLookup::mostTrustedSourceWins_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("source");
    QTest::addRow("provider's file over all")
            << u"ann@example.test"_s << int(Source::ProviderConfig);
    QTest::addRow("SRV over guessing") << u"ann@srvonly.test"_s << int(Source::Srv);
}

void TestAutoconfigLookup::mostTrustedSourceWins()
{
    QFETCH(QString, address);
    QFETCH(int, source);
    AutoconfigLookup lookup;
    lookup.setSettings(settings({Source::ProviderConfig, Source::Ispdb, Source::IspdbByMx,
                                 Source::Srv, Source::Guess}));
    DiscoveredSettings found;
    QString error;
    QVERIFY(lookUp(lookup, address, &found, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(int(found.source), source);
}

void TestAutoconfigLookup::wellKnownPlaceIsTriedSecond()
{
    AutoconfigLookup lookup;
    lookup.setSettings(settings({Source::ProviderConfig}));
    DiscoveredSettings found;
    QString error;
    QVERIFY(lookUp(lookup, u"ann@wellknown.test"_s, &found, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(found.imap.host, u"imap.wellknown.test"_s);
    QVERIFY(found.sourceDetail.contains(u"/.well-known/"_s));
}

void TestAutoconfigLookup::requestsCarryTheAddressAndNoCredentials()
{
    m_servers.clearHttpRequests();
    AutoconfigLookup lookup;
    lookup.setSettings(settings({Source::ProviderConfig}));
    DiscoveredSettings found;
    QString error;
    QVERIFY(lookUp(lookup, u"ann+tag@example.test"_s, &found, &error));
    QCOMPARE(m_servers.httpRequests().size(), 1);
    const QByteArray request = m_servers.httpRequests().constFirst();
    QVERIFY2(request.startsWith("GET /mail/config-v1.1.xml?emailaddress=ann%2Btag%40example.test "),
             request.constData());
    QVERIFY(!request.toLower().contains("authorization:"));
    QVERIFY(!request.toLower().contains("cookie:"));
}

void TestAutoconfigLookup::hostileFilesAreRefused_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("reason");
    QTest::addRow("servers without encryption")
            << u"ann@plain.test"_s
            << u"autoconfig.plain.test: The configuration file names no "
               "usable IMAP and SMTP servers (refused: a server without "
               "encryption)"_s;
    QTest::addRow("10 MB") << u"ann@huge.test"_s
                           << u"autoconfig.huge.test: The configuration file is larger than any "
                              "real one."_s;
}

void TestAutoconfigLookup::hostileFilesAreRefused()
{
    QFETCH(QString, address);
    QFETCH(QString, reason);
    AutoconfigLookup lookup;
    lookup.setSettings(settings({Source::ProviderConfig}));
    DiscoveredSettings found;
    QString error;
    QVERIFY(lookUp(lookup, address, &found, &error));
    QCOMPARE(found.source, Source::None);
    QVERIFY2(lookup.failure(Source::ProviderConfig).startsWith(reason),
             qPrintable(lookup.failure(Source::ProviderConfig)));
    QVERIFY(!found.imap.isValid() && !found.smtp.isValid());
    QVERIFY(!error.isEmpty());
    qInfo("refused after %lld ms: %s", lookup.elapsedMs(Source::ProviderConfig),
          qPrintable(lookup.failure(Source::ProviderConfig)));
}

void TestAutoconfigLookup::silentSourceRunsIntoTheTimeLimit()
{
    // The provider's server accepts and never answers; the guess would have been trusted less,
    // so the lookup waits for the provider until the limit, then answers the guess.
    AutoconfigLookup lookup;
    AutoconfigLookup::Settings s = settings({Source::ProviderConfig, Source::Guess});
    s.timeoutMs = 1500;
    s.requestTimeoutMs = 60000;
    lookup.setSettings(s);
    DiscoveredSettings found;
    QString error;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(lookUp(lookup, u"ann@slow.test"_s, &found, &error));
    QCOMPARE(found.source, Source::Guess);
    QCOMPARE(found.imap.host, u"imap.slow.test"_s);
    QCOMPARE(lookup.elapsedMs(Source::ProviderConfig), qint64(-1)); // it never answered
}

void TestAutoconfigLookup::nothingFoundSaysSo()
{
    AutoconfigLookup lookup;
    lookup.setSettings(settings({Source::ProviderConfig, Source::Ispdb, Source::IspdbByMx,
                                 Source::Srv, Source::Guess}));
    DiscoveredSettings found;
    QString error;
    QVERIFY(lookUp(lookup, u"ann@unknown.test"_s, &found, &error));
    QCOMPARE(found.source, Source::None);
    QVERIFY(!error.isEmpty());
    for (const Source source :
         {Source::ProviderConfig, Source::Ispdb, Source::IspdbByMx, Source::Srv, Source::Guess})
        QVERIFY2(!lookup.failure(source).isEmpty(), qPrintable(AutoconfigLookup::describe(source)));
}

void TestAutoconfigLookup::untrustedGuessAsksTheUser_data()
{
    QTest::addColumn<bool>("trust");
    QTest::addRow("trusted") << true;
    QTest::addRow("refused") << false;
}

// The guessed servers' certificate does not validate (its CA is not given): the user is asked
// once for the certificate both servers show, the lookup waits for the answer past its time
// limit, and the answer decides.
void TestAutoconfigLookup::untrustedGuessAsksTheUser()
{
    QFETCH(bool, trust);
    AutoconfigLookup lookup;
    AutoconfigLookup::Settings s = settings({Source::Guess});
    s.caCertificates.clear();
    s.timeoutMs = 1000;
    lookup.setSettings(s);
    QSignalSpy asked(&lookup, &AutoconfigLookup::certificateTrustRequested);
    QSignalSpy finished(&lookup, &AutoconfigLookup::finished);
    lookup.start(u"ann@example.test"_s);
    QVERIFY(asked.wait(20000));
    const QString host = asked.at(0).at(0).toString();
    QVERIFY2(host == u"imap.example.test"_s || host == u"smtp.example.test"_s, qPrintable(host));
    const auto chain = asked.at(0).at(1).value<QList<QSslCertificate>>();
    QVERIFY(!chain.isEmpty());
    QVERIFY(!asked.at(0).at(2).toString().isEmpty());
    QVERIFY(lookup.isAwaitingTrust());
    // The user's time is not the lookup's: twice its limit later it still waits.
    QTest::qWait(2 * s.timeoutMs);
    QVERIFY(finished.isEmpty());
    QCOMPARE(asked.size(), 1);

    lookup.answerTrust(trust);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(asked.size(), 1); // one question for every server showing that certificate
    const auto found = finished.at(0).at(0).value<DiscoveredSettings>();
    const QString error = finished.at(0).at(1).toString();
    const QByteArray fingerprint = chain.constFirst().digest(QCryptographicHash::Sha256).toHex();
    if (trust) {
        QCOMPARE(found.source, Source::Guess);
        QCOMPARE(found.imap.host, u"imap.example.test"_s);
        QCOMPARE(found.smtp.host, u"smtp.example.test"_s);
        QCOMPARE(found.imap.security, Security::ImplicitTls);
        QCOMPARE(found.imapTrustedCertificate, fingerprint);
        QCOMPARE(found.smtpTrustedCertificate, fingerprint);
    } else {
        // Refused: nothing found, nothing less secure offered, and the reason told.
        QCOMPARE(found.source, Source::None);
        QVERIFY(!found.imap.isValid());
        QVERIFY(!found.smtp.isValid());
        QVERIFY2(lookup.failure(Source::Guess).contains(u"not trusted"_s),
                 qPrintable(lookup.failure(Source::Guess)));
        QVERIFY2(error.contains(u"not trusted"_s), qPrintable(error));
    }
}

// The guess would have to ask, but a more trusted source knows the domain: nobody is asked.
void TestAutoconfigLookup::moreTrustedSourceAsksNothing()
{
    AutoconfigLookup lookup;
    AutoconfigLookup::Settings s = settings({Source::Srv, Source::Guess});
    s.caCertificates.clear();
    lookup.setSettings(s);
    QSignalSpy asked(&lookup, &AutoconfigLookup::certificateTrustRequested);
    DiscoveredSettings found;
    QString error;
    QVERIFY(lookUp(lookup, u"ann@example.test"_s, &found, &error));
    QCOMPARE(found.source, Source::Srv);
    QVERIFY(found.imapTrustedCertificate.isEmpty());
    QCOMPARE(asked.size(), 0);
}

QTEST_GUILESS_MAIN(TestAutoconfigLookup)
#include "tst_autoconfiglookup.moc"
