// The whole sending path against the local mail stack: compose, persist in the outbox, submit
// through Postfix (STARTTLS), then read what arrived back through Dovecot (doveadm).
#include "../smtp/imapreadback.h"
#include "mailstackinfo.h"
#include "mime/addressparser.h"
#include "mime/mimepart.h"
#include "mime/outgoingmessage.h"
#include "net/ssltransport.h"
#include "outbox/messagesender.h"
#include "outbox/outboxstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

namespace {

// Every leaf of the tree, depth first.
void collectLeaves(const MimePart &part, QList<const MimePart *> *leaves)
{
    if (part.children().isEmpty()) {
        leaves->append(&part);
        return;
    }
    for (const MimePart &child : part.children())
        collectLeaves(child, leaves);
}

} // namespace

class TestSendThroughPostfix : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void sendsRichMessageToBobAndBccCarol();
    void wrongPasswordFailsWithAuthenticationError();
    void refusedRecipientIsReported();
    void forwardedMessageFileArrivesWhole();

private:
    void createSender(const QString &password);
    QString writeFile(const QString &name, const QByteArray &bytes);
    OutgoingMessage simpleMessage(const QString &subject) const;
    // The full text of the message with this Message-ID in user's INBOX, polled until it is
    // delivered; empty on timeout.
    QByteArray fetchByMessageId(const QString &user, const QByteArray &messageId,
                                int timeoutMs = 30000);

    MailStackInfo m_stack;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<OutboxStore> m_store;
    std::unique_ptr<MessageSender> m_sender;
    QList<QByteArray> m_sentBytes; // what each sent() handed over, read while it was delivered
};

void TestSendThroughPostfix::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    QVERIFY(!m_stack.caCertificates().isEmpty());
    QVERIFY(m_stack.smtpStartTlsPort() != 0);
    QVERIFY(!m_stack.value("DOVEADM").isEmpty());
}

void TestSendThroughPostfix::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<OutboxStore>(m_dir->filePath(QStringLiteral("outbox")));
    QVERIFY(!m_store->open());
}

void TestSendThroughPostfix::cleanup()
{
    m_sender.reset();
    m_store.reset();
    m_dir.reset();
}

void TestSendThroughPostfix::createSender(const QString &password)
{
    const MailStackInfo stack = m_stack;
    auto settings = [stack, password](std::function<void(SmtpSettings)> deliver) {
        SmtpSettings s;
        s.host = stack.host();
        s.port = stack.smtpStartTlsPort();
        s.security = Security::StartTls;
        s.userName = stack.address(QStringLiteral("alice"));
        s.password = password;
        s.ehloName = "heron.test";
        s.timeouts = {30000, 30000, 30000, 30000, 60000};
        deliver(s);
    };
    auto transports = [stack]() -> std::unique_ptr<Transport> {
        auto transport = std::make_unique<SslTransport>();
        transport->setCaCertificates(stack.caCertificates());
        transport->setPeerVerifyName(stack.tlsName());
        transport->setConnectTimeout(15000);
        return transport;
    };
    m_sender = std::make_unique<MessageSender>(m_store.get(), QStringLiteral("alice"), settings,
                                               transports);
    m_sender->setRetryDelays({}); // a failure here is final: the test wants to see it
    m_sentBytes.clear();
    connect(m_sender.get(), &MessageSender::sent, this,
            [this](const QString &, const MessageSource &message) {
                m_sentBytes.append(message.readAll());
            });
}

QString TestSendThroughPostfix::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qWarning() << "cannot write" << path;
    return path;
}

OutgoingMessage TestSendThroughPostfix::simpleMessage(const QString &subject) const
{
    OutgoingMessage m;
    m.from = {QStringLiteral("Alice"), m_stack.address(QStringLiteral("alice"))};
    m.to = {{QStringLiteral("Bob"), m_stack.address(QStringLiteral("bob"))}};
    m.subject = subject;
    m.plainBody = QStringLiteral("Hello Bob.\n");
    return m;
}

QByteArray TestSendThroughPostfix::fetchByMessageId(const QString &user,
                                                    const QByteArray &messageId, int timeoutMs)
{
    QStringList arguments;
    arguments << QStringLiteral("-f") << QStringLiteral("json") << QStringLiteral("fetch")
              << QStringLiteral("-u") << m_stack.address(user) << QStringLiteral("text")
              << QStringLiteral("mailbox") << QStringLiteral("INBOX") << QStringLiteral("header")
              << QStringLiteral("Message-ID") << QString::fromLatin1(messageId);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        const QByteArray out = m_stack.doveadm(arguments);
        const QJsonArray found = QJsonDocument::fromJson(out).array();
        if (!found.isEmpty())
            return found.first().toObject().value(QStringLiteral("text")).toString().toUtf8();
        QTest::qWait(250);
    }
    return QByteArray();
}

