#include "buildertestdata.h"
#include "mime/addressparser.h"
#include "mime/charsetdecoder.h"
#include "mime/dateparser.h"
#include "mime/encodedwords.h"
#include "mime/messagebuilder.h"
#include "mime/messagecontent.h"
#include "mime/messagestream.h"
#include "mime/mimepart.h"
#include "mime/transferencoding.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

namespace {

QString describe(const QList<MailAddress> &list)
{
    QStringList parts;
    for (const MailAddress &a : list)
        parts.append(a.name + u'|' + a.address);
    return parts.join(QStringLiteral("; "));
}

// The address as a reader gets it back: IDN domains in ACE form unless SMTPUTF8 was used.
QList<MailAddress> asSent(QList<MailAddress> list, bool smtpUtf8)
{
    for (MailAddress &a : list) {
        a.name = a.name.simplified();
        if (!smtpUtf8) {
            const qsizetype at = a.address.lastIndexOf(u'@');
            a.address = a.address.left(at + 1)
                        + QString::fromLatin1(QUrl::toAce(a.address.mid(at + 1)));
        }
    }
    return list;
}

QString expectedText(QString text)
{
    if (!text.endsWith(u'\n'))
        text += u'\n';
    return text;
}

QList<QByteArray> headerLines(const QByteArray &message)
{
    const qsizetype end = message.indexOf("\r\n\r\n");
    return message.left(end).split('\n');
}

} // namespace

class tst_MessageBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data() { addGoldenRows(); }
    void golden();
    void headerInjection_data();
    void headerInjection();
    void folding_data();
    void folding();
    void refusals_data();
    void refusals();
    void attachedMessage_data();
    void attachedMessage();
    void attachedMessageFile();
    void bccOnlyInDrafts();
    void forwardedMessageOnlyInDrafts();
    void contentLanguage_data();
    void contentLanguage();
};

void tst_MessageBuilder::golden()
{
    QFETCH(OutgoingMessage, message);
    QFETCH(bool, smtpUtf8);
    QFETCH(bool, allow8Bit);

    MessageBuilder builder = makeBuilder(message);
    builder.setSmtpUtf8(smtpUtf8);
    builder.setAllow8Bit(allow8Bit);
    MailError error;
    const QByteArray built = builder.build(&error);
    QVERIFY2(!error, qPrintable(error.toString()));

    const QString golden = dataPath(QString::fromLatin1(QTest::currentDataTag()) + u8(".eml"));
    if (qEnvironmentVariableIsSet("HERON_WRITE_GOLDEN")) {
        QFile out(golden);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(built);
    }
    QCOMPARE(built, readAll(golden));

    // Line discipline: CRLF only, no line over 998, header lines within 78 where breakable.
    QVERIFY(!built.contains("\r\r") && !built.contains(QByteArray("\n\n")));
    for (const QByteArray &line : built.split('\n'))
        QVERIFY2(line.size() <= 999 && (line.isEmpty() || line.endsWith('\r')), line.constData());
    for (const QByteArray &line : headerLines(built))
        QVERIFY2(line.size() <= 79, line.constData());
    if (!smtpUtf8) {
        const qsizetype end = built.indexOf("\r\n\r\n");
        QVERIFY2(CharsetDecoder::isAscii(built.left(end)), "8-bit in headers");
    }

    // Parsed back: the same people, subject, text and attachment bytes; no Bcc.
    const MimePart root = MimePart::parse(built);
    QVERIFY(!root.hasHeader("Bcc"));
    QCOMPARE(describe(AddressParser::parseList(root.header("From"))),
             describe(asSent({message.from}, smtpUtf8)));
    QCOMPARE(describe(AddressParser::parseList(root.header("To"))),
             describe(asSent(message.to, smtpUtf8)));
    QCOMPARE(describe(AddressParser::parseList(root.header("Cc"))),
             describe(asSent(message.cc, smtpUtf8)));
    QCOMPARE(root.decodedHeader("Subject"), message.subject);
    QCOMPARE(root.header("Message-ID"), QByteArray("<golden-1@example.com>"));
    QCOMPARE(DateParser::parse(root.header("Date")), message.date);

    const MessageContent plain = MessageContent::fromMessage(root);
    QCOMPARE(plain.bodies().size(), 1);
    QCOMPARE(plain.bodies().first().text, expectedText(message.plainBody));
    if (!message.htmlBody.isEmpty()) {
        const MessageContent html = MessageContent::fromMessage(root,
                                                                MessageContent::Preference::Html);
        QCOMPARE(html.bodies().size(), 1);
        QCOMPARE(html.bodies().first().kind, MessageContent::Body::Kind::Html);
        QCOMPARE(html.bodies().first().text, expectedText(message.htmlBody));
    }
    QList<MessageContent::Attachment> listed = plain.attachments();
    if (!message.htmlBody.isEmpty())
        listed += MessageContent::fromMessage(root, MessageContent::Preference::Html)
                          .relatedResources();
    QCOMPARE(listed.size(), message.attachments.size());
    for (const OutgoingAttachment &a : message.attachments) {
        const QString name = a.fileName.isEmpty() ? QFileInfo(a.filePath).fileName() : a.fileName;
        const auto it = std::find_if(listed.cbegin(), listed.cend(),
                                     [&](const MessageContent::Attachment &l) {
                                         return l.fileName == name;
                                     });
        QVERIFY2(it != listed.cend(), qPrintable(name));
        const MimePart *part = root.findSection(it->section);
        QVERIFY(part);
        QCOMPARE(part->decodedBody(), readAll(a.filePath));
        QCOMPARE(it->contentId, a.contentId);
    }
}

