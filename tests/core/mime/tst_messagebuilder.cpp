#include "mime/addressparser.h"
#include "mime/charsetdecoder.h"
#include "mime/dateparser.h"
#include "mime/encodedwords.h"
#include "mime/messagebuilder.h"
#include "mime/messagecontent.h"
#include "mime/messagestream.h"
#include "mime/mimepart.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

namespace {

QString dataPath(const QString &relative)
{
    return QStringLiteral(HERON_MIME_DATA "/built/") + relative;
}

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Deterministic settings: fixed date, Message-ID, user agent and numbered boundaries.
MessageBuilder makeBuilder(const OutgoingMessage &message)
{
    MessageBuilder builder(message);
    builder.setMessageId("<golden-1@example.com>");
    builder.setUserAgent("Heron/test");
    auto counter = std::make_shared<int>(0);
    builder.setBoundaryGenerator(
            [counter] { return "=_boundary_" + QByteArray::number(++*counter); });
    return builder;
}

OutgoingMessage baseMessage()
{
    OutgoingMessage m;
    m.from = {u8("Alice Example"), u8("alice@example.com")};
    m.to = {{u8("Bob"), u8("bob@example.net")}};
    m.subject = u8("Lunch tomorrow");
    m.plainBody = u8("Hi Bob,\n\nAre we still on for lunch tomorrow?\n\nAlice\n");
    m.date = QDateTime(QDate(2026, 11, 24), QTime(22, 37, 7), Qt::OffsetFromUTC, 3600);
    return m;
}

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

qint64 peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// A device that keeps only counts: how much was written and the largest single write.
class CountingDevice : public QIODevice
{
public:
    qint64 total = 0;
    qint64 largestWrite = 0;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 len) override
    {
        total += len;
        largestWrite = qMax(largestWrite, len);
        return len;
    }
};

} // namespace

Q_DECLARE_METATYPE(OutgoingMessage)

class tst_MessageBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data();
    void golden();
    void headerInjection_data();
    void headerInjection();
    void folding_data();
    void folding();
    void refusals_data();
    void refusals();
    void largeAttachmentStreamed();
    void stream_data();
    void stream();
    void streamRefusal();
};