void TestSendThroughPostfix::sendsRichMessageToBobAndBccCarol()
{
    createSender(m_stack.password());
    const QByteArray token = QUuid::createUuid().toByteArray(QUuid::WithoutBraces).left(8);

    QByteArray big(10 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator generator(20261124);
    generator.fillRange(reinterpret_cast<quint32 *>(big.data()), big.size() / 4);
    const QByteArray pdf = "%PDF-1.4\n% Heron test\n" + QByteArray(3000, '\x7f') + "\n%%EOF\n";
    const QByteArray notes = "line one\r\n.line two starts with a dot\r\nFrom the third line\r\n";

    OutgoingMessage m;
    m.from = {QStringLiteral("Alice Ärger"), m_stack.address(QStringLiteral("alice"))};
    m.to = {{QStringLiteral("Bob"), m_stack.address(QStringLiteral("bob"))}};
    m.bcc = {{QStringLiteral("Carol"), m_stack.address(QStringLiteral("carol"))}};
    m.subject = QStringLiteral("Grüße aus Köln – Zusammenfassung ✓ ") + QString::fromLatin1(token);
    m.plainBody = QStringLiteral("Hallo Bob,\n\nanbei die Unterlagen für März.\n\nAlice\n");
    m.htmlBody = QStringLiteral("<p>Hallo Bob,</p><p>anbei die Unterlagen für <b>März</b>.</p>");
    m.attachments = {
            {writeFile(QStringLiteral("random.bin"), big),
             {},
             "application/octet-stream",
             {},
             false,
             {}},
            {writeFile(QStringLiteral("rechnung.pdf"), pdf),
             QStringLiteral("Rechnung März 2026 – Übersicht.pdf"),
             "application/pdf",
             {},
             false,
             {}},
            {writeFile(QStringLiteral("notes.txt"), notes), {}, "text/plain", {}, false, {}},
    };

    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    QSignalSpy progress(m_sender.get(), &MessageSender::progress);
    MailError error;
    const QString id = m_sender->send(m, &error);
    QVERIFY2(!id.isEmpty(), qPrintable(error.toString()));
    QVERIFY(sent.wait(120000) || !sent.isEmpty());
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().at(1).value<MailError>().toString()));
    QCOMPARE(sent.size(), 1);
    QVERIFY(sent.first().at(2).value<QList<SmtpRecipientResult>>().isEmpty());
    QVERIFY(m_sender->entries().isEmpty());
    QVERIFY(!progress.isEmpty());
    QVERIFY(progress.constLast().at(2).toLongLong() > 10 * 1024 * 1024);

    const QByteArray sentBytes = m_sentBytes.value(0);
    const QByteArray messageId = MimePart::parse(sentBytes).header("Message-ID");
    QVERIFY(!messageId.isEmpty());
    QVERIFY(!sentBytes.contains("carol"));

    for (const QString &user : {QStringLiteral("bob"), QStringLiteral("carol")}) {
        const QByteArray text = fetchByMessageId(user, messageId);
        QVERIFY2(!text.isEmpty(), qPrintable(user + QStringLiteral(": not delivered")));
        const MimePart root = MimePart::parse(text);
        QCOMPARE(root.decodedHeader("Subject"), m.subject);
        QVERIFY(!root.hasHeader("Bcc"));
        QVERIFY2(!text.contains("carol@"), qPrintable(user + QStringLiteral(": carol visible")));
        const QList<MailAddress> from = AddressParser::parseList(root.header("From"));
        QCOMPARE(from.size(), 1);
        QCOMPARE(from.first().name, m.from.name);
        QCOMPARE(from.first().address, m.from.address);

        QList<const MimePart *> leaves;
        collectLeaves(root, &leaves);
        QHash<QString, QByteArray> files;
        QString plain;
        QString html;
        for (const MimePart *leaf : std::as_const(leaves)) {
            if (!leaf->fileName().isEmpty())
                files.insert(leaf->fileName(), leaf->decodedBody());
            else if (leaf->mimeType() == "text/plain")
                plain = leaf->text();
            else if (leaf->mimeType() == "text/html")
                html = leaf->text();
        }
        QCOMPARE(plain.trimmed(), m.plainBody.trimmed());
        QVERIFY2(html.contains(QStringLiteral("<b>März</b>")), qPrintable(html));
        QCOMPARE(files.size(), 3);
        QVERIFY(files.value(QStringLiteral("random.bin")) == big);
        QCOMPARE(files.value(QStringLiteral("Rechnung März 2026 – Übersicht.pdf")), pdf);
        QCOMPARE(files.value(QStringLiteral("notes.txt")), notes);
    }
}