void tst_MessageBuilder::headerInjection_data()
{
    QTest::addColumn<OutgoingMessage>("message");

    OutgoingMessage subject = baseMessage();
    subject.subject = u8("Hello\r\nBcc: victim@example.org");
    QTest::newRow("subject crlf") << subject;

    OutgoingMessage lf = baseMessage();
    lf.subject = u8("Hello\nBcc: victim@example.org\n\nInjected body");
    QTest::newRow("subject lf and body") << lf;

    OutgoingMessage cr = baseMessage();
    cr.subject = u8("Hello\rBcc: victim@example.org");
    QTest::newRow("subject cr") << cr;

    OutgoingMessage name = baseMessage();
    name.to = {{u8("Bob\r\nBcc: victim@example.org"), u8("bob@example.net")}};
    QTest::newRow("display name") << name;

    OutgoingMessage unicodeName = baseMessage();
    unicodeName.from = {u8("Jörg\r\nBcc: victim@example.org"), u8("j@example.de")};
    QTest::newRow("encoded display name") << unicodeName;

    OutgoingMessage reply = baseMessage();
    reply.inReplyTo = "<a@b>\r\nBcc: victim@example.org";
    reply.references = {"<x@y>\r\nBcc: victim@example.org", "<z@w>"};
    QTest::newRow("message ids") << reply;

    OutgoingMessage file = baseMessage();
    file.attachments = {{dataPath(u8("files/hello.txt")),
                         u8("a.txt\"\r\nBcc: victim@example.org\r\n\r\n"),
                         QByteArray("text/plain\r\nBcc: victim@example.org"),
                         QByteArray("cid\r\nBcc: victim@example.org"), false, QByteArray()}};
    QTest::newRow("attachment fields") << file;
}

void tst_MessageBuilder::headerInjection()
{
    QFETCH(OutgoingMessage, message);
    MessageBuilder builder = makeBuilder(message);
    MailError error;
    const QByteArray built = builder.build(&error);
    QVERIFY2(!error, qPrintable(error.toString()));

    // Every line is CRLF-terminated and no header line anywhere names Bcc.
    for (const QByteArray &line : built.split('\n')) {
        QVERIFY(line.isEmpty() || line.endsWith('\r'));
        QVERIFY2(!line.startsWith("Bcc"), line.constData());
    }
    const MimePart root = MimePart::parse(built);
    QList<QByteArray> names;
    for (const MimePart::Header &h : root.headers())
        names.append(h.name);
    const QList<QByteArray> expected = {"Date", "From", "To", "Subject", "Message-ID"};
    for (const QByteArray &n : expected)
        QVERIFY2(names.contains(n), n.constData());
    QVERIFY(!root.hasHeader("Bcc"));
    QCOMPARE(root.decodedHeader("Subject"),
             QString(message.subject).replace(u'\r', u' ').replace(u'\n', u' '));
    for (const MimePart &child : root.children())
        QVERIFY(!child.hasHeader("Bcc"));
}