void tst_MessageBuilder::golden_data()
{
    QTest::addColumn<OutgoingMessage>("message");
    QTest::addColumn<bool>("smtpUtf8");
    QTest::addColumn<bool>("allow8Bit");

    const OutgoingMessage plain = baseMessage();
    QTest::newRow("plain-ascii") << plain << false << false;

    OutgoingMessage unicode = baseMessage();
    unicode.from = {u8("Jörg Müller"), u8("joerg@example.de")};
    unicode.to = {{u8("Zoë \"the boss\" Ωmega"), u8("zoe@example.net")},
                  {QString(), u8("plain@example.org")}};
    unicode.cc = {{u8("Ренат"), u8("renat@example.ru")}, {u8("Smith, John"), u8("js@example.com")}};
    unicode.bcc = {{u8("Hidden"), u8("hidden@example.com")}};
    unicode.subject = u8("Re: Grüße aus Köln – Привет 😀 and a fairly long tail to force folding");
    unicode.plainBody = u8("Grüße!\n\nThis paragraph is long enough that format=flowed has to wrap "
                           "it into several lines, with trailing spaces marking the soft breaks.\n"
                           "> quoted reply line\nFrom the start of a line.\n-- \nJörg\n");
    unicode.inReplyTo = "<parent@example.net>";
    unicode.references = {"<root@example.net>", "<a-rather-long-message-id-1234567890@example.net>",
                          "<another-long-message-id-abcdefghij@example.org>",
                          "<parent@example.net>"};
    QTest::newRow("unicode-headers") << unicode << false << false;

    OutgoingMessage cyrillic = baseMessage();
    cyrillic.subject = u8("Отчёт за ноябрь");
    cyrillic.plainBody = u8("Здравствуйте!\n\nВо вложении отчёт за ноябрь. Спасибо.\n");
    QTest::newRow("cyrillic-body") << cyrillic << false << false;

    OutgoingMessage eightBit = cyrillic;
    QTest::newRow("cyrillic-8bit") << eightBit << false << true;

    OutgoingMessage html = baseMessage();
    html.htmlBody = u8("<html><body><p>Hi Bob,</p><p>Are we still on for <b>lunch</b> "
                       "tomorrow?</p><p>Alice — café</p></body></html>");
    QTest::newRow("html-alternative") << html << false << false;

    OutgoingMessage files = baseMessage();
    files.attachments = {
            {dataPath(u8("files/hello.txt")), QString(), QByteArray(), QByteArray(), false},
            {dataPath(u8("files/report.pdf")),
             u8("Отчёт за ноябрь 2026 — итоговая версия с очень длинным названием.pdf"),
             QByteArray(), QByteArray(), false},
            {dataPath(u8("files/pixel.png")), u8("my \"pixel\".png"), QByteArray("image/png"),
             QByteArray(), false},
    };
    QTest::newRow("attachments-mixed") << files << false << false;

    OutgoingMessage inlineImage = html;
    inlineImage.htmlBody = u8("<p>Logo: <img src=\"cid:logo@example.com\"></p>");
    inlineImage.attachments = {
            {dataPath(u8("files/pixel.png")), u8("logo.png"), QByteArray(),
             QByteArray("logo@example.com"), true},
            {dataPath(u8("files/report.pdf")), QString(), QByteArray(), QByteArray(), false},
    };
    QTest::newRow("html-inline-image") << inlineImage << false << false;

    OutgoingMessage idn = baseMessage();
    idn.from = {u8("Bücherwurm"), u8("info@bücher.example")};
    idn.to = {{u8("Ünïcödé"), u8("kunde@münchen.example")}};
    idn.subject = u8("Bestellung Nr. 42 – Bücher");
    QTest::newRow("idn-domains") << idn << false << false;

    OutgoingMessage utf8 = idn;
    utf8.to = {{u8("Ünïcödé"), u8("jörg@münchen.example")}};
    QTest::newRow("smtputf8") << utf8 << true << false;
}

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
                         QByteArray("cid\r\nBcc: victim@example.org"), false}};
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
        m.attachments = {
                {u8("/nonexistent/file.bin"), QString(), QByteArray(), QByteArray(), false}};
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