void TestSendThroughPostfix::wrongPasswordFailsWithAuthenticationError()
{
    createSender(QStringLiteral("not-the-password"));
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    const QString id = m_sender->send(simpleMessage(QStringLiteral("wrong password")));
    QVERIFY(!id.isEmpty());
    QVERIFY(failed.wait(60000) || !failed.isEmpty());
    QCOMPARE(failed.first().at(0).toString(), id);
    const MailError error = failed.first().at(1).value<MailError>();
    QCOMPARE(error.kind(), MailError::Kind::Authentication);
    QVERIFY2(error.serverText().startsWith(QStringLiteral("535")), qPrintable(error.toString()));
    const OutboxEntry entry = m_store->entry(id);
    QCOMPARE(entry.state, OutboxEntry::State::Failed);
    QCOMPARE(entry.attempts, 1);
    QVERIFY2(entry.lastError.contains(QStringLiteral("535")), qPrintable(entry.lastError));
    QCOMPARE(sent.size(), 0);
}

void TestSendThroughPostfix::refusedRecipientIsReported()
{
    createSender(m_stack.password());
    OutgoingMessage m = simpleMessage(QStringLiteral("partly refused"));
    const QString nobody = m_stack.address(QStringLiteral("nobody-here"));
    m.cc = {{QString(), nobody}};
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    const QString id = m_sender->send(m);
    QVERIFY(!id.isEmpty());
    QVERIFY(sent.wait(60000) || !sent.isEmpty());
    QCOMPARE(failed.size(), 0);
    const auto refused = sent.first().at(2).value<QList<SmtpRecipientResult>>();
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().address, nobody);
    QCOMPARE(refused.first().reply.code(), 550);
    QVERIFY2(refused.first().reply.enhancedCode().startsWith("5.1."),
             qPrintable(refused.first().reply.toString()));
    QVERIFY(m_sender->entries().isEmpty());
    const QByteArray messageId = MimePart::parse(m_sentBytes.value(0)).header("Message-ID");
    QVERIFY(!fetchByMessageId(QStringLiteral("bob"), messageId).isEmpty());
}

// Forward as Attachment of a large message that is a file of the cache: the file is attached as
// it is (OutgoingAttachment::filePath, message/rfc822) and written into the outbox a piece at a
// time; what Bob receives carries the original whole.
void TestSendThroughPostfix::forwardedMessageFileArrivesWhole()
{
    createSender(m_stack.password());
    const QByteArray token = QUuid::createUuid().toByteArray(QUuid::WithoutBraces).left(8);
    QByteArray original = "From: Carol <carol@example.test>\r\nTo: alice@example.test\r\n"
                          "Subject: The long report "
                          + token + "\r\nMessage-ID: <report-" + token
                          + "@example.test>\r\nContent-Type: text/plain; charset=utf-8\r\n"
                            "Content-Transfer-Encoding: 8bit\r\n\r\n";
    for (int i = 0; original.size() < 20 * 1024 * 1024; ++i)
        original += "Line " + QByteArray::number(i) + " of the report, K\xc3\xb6ln and back\r\n";
    const QString path = writeFile(QStringLiteral("message-1-42.eml"), original);

    OutgoingMessage m = simpleMessage(QStringLiteral("Fwd: The long report ")
                                      + QString::fromLatin1(token));
    OutgoingAttachment attached;
    attached.filePath = path;
    attached.fileName = QStringLiteral("The long report.eml");
    attached.mimeType = "message/rfc822";
    m.attachments = {attached};

    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    MailError error;
    const QString id = m_sender->send(m, &error);
    QVERIFY2(!id.isEmpty(), qPrintable(error.toString()));
    QVERIFY(sent.wait(120000) || !sent.isEmpty());
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().at(1).value<MailError>().toString()));
    const QByteArray messageId = MimePart::parse(m_sentBytes.value(0)).header("Message-ID");
    QVERIFY(!messageId.isEmpty());

    // Read back over IMAP: the bytes exactly as Dovecot keeps them.
    ImapReadBack imap(m_stack.caCertificates(), m_stack.tlsName());
    const QString opened = imap.open(m_stack.host(), m_stack.imapTlsPort(), QStringLiteral("bob"),
                                     m_stack.password());
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    const quint32 uid = imap.waitForHeader("Message-ID", messageId, 60000);
    QVERIFY2(uid != 0, qPrintable(imap.lastError()));
    const QByteArray text = imap.fetch(uid);
    QVERIFY2(!text.isNull(), qPrintable(imap.lastError()));
    const MimePart root = MimePart::parse(text);
    QCOMPARE(root.children().size(), 2);
    const MimePart &part = root.children().at(1);
    QCOMPARE(part.mimeType(), QByteArray("message/rfc822"));
    QCOMPARE(part.header("Content-Transfer-Encoding"), QByteArray("8bit"));
    QCOMPARE(part.fileName(), QStringLiteral("The long report.eml"));
    QCOMPARE(part.rawBody().size(), original.size());
    QVERIFY(part.rawBody() == original);
    QVERIFY(part.isMessage());
    QCOMPARE(part.children().first().header("Message-ID"), "<report-" + token + "@example.test>");
}

QTEST_GUILESS_MAIN(TestSendThroughPostfix)
#include "tst_sendthroughpostfix.moc"