void tst_MessageBuilder::folding_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");

    QTest::newRow("short") << QByteArray("Subject") << QByteArray("Hello");
    QTest::newRow("long words") << QByteArray("Subject")
                                << QByteArray("word ").repeated(40).trimmed();
    QTest::newRow("unbreakable") << QByteArray("X-Token") << QByteArray(120, 'x');
    QTest::newRow("unbreakable then words")
            << QByteArray("X-Token") << QByteArray(90, 'x') + " then some words";
    QTest::newRow("references") << QByteArray(
            "References") << QByteArray("<aaaaaaaaaaaaaaaaaaaa@example.com> ").repeated(6).trimmed();
    QTest::newRow("double spaces") << QByteArray("Subject") << QByteArray("a  b").repeated(30);
}

void tst_MessageBuilder::folding()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    const QByteArray folded = MessageBuilder::foldHeader(name, value);
    QVERIFY(folded.endsWith("\r\n"));
    const QList<QByteArray> lines = folded.chopped(2).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        const bool breakable = line.indexOf(' ', 1) > 0 && line.indexOf(' ', 1) <= 78;
        if (breakable && i > 0)
            QVERIFY2(line.size() <= 78, line.constData());
        if (i > 0)
            QVERIFY(line.startsWith(' ')); // a continuation, never a new field
        QVERIFY(!line.trimmed().isEmpty());
    }
    // Unfolding restores the value.
    QByteArray unfolded = folded.chopped(2);
    unfolded.replace("\r\n", "");
    QCOMPARE(unfolded, name + ": " + value);
}

void tst_MessageBuilder::refusals_data()
{
    QTest::addColumn<OutgoingMessage>("message");
    QTest::addColumn<bool>("smtpUtf8");
    QTest::addColumn<int>("kind");

    OutgoingMessage utf8Local = baseMessage();
    utf8Local.to = {{QString(), u8("jörg@example.de")}};
    QTest::newRow("utf-8 local part without smtputf8")
            << utf8Local << false << int(MailError::Kind::Policy);
    QTest::newRow("crlf in address") << [] {
        OutgoingMessage m = baseMessage();
        m.to = {{QString(), u8("bob@example.net\r\nBcc: victim@example.org")}};
        return m;
    }() << false << int(MailError::Kind::Policy);
    QTest::newRow("no at sign") << [] {
        OutgoingMessage m = baseMessage();
        m.from = {u8("Nobody"), u8("nobody")};
        return m;
    }() << false << int(MailError::Kind::Policy);
    QTest::newRow("bad domain") << [] {
        OutgoingMessage m = baseMessage();
        m.to = {{QString(), u8("a@exa_mple!.com")}};
        return m;
    }() << false << int(MailError::Kind::Policy);
    QTest::newRow("missing file") << [] {
        OutgoingMessage m = baseMessage();
        m.attachments = {{u8("/nonexistent/file.bin"), QString(), QByteArray(), QByteArray(), false,
                          QByteArray()}};
        return m;
    }() << false << int(MailError::Kind::Storage);
}

void tst_MessageBuilder::refusals()
{
    QFETCH(OutgoingMessage, message);
    QFETCH(bool, smtpUtf8);
    QFETCH(int, kind);
    MessageBuilder builder = makeBuilder(message);
    builder.setSmtpUtf8(smtpUtf8);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const MailError error = builder.write(&buffer);
    QCOMPARE(int(error.kind()), kind);
    QVERIFY(bytes.isEmpty()); // nothing written before the refusal
}

