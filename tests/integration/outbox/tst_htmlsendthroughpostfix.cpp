// An HTML message written in the composer (formatting, a link, an inline picture, an HTML
// signature) sent through the local Postfix and read back from Dovecot: the HTML part and the
// generated plain alternative arrive as they were built, the picture byte for byte as the
// cid: part the HTML refers to.
#include "composerequest.h"
#include "composerformatbar.h"
#include "composerwindow.h"
#include "htmlcomposereditor.h"
#include "mailstackinfo.h"
#include "mime/flowedtext.h"
#include "mime/mimepart.h"
#include "net/ssltransport.h"
#include "outbox/messagesender.h"
#include "outbox/outboxstore.h"

#include <QAction>
#include <QBuffer>
#include <QComboBox>
#include <QElapsedTimer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QUuid>

namespace {

QString crlfToLf(QString text)
{
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    return text;
}

QString withoutFinalBreak(QString text)
{
    if (text.endsWith(u'\n'))
        text.chop(1);
    return text;
}

} // namespace

class TestHtmlSendThroughPostfix : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_stack = MailStackInfo::fromEnvironment();
        if (!m_stack.isValid())
            QFAIL(qPrintable(m_stack.error()));
        QVERIFY(m_stack.smtpStartTlsPort() != 0);
    }

    void htmlMessageArrivesAsBuilt()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        OutboxStore store(dir.filePath(QStringLiteral("outbox")));
        QVERIFY(!store.open());
        const MailStackInfo stack = m_stack;
        auto settings = [stack](std::function<void(SmtpSettings)> deliver) {
            SmtpSettings s;
            s.host = stack.host();
            s.port = stack.smtpStartTlsPort();
            s.security = Security::StartTls;
            s.userName = stack.address(QStringLiteral("alice"));
            s.password = stack.password();
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
        MessageSender sender(&store, QStringLiteral("alice"), settings, transports);
        sender.setRetryDelays({});

        // A picture with noise in it, so that any change to its bytes shows.
        QImage image(64, 48, QImage::Format_ARGB32);
        QRandomGenerator generator(18);
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                image.setPixel(x, y, generator.generate() | 0xff000000u);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(image.save(&buffer, "PNG"));

        Account account;
        account.setId(QStringLiteral("alice"));
        account.setAddress(m_stack.address(QStringLiteral("alice")));
        account.setComposesHtml(true);
        account.setIdentities({Identity {QStringLiteral("Alice"),
                                         m_stack.address(QStringLiteral("alice")),
                                         QStringLiteral("Alice"),
                                         {},
                                         QStringLiteral("<b>Alice</b> from Heron")}});
        ComposerWindow composer;
        composer.setAccounts({account});
        composer.applyRequest(ComposeRequest()); // as a new message opens: signature below
        QVERIFY(composer.isRichText());
        composer.toField()->setText(m_stack.address(QStringLiteral("bob")));
        const QByteArray token = QUuid::createUuid().toByteArray(QUuid::WithoutBraces).left(8);
        composer.subjectField()->setText(QStringLiteral("HTML from the composer ")
                                         + QString::fromLatin1(token));
        QTextEdit *body = composer.bodyEditor();
        body->moveCursor(QTextCursor::Start);
        body->insertHtml(QStringLiteral(
                "<p>Hello <b>Bob</b>, the plan for <i>März</i>:</p><ul><li>write</li>"
                "<li>test</li></ul><p>See <a href=\"https://heron.example/plan\">the plan</a>."
                "</p><p>Chart: </p>"));
        const QByteArray cid = composer.htmlEditor()->insertImage(png, QStringLiteral("chart.png"));
        QVERIFY(!cid.isEmpty());
        body->insertPlainText(QStringLiteral("\nquoted words"));
        composer.formatBar()->quoteMoreAction()->trigger();

        const OutgoingMessage message = composer.message();
        QVERIFY(message.plainBody.contains(QStringLiteral("- write\n- test")));
        QVERIFY(message.plainBody.contains(
                QStringLiteral("the plan <https://heron.example/plan>")));
        QVERIFY(message.plainBody.contains(QStringLiteral("> quoted words")));
        QVERIFY(message.plainBody.contains(QStringLiteral("-- \nAlice from Heron")));

        QSignalSpy sent(&sender, &MessageSender::sent);
        QSignalSpy failed(&sender, &MessageSender::failed);
        // The message's file exists while sent() is delivered: its header is read then.
        QByteArray messageId;
        connect(&sender, &MessageSender::sent, this,
                [&messageId](const QString &, const MessageSource &source) {
                    messageId = MimePart::parse(source.header()).header("Message-ID");
                });
        MailError error;
        QVERIFY2(!sender.send(message, &error).isEmpty(), qPrintable(error.toString()));
        QVERIFY(sent.wait(120000) || !sent.isEmpty());
        QVERIFY(failed.isEmpty());
        QVERIFY(!messageId.isEmpty());

        // Read back from Bob's INBOX.
        QByteArray text;
        QElapsedTimer timer;
        timer.start();
        while (text.isEmpty() && timer.elapsed() < 30000) {
            const QByteArray out = m_stack.doveadm(
                    {QStringLiteral("-f"), QStringLiteral("json"), QStringLiteral("fetch"),
                     QStringLiteral("-u"), m_stack.address(QStringLiteral("bob")),
                     QStringLiteral("text"), QStringLiteral("mailbox"), QStringLiteral("INBOX"),
                     QStringLiteral("header"), QStringLiteral("Message-ID"),
                     QString::fromLatin1(messageId)});
            const QJsonArray found = QJsonDocument::fromJson(out).array();
            if (!found.isEmpty())
                text = found.first().toObject().value(QStringLiteral("text")).toString().toUtf8();
            else
                QTest::qWait(250);
        }
        QVERIFY2(!text.isEmpty(), "not delivered to bob");

        const MimePart root = MimePart::parse(text);
        QCOMPARE(root.mimeType(), QByteArray("multipart/alternative"));
        QCOMPARE(root.children().size(), 2);
        const MimePart &plain = root.children().at(0);
        const MimePart &related = root.children().at(1);
        QCOMPARE(plain.mimeType(), QByteArray("text/plain"));
        QCOMPARE(related.mimeType(), QByteArray("multipart/related"));
        QCOMPARE(related.children().size(), 2);
        const MimePart &html = related.children().at(0);
        const MimePart &picture = related.children().at(1);
        QCOMPARE(html.mimeType(), QByteArray("text/html"));

        // The line break before a boundary belongs to the boundary (RFC 2046 5.1.1).
        QCOMPARE(withoutFinalBreak(crlfToLf(html.text())), withoutFinalBreak(message.htmlBody));
        QCOMPARE(withoutFinalBreak(crlfToLf(plain.text())),
                 withoutFinalBreak(FlowedText::flow(message.plainBody)));
        QCOMPARE(FlowedText::unflow(crlfToLf(plain.text())).trimmed(),
                 FlowedText::unflow(FlowedText::flow(message.plainBody)).trimmed());

        QCOMPARE(picture.mimeType(), QByteArray("image/png"));
        QCOMPARE(picture.contentId(), cid);
        QVERIFY(html.text().contains(QStringLiteral("src=\"cid:") + QString::fromLatin1(cid)));
        QVERIFY(picture.decodedBody() == png);
    }

private:
    MailStackInfo m_stack;
};

QTEST_MAIN(TestHtmlSendThroughPostfix)
#include "tst_htmlsendthroughpostfix.moc"
