#include "imapreadback.h"
#include "mailstackinfo.h"
#include "net/ssltransport.h"
#include "smtp/smtpclient.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

// One submission flow of the server matrix against the server named by HERON_SMTP_SERVER:
// postfix (the mail stack's own), exim or opensmtpd (the smtpservers fixture, whose settings
// are in $HERON_SMTPSERVERS_DIR/servers.env). CTest runs each row as matrix_<server>_send-<row>.
//
// Every row sends a message of the given size from alice to bob with the server offering (or
// not) CHUNKING and PIPELINING, then reads it back from bob's INBOX over IMAP: the bytes sent
// must arrive unchanged, after only the trace headers the servers put in front.

namespace {

struct Endpoint
{
    quint16 port = 0;
    Security security = Security::StartTls;
    bool authenticate = true;
};

QHash<QString, QString> readEnv(const QString &path)
{
    QHash<QString, QString> values;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return values;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        const qsizetype eq = line.indexOf('=');
        if (line.startsWith('#') || eq <= 0)
            continue;
        values.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
    }
    return values;
}

// A message of exactly size bytes: headers, then base64-like lines, some of them opening with
// dots (dot-stuffing under DATA) and some a single dot.
QByteArray makeMessage(const QByteArray &token, const QString &from, const QString &to,
                       qsizetype size)
{
    QByteArray message = "From: Alice <" + from.toUtf8() + ">\r\nTo: Bob <" + to.toUtf8()
                         + ">\r\nSubject: Heron server matrix " + QByteArray::number(size)
                         + "\r\nDate: Sun, 06 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + token
                         + "@heron.test>\r\nX-Heron-Token: " + token
                         + "\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n"
                           "Content-Transfer-Encoding: base64\r\n\r\n";
    static const char alphabet[]
            = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    QRandomGenerator random {quint32(size)};
    QByteArray line(76, Qt::Uninitialized);
    int n = 0;
    while (message.size() < size) {
        for (char &c : line)
            c = alphabet[random.bounded(64)];
        if (++n % 97 == 0)
            line[0] = '.';
        if (n % 389 == 0)
            message += ".\r\n";
        message += line + "\r\n";
    }
    message.truncate(size - 2);
    while (message.endsWith('\r'))
        message.chop(1);
    message += "\r\n";
    while (message.size() < size)
        message.insert(message.size() - 2, 'A');
    return message;
}

} // namespace

class TestSmtpMatrix : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void send_data();
    void send();

private:
    // Where this server offers the combination, if it does.
    std::optional<Endpoint> endpoint(bool chunking, bool pipelining, bool implicitTls) const;

    MailStackInfo m_stack;
    QString m_server;
    QHash<QString, QString> m_servers;
};

void TestSmtpMatrix::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    m_server = qEnvironmentVariable("HERON_SMTP_SERVER", QStringLiteral("postfix"));
    if (m_server != QLatin1String("postfix")) {
        const QString dir = qEnvironmentVariable("HERON_SMTPSERVERS_DIR");
        m_servers = readEnv(dir + QStringLiteral("/servers.env"));
        QVERIFY2(!m_servers.isEmpty(),
                 qPrintable(QStringLiteral("no servers.env in '%1': is the smtpservers fixture "
                                           "running?")
                                    .arg(dir)));
    }
}

std::optional<Endpoint> TestSmtpMatrix::endpoint(bool chunking, bool pipelining,
                                                 bool implicitTls) const
{
    const auto port = [this](const char *key) {
        return quint16(m_servers.value(QLatin1String(key)).toUInt());
    };
    if (m_server == QLatin1String("postfix")) {
        if (implicitTls && chunking && pipelining)
            return Endpoint {m_stack.smtpTlsPort(), Security::ImplicitTls, true};
        if (implicitTls)
            return std::nullopt;
        if (!pipelining)
            return Endpoint {chunking ? m_stack.smtpNoPipeliningPort() : m_stack.smtpNeitherPort(),
                             Security::StartTls, true};
        return Endpoint {chunking ? m_stack.smtpStartTlsPort() : m_stack.smtpNoChunkingPort(),
                         Security::StartTls, true};
    }
    if (m_server == QLatin1String("exim")) {
        if (implicitTls)
            return chunking && pipelining ? std::optional(
                           Endpoint {port("EXIM_TLS_PORT"), Security::ImplicitTls, true})
                                          : std::nullopt;
        const char *key = chunking ? (pipelining ? "EXIM_STARTTLS_PORT" : "EXIM_NOPIPELINING_PORT")
                                   : (pipelining ? "EXIM_NOCHUNKING_PORT" : "EXIM_NEITHER_PORT");
        return Endpoint {port(key), Security::StartTls, true};
    }
    if (m_server == QLatin1String("opensmtpd")) {
        // No TLS (see tests/mailstack/README.md), hence no AUTH; 6.8 offers neither CHUNKING
        // nor PIPELINING.
        if (implicitTls || chunking || pipelining)
            return std::nullopt;
        return Endpoint {port("OPENSMTPD_PORT"), Security::None, false};
    }
    return std::nullopt;
}

