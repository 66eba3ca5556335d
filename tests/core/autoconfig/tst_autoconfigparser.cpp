// The Thunderbird autoconfig format: the servers chosen, placeholders, and hostile files refused
// or bounded.
#include "autoconfig/autoconfigparser.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray server(const QByteArray &kind, const QByteArray &type, const QByteArray &host,
                  const QByteArray &port, const QByteArray &socket,
                  const QByteArray &auth = "password-cleartext",
                  const QByteArray &user = "%EMAILADDRESS%")
{
    return "<" + kind + " type=\"" + type + "\"><hostname>" + host + "</hostname><port>" + port
           + "</port><socketType>" + socket + "</socketType><username>" + user
           + "</username><authentication>" + auth + "</authentication></" + kind + ">\n";
}

QByteArray config(const QByteArray &servers)
{
    return "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\">\n"
           "<emailProvider id=\"example.test\"><domain>example.test</domain>"
           "<displayName>Example Mail</displayName>\n"
           + servers + "</emailProvider></clientConfig>\n";
}

const QByteArray goodImap = server("incomingServer", "imap", "imap.example.test", "993", "SSL");
const QByteArray goodSmtp = server("outgoingServer", "smtp", "smtp.example.test", "465", "SSL");

} // namespace

class TestAutoconfigParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void choosesServers_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QString>("imapHost");
        QTest::addColumn<int>("imapPort");
        QTest::addColumn<int>("imapSecurity");
        QTest::addColumn<QString>("smtpHost");
        QTest::addColumn<int>("smtpPort");
        QTest::addColumn<int>("smtpSecurity");
        QTest::addColumn<QString>("userName");
        QTest::addColumn<int>("mechanism");
        const int tls = int(Security::ImplicitTls);
        const int starttls = int(Security::StartTls);
        const int autoMech = int(SaslMechanism::Auto);

        QTest::addRow("implicit TLS")
                << config(goodImap + goodSmtp) << u"imap.example.test"_s << 993 << tls
                << u"smtp.example.test"_s << 465 << tls << u"ann@example.test"_s << autoMech;
        QTest::addRow("implicit TLS preferred to STARTTLS listed first")
                << config(server("incomingServer", "imap", "imap.example.test", "143", "STARTTLS")
                          + goodImap
                          + server("outgoingServer", "smtp", "smtp.example.test", "587", "STARTTLS")
                          + goodSmtp)
                << u"imap.example.test"_s << 993 << tls << u"smtp.example.test"_s << 465 << tls
                << u"ann@example.test"_s << autoMech;
        QTest::addRow("STARTTLS when that is all")
                << config(server("incomingServer", "imap", "imap.example.test", "143", "STARTTLS")
                          + server("outgoingServer", "smtp", "smtp.example.test", "587", "STARTTLS"))
                << u"imap.example.test"_s << 143 << starttls << u"smtp.example.test"_s << 587
                << starttls << u"ann@example.test"_s << autoMech;
        QTest::addRow("POP3 and plain servers skipped") << config(
                server("incomingServer", "pop3", "pop.example.test", "995", "SSL")
                + server("incomingServer", "imap", "plain.example.test", "143", "plain") + goodImap
                + server("outgoingServer", "smtp", "plain.example.test", "25", "plain") + goodSmtp)
                                                        << u"imap.example.test"_s << 993 << tls
                                                        << u"smtp.example.test"_s << 465 << tls
                                                        << u"ann@example.test"_s << autoMech;
        QTest::addRow("placeholders")
                << config(server("incomingServer", "imap", "imap.%EMAILDOMAIN%", "993", "SSL",
                                 "password-cleartext", "%EMAILLOCALPART%")
                          + goodSmtp)
                << u"imap.example.test"_s << 993 << tls << u"smtp.example.test"_s << 465 << tls
                << u"ann"_s << autoMech;
        QTest::addRow("OAuth2 only") << config(
                server("incomingServer", "imap", "imap.example.test", "993", "SSL", "OAuth2")
                + server("outgoingServer", "smtp", "smtp.example.test", "465", "SSL", "OAuth2"))
                                     << u"imap.example.test"_s << 993 << tls
                                     << u"smtp.example.test"_s << 465 << tls
                                     << u"ann@example.test"_s << int(SaslMechanism::XOAuth2);
    }

    void choosesServers()
    {
        QFETCH(QByteArray, xml);
        const AutoconfigParser::Result result = AutoconfigParser::parse(xml, u"ann@example.test"_s);
        QVERIFY2(result.isOk(), qPrintable(result.error));
        QVERIFY(result.settings.isComplete());
        QTEST(result.settings.imap.host, "imapHost");
        QTEST(int(result.settings.imap.port), "imapPort");
        QTEST(int(result.settings.imap.security), "imapSecurity");
        QTEST(result.settings.smtp.host, "smtpHost");
        QTEST(int(result.settings.smtp.port), "smtpPort");
        QTEST(int(result.settings.smtp.security), "smtpSecurity");
        QTEST(result.settings.userName, "userName");
        QTEST(int(result.settings.mechanism), "mechanism");
        QCOMPARE(result.settings.displayName, u"Example Mail"_s);
    }

    void hostileFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("xml");
        const QByteArray plainImap = server("incomingServer", "imap", "imap.example.test", "143",
                                            "plain");
        QTest::addRow("plain-text only") << config(
                plainImap + server("outgoingServer", "smtp", "smtp.example.test", "25", "plain"));
        QTest::addRow("unknown socket type") << config(
                server("incomingServer", "imap", "imap.example.test", "993", "TLS1.0") + goodSmtp);
        QTest::addRow("port out of range") << config(
                server("incomingServer", "imap", "imap.example.test", "99999", "SSL") + goodSmtp);
        QTest::addRow("port zero") << config(
                server("incomingServer", "imap", "imap.example.test", "0", "SSL") + goodSmtp);
        QTest::addRow("port not a number") << config(
                server("incomingServer", "imap", "imap.example.test", "993; rm", "SSL") + goodSmtp);
        QTest::addRow("host with a path") << config(
                server("incomingServer", "imap", "imap.example.test/x", "993", "SSL") + goodSmtp);
        QTest::addRow("authentication this client cannot do") << config(
                server("incomingServer", "imap", "imap.example.test", "993", "SSL", "NTLM")
                + goodSmtp);
        QTest::addRow("no outgoing server") << config(goodImap);
        QTest::addRow("billion laughs")
                << QByteArray("<?xml version=\"1.0\"?>\n<!DOCTYPE clientConfig [\n"
                              "<!ENTITY a \"aaaaaaaaaa\">\n"
                              "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
                              "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
                              "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n]>\n"
                              "<clientConfig><emailProvider><displayName>&d;</displayName>")
                           + goodImap + goodSmtp + "</emailProvider></clientConfig>";
        QTest::addRow("external entity")
                << QByteArray("<?xml version=\"1.0\"?>\n<!DOCTYPE clientConfig [\n"
                              "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                              "<clientConfig><emailProvider><displayName>&x;</displayName>")
                           + goodImap + goodSmtp + "</emailProvider></clientConfig>";
        QByteArray deep = "<clientConfig>";
        for (int i = 0; i < 100; ++i)
            deep += "<a>";
        QTest::addRow("deep nesting") << deep;
        QByteArray many = "<clientConfig><emailProvider>";
        for (int i = 0; i < 5000; ++i)
            many += "<domain>x</domain>";
        QTest::addRow("many elements")
                << many + goodImap + goodSmtp + "</emailProvider></clientConfig>";
        QTest::addRow("10 MB") << config(goodImap + goodSmtp + QByteArray(10 * 1024 * 1024, ' '));
        QTest::addRow("not XML") << QByteArray("<html><body>Not found</body></html>");
        QTest::addRow("truncated") << config(goodImap + goodSmtp).left(200);
    }

    void hostileFilesAreRefused()
    {
        QFETCH(QByteArray, xml);
        const AutoconfigParser::Result result = AutoconfigParser::parse(xml, u"ann@example.test"_s);
        QVERIFY(!result.isOk());
        QVERIFY(!result.error.isEmpty());
        QVERIFY(!result.settings.isComplete() || !result.settings.imap.host.contains(u'/'));
    }
};

QTEST_GUILESS_MAIN(TestAutoconfigParser)
#include "tst_autoconfigparser.moc"