void tst_MessageBuilder::attachedMessage_data()
{
    QTest::addColumn<QByteArray>("original");
    QTest::addColumn<QByteArray>("expectedType");
    QTest::addColumn<QByteArray>("expectedEncoding");
    QTest::addColumn<QByteArray>("expectedBody"); // the attached part's body as written

    const QByteArray ascii = "From: Alice <alice@example.com>\r\nTo: bob@example.net\r\n"
                             "Subject: Plans\r\nMessage-ID: <plans-1@example.com>\r\n\r\n"
                             "See you at noon.\r\n.\r\nFrom here on, dots and From stay.\r\n";
    QTest::newRow("7bit") << ascii << QByteArray("message/rfc822") << QByteArray("7bit") << ascii;
    const QByteArray utf8 = "From: J\xc3\xb6rg <joerg@example.de>\r\nSubject: Gr\xc3\xbc\xc3\x9f"
                            "e\r\nContent-Type: text/plain; charset=utf-8\r\n"
                            "Content-Transfer-Encoding: 8bit\r\n\r\nK\xc3\xb6ln\r\n";
    QTest::newRow("8bit") << utf8 << QByteArray("message/rfc822") << QByteArray("8bit") << utf8;
    QTest::newRow("bare line ends")
            << QByteArray("Subject: x\n\nline one\rline two\n") << QByteArray("message/rfc822")
            << QByteArray("7bit") << QByteArray("Subject: x\r\n\r\nline one\r\nline two\r\n");
    // Neither may be declared base64 as message/rfc822 (RFC 2046 section 5.2.1).
    const QByteArray longLine = "Subject: long\r\n\r\n" + QByteArray(1200, 'x') + "\r\n";
    QTest::newRow("line over 998")
            << longLine << QByteArray("application/octet-stream") << QByteArray("base64")
            << TransferEncoding::encodeBase64Lines(longLine);
    const QByteArray nul("Subject: nul\r\n\r\na\0b\r\n", 22);
    QTest::newRow("NUL") << nul << QByteArray("application/octet-stream") << QByteArray("base64")
                         << TransferEncoding::encodeBase64Lines(nul);
}

void tst_MessageBuilder::attachedMessage()
{
    QFETCH(QByteArray, original);
    QFETCH(QByteArray, expectedType);
    QFETCH(QByteArray, expectedEncoding);
    QFETCH(QByteArray, expectedBody);

    // Held as data (a forwarded message in memory), or a file (one of the cache), written a
    // piece at a time: the same part either way, and a stream gives the same bytes.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u8("original.eml"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(original), original.size());
    }
    for (const bool fromFile : {false, true}) {
        OutgoingMessage message = baseMessage();
        message.subject = u8("Fwd: Plans");
        OutgoingAttachment attached;
        attached.fileName = u8("Plans.eml");
        attached.mimeType = "message/rfc822";
        if (fromFile)
            attached.filePath = path;
        else
            attached.data = original;
        message.attachments = {attached};
        MailError error;
        const QByteArray built = makeBuilder(message).build(&error);
        QVERIFY2(!error, qPrintable(error.toString()));
        MessageStream stream(makeBuilder(message));
        QVERIFY2(stream.open(QIODevice::ReadOnly), qPrintable(stream.errorString()));
        QCOMPARE(stream.size(), built.size());
        QCOMPARE(stream.readAll(), built);

        const MimePart root = MimePart::parse(built);
        QCOMPARE(root.mimeType(), QByteArray("multipart/mixed"));
        QCOMPARE(root.children().size(), 2);
        const MimePart &part = root.children().at(1);
        QCOMPARE(part.mimeType(), expectedType);
        QCOMPARE(part.header("Content-Transfer-Encoding"), expectedEncoding);
        QCOMPARE(part.fileName(), u8("Plans.eml"));
        QCOMPARE(part.contentDisposition().value(), QByteArray("attachment"));
        // (Base64 from a file ends without a line end of its own; its bytes are the same.)
        if (!fromFile || expectedType == "message/rfc822")
            QCOMPARE(part.rawBody(), expectedBody);
        if (expectedType == "message/rfc822") {
            // The attached message parses as a message of its own, its header intact.
            QVERIFY(part.isMessage());
            QCOMPARE(part.children().size(), 1);
            QCOMPARE(part.children().first().header("Subject"),
                     MimePart::parse(original).header("Subject"));
        } else {
            QCOMPARE(part.decodedBody(), original);
        }
        for (const QByteArray &line : built.split('\n'))
            QVERIFY(line.size() <= 999);
    }
}