void tst_MessageBuilder::largeAttachmentStreamed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString source = dir.filePath(u8("large.bin"));
    const qint64 size = 10 * 1024 * 1024 + 17;
    QCryptographicHash sourceHash(QCryptographicHash::Sha256);
    {
        QFile f(source);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QRandomGenerator random(42);
        qint64 left = size;
        while (left > 0) {
            QByteArray block(qMin<qint64>(left, 1024 * 1024), Qt::Uninitialized);
            random.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
            sourceHash.addData(block);
            QCOMPARE(f.write(block), block.size());
            left -= block.size();
        }
    }

    OutgoingMessage m = baseMessage();
    m.attachments = {
            {source, QString(), QByteArray("application/octet-stream"), QByteArray(), false}};

    // Pieces: no single write holds more than a chunk of the file.
    CountingDevice counter;
    QVERIFY(counter.open(QIODevice::WriteOnly));
    QVERIFY(!makeBuilder(m).write(&counter));
    QVERIFY(counter.total > size * 4 / 3);
    QVERIFY2(counter.largestWrite < 256 * 1024, QByteArray::number(counter.largestWrite));

    // Memory: writing to a file raises the peak resident size by far less than the file.
    const QString output = dir.filePath(u8("out.eml"));
    {
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        if (clear.open(QIODevice::WriteOnly))
            clear.write("5"); // resets the peak resident size where the kernel allows it
    }
    const qint64 before = peakRssKiB();
    {
        QFile out(output);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QVERIFY(!makeBuilder(m).write(&out));
    }
    const qint64 after = peakRssKiB();
    if (qEnvironmentVariableIsSet("HERON_DEBUG_MEMORY"))
        qDebug() << "peak resident KiB before" << before << "after" << after;
    if (before > 0 && after > 0)
        QVERIFY2(after - before < 4 * 1024, QByteArray::number(after - before) + " KiB");

    // The pull-based stream gives the same bytes, read in small pieces.
    {
        MessageStream stream(makeBuilder(m));
        QVERIFY(stream.open(QIODevice::ReadOnly));
        QCryptographicHash streamHash(QCryptographicHash::Sha256);
        qint64 total = 0;
        while (!stream.atEnd()) {
            const QByteArray piece = stream.read(16 * 1024);
            QVERIFY(!piece.isEmpty());
            streamHash.addData(piece);
            total += piece.size();
        }
        QCOMPARE(total, stream.size());
        QCOMPARE(total, QFileInfo(output).size());
        QFile written(output);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCryptographicHash fileHash(QCryptographicHash::Sha256);
        QVERIFY(fileHash.addData(&written));
        QCOMPARE(streamHash.result(), fileHash.result());
    }

    // And the bytes are all there.
    const MimePart root = MimePart::parse(readAll(output));
    const MessageContent content = MessageContent::fromMessage(root);
    QCOMPARE(content.attachments().size(), 1);
    QCOMPARE(content.attachments().first().size, size);
    const MimePart *part = root.findSection(content.attachments().first().section);
    QVERIFY(part);
    QCOMPARE(QCryptographicHash::hash(part->decodedBody(), QCryptographicHash::Sha256),
             sourceHash.result());
}

void tst_MessageBuilder::stream_data()
{
    golden_data();
}

// The pull-based stream gives the same bytes as the golden files, whatever the read sizes.
void tst_MessageBuilder::stream()
{
    QFETCH(OutgoingMessage, message);
    QFETCH(bool, smtpUtf8);
    QFETCH(bool, allow8Bit);
    const QByteArray golden = readAll(
            dataPath(QString::fromLatin1(QTest::currentDataTag()) + u8(".eml")));
    QVERIFY(!golden.isEmpty());

    for (const qint64 readSize : {qint64(1), qint64(7), qint64(100), qint64(64 * 1024)}) {
        MessageBuilder builder = makeBuilder(message);
        builder.setSmtpUtf8(smtpUtf8);
        builder.setAllow8Bit(allow8Bit);
        MessageStream stream(builder);
        QVERIFY(stream.open(QIODevice::ReadOnly));
        QVERIFY(stream.isSequential());
        QCOMPARE(stream.size(), golden.size());
        QByteArray read;
        while (!stream.atEnd()) {
            QCOMPARE(stream.bytesAvailable(), golden.size() - read.size());
            const QByteArray piece = stream.read(readSize);
            QVERIFY(!piece.isEmpty());
            QVERIFY(piece.size() <= readSize);
            read += piece;
        }
        QCOMPARE(read, golden);
        QCOMPARE(stream.bytesAvailable(), 0);
    }
}

void tst_MessageBuilder::streamRefusal()
{
    OutgoingMessage m = baseMessage();
    m.attachments = {{u8("/nonexistent/file.bin"), QString(), QByteArray(), QByteArray(), false}};
    MessageStream stream(makeBuilder(m));
    QVERIFY(!stream.open(QIODevice::ReadOnly));
    QCOMPARE(stream.buildError().kind(), MailError::Kind::Storage);
    QVERIFY(!stream.isOpen());

    MessageStream writable(makeBuilder(baseMessage()));
    QVERIFY(!writable.open(QIODevice::ReadWrite));
}

QTEST_GUILESS_MAIN(tst_MessageBuilder)
#include "tst_messagebuilder.moc"