void TestSmtpMatrix::send_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<bool>("chunking");
    QTest::addColumn<bool>("pipelining");
    QTest::addColumn<bool>("implicitTls");
    const QList<std::pair<const char *, qsizetype>> sizes {{"10kb", 10'000},
                                                           {"5mb", 5'000'000},
                                                           {"30mb", 30'000'000}};
    for (const auto &[name, size] : sizes) {
        for (const bool chunking : {true, false}) {
            for (const bool pipelining : {true, false}) {
                const QByteArray tag = QByteArray(name) + (chunking ? "-chunking" : "-nochunking")
                                       + (pipelining ? "" : "-nopipelining");
                QTest::newRow(tag.constData()) << size << chunking << pipelining << false;
            }
        }
        QTest::newRow((QByteArray(name) + "-implicit-tls").constData())
                << size << true << true << true;
    }
}

void TestSmtpMatrix::send()
{
    QFETCH(qsizetype, size);
    QFETCH(bool, chunking);
    QFETCH(bool, pipelining);
    QFETCH(bool, implicitTls);
    const std::optional<Endpoint> at = endpoint(chunking, pipelining, implicitTls);
    if (!at || at->port == 0)
        QFAIL(qPrintable(QStringLiteral("%1 has no endpoint for this row").arg(m_server)));

    const QByteArray token = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QString from = m_stack.address(QStringLiteral("alice"));
    const QString to = m_stack.address(QStringLiteral("bob"));
    const QByteArray message = makeMessage(token, from, to, size);
    QCOMPARE(message.size(), size);

    SslTransport transport;
    transport.setCaCertificates(m_stack.caCertificates());
    transport.setPeerVerifyName(m_stack.tlsName());
    transport.setConnectTimeout(15000);
    SmtpClient client(&transport);
    SmtpSettings settings;
    settings.host = m_stack.host();
    settings.port = at->port;
    settings.security = at->security;
    if (at->authenticate) {
        settings.userName = from;
        settings.password = m_stack.password();
    }
    settings.ehloName = "heron.test";
    // Short enough that a stalled upload fails here, long enough for 30 MB on a busy machine.
    settings.timeouts = {30000, 30000, 30000, 30000, 120000};
    client.setSettings(settings);

    SmtpSubmission *submission = client.submit({from, {to}}, message);
    QSignalSpy finished(submission, &SmtpSubmission::finished);
    QSignalSpy progress(submission, &SmtpSubmission::progress);
    QVERIFY(finished.wait(300000));
    QVERIFY2(!submission->error().isError(), qPrintable(submission->error().toString()));
    QCOMPARE(submission->delivery(), SmtpSubmission::Delivery::Accepted);
    QCOMPARE(client.capabilities().supportsChunking(), chunking);
    QCOMPARE(client.capabilities().supportsPipelining(), pipelining);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.constLast().at(0).toLongLong(), qint64(size));

    ImapReadBack imap(m_stack.caCertificates(), m_stack.tlsName());
    const QString opened = imap.open(m_stack.host(), m_stack.imapTlsPort(), QStringLiteral("bob"),
                                     m_stack.password());
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    const quint32 uid = imap.waitForHeader("X-Heron-Token", token, 60000);
    QVERIFY2(uid != 0,
             qPrintable(QStringLiteral("not delivered to bob's INBOX: ") + imap.lastError()));
    const QByteArray stored = imap.fetch(uid);
    QVERIFY2(!stored.isNull(), qPrintable(imap.lastError()));
    imap.remove(uid);
    // What the servers add (Received, Return-Path, Delivered-To) comes before; nothing else.
    const QByteArray added = stored.left(stored.size() - message.size());
    QVERIFY2(stored.endsWith(message),
             qPrintable(QStringLiteral("%1 bytes stored for %2 sent; the sent bytes are not "
                                       "their end")
                                .arg(stored.size())
                                .arg(message.size())));
    QVERIFY2(added.isEmpty() || (added.endsWith("\r\n") && !added.contains("\r\n\r\n")),
             added.left(2000).constData());
}

QTEST_GUILESS_MAIN(TestSmtpMatrix)
#include "tst_smtpmatrix.moc"