void tst_MessageBuilder::attachedMessageFile()
{
    // An .eml file from disk is a message/rfc822 part too, never base64.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u8("saved.eml"));
    const QByteArray original = "From: a@example.com\r\nSubject: saved\r\n\r\nbody\r\n";
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(original);
    }
    OutgoingMessage message = baseMessage();
    OutgoingAttachment file;
    file.filePath = path;
    message.attachments = {file};
    MailError error;
    const QByteArray built = makeBuilder(message).build(&error);
    QVERIFY2(!error, qPrintable(error.toString()));
    const MimePart root = MimePart::parse(built);
    QCOMPARE(root.children().size(), 2);
    QCOMPARE(root.children().at(1).mimeType(), QByteArray("message/rfc822"));
    QCOMPARE(root.children().at(1).header("Content-Transfer-Encoding"), QByteArray("7bit"));
    QCOMPARE(root.children().at(1).rawBody(), original);
}

void tst_MessageBuilder::bccOnlyInDrafts()
{
    OutgoingMessage message;
    message.from = {u8("Ann"), u8("ann@example.org")};
    message.to = {{u8("Bob"), u8("bob@example.net")}};
    message.bcc = {{u8("Hidden Carol"), u8("carol@example.net")}, {{}, u8("dan@example.net")}};
    message.subject = u8("Plans");
    message.plainBody = u8("Text");
    MessageBuilder sent(message);
    QVERIFY(!MimePart::parse(sent.build()).hasHeader("Bcc"));
    MessageBuilder draft(message);
    draft.setWriteBcc(true);
    const MimePart kept = MimePart::parse(draft.build());
    QCOMPARE(describe(AddressParser::parseList(kept.header("Bcc"))), describe(message.bcc));
}

void tst_MessageBuilder::forwardedMessageOnlyInDrafts()
{
    OutgoingMessage message;
    message.from = {u8("Ann"), u8("ann@example.org")};
    message.to = {{u8("Bob"), u8("bob@example.net")}};
    message.subject = u8("Fwd: Plans");
    message.plainBody = u8("Text");
    message.forwardedMessageId = "<plans.1@example.com>";
    MessageBuilder sent(message);
    QVERIFY(!MimePart::parse(sent.build()).hasHeader("X-Forwarded-Message-Id"));
    MessageBuilder draft(message);
    draft.setWriteBcc(true);
    QCOMPARE(MimePart::parse(draft.build()).header("X-Forwarded-Message-Id").trimmed(),
             QByteArray("<plans.1@example.com>"));
}

void tst_MessageBuilder::contentLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QByteArray>("header"); // empty: no Content-Language
    QTest::addRow("tag") << u8("de-DE") << QByteArray("de-DE");
    QTest::addRow("locale name") << u8("de_DE") << QByteArray("de-DE");
    QTest::addRow("language alone") << u8("en") << QByteArray("en");
    QTest::addRow("none") << QString() << QByteArray();
    QTest::addRow("blank") << u8("de DE") << QByteArray();
    QTest::addRow("line break") << u8("de\r\nBcc: x@example.org") << QByteArray();
    QTest::addRow("subtag too long") << u8("de-abcdefghi") << QByteArray();
    QTest::addRow("not ASCII") << u8("d\u00e9") << QByteArray();
}

void tst_MessageBuilder::contentLanguage()
{
    // The language the message is written in travels as Content-Language (RFC 3282), in sent
    // messages and drafts alike; anything that is no language tag is left out.
    QFETCH(QString, language);
    QFETCH(QByteArray, header);
    OutgoingMessage message;
    message.from = {u8("Ann"), u8("ann@example.org")};
    message.to = {{u8("Bob"), u8("bob@example.net")}};
    message.subject = u8("Plans");
    message.plainBody = u8("Text");
    message.language = language;
    for (const bool draft : {false, true}) {
        MessageBuilder builder(message);
        builder.setWriteBcc(draft);
        const MimePart built = MimePart::parse(builder.build());
        QCOMPARE(built.hasHeader("Content-Language"), !header.isEmpty());
        QCOMPARE(built.header("Content-Language").trimmed(), header);
        QVERIFY(!built.hasHeader("Bcc"));
    }
}

QTEST_GUILESS_MAIN(tst_MessageBuilder)
#include "tst_messagebuilder.moc"
