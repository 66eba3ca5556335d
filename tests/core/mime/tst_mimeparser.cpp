#include "mime/addressparser.h"
#include "mime/dateparser.h"
#include "mime/flowedtext.h"
#include "mime/messagecontent.h"
#include "mime/mimepart.h"

#include "testtiming.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

// Replays tests/data/mime/parser/*.eml: each message is parsed and described as text (header
// summary, part tree, what a reader shows, attachments); the description must equal the
// .expected file beside it.

namespace {

QString dataDir()
{
    return QStringLiteral(HERON_MIME_DATA "/parser");
}

void describeTree(const MimePart &part, int indent, QString *out)
{
    QString line = QString(indent * 2, u' ');
    line += QString::fromLatin1(part.section().isEmpty() ? QByteArray("-") : part.section());
    line += u' ' + QString::fromLatin1(part.mimeType());
    if (!part.charset().isEmpty())
        line += QStringLiteral(" charset=") + QString::fromLatin1(part.charset());
    if (!part.fileName().isEmpty())
        line += QStringLiteral(" name=\"") + part.fileName() + u'"';
    if (!part.isMultipart() && !part.isMessage())
        line += QStringLiteral(" size=") + QString::number(part.decodedSize());
    if (part.isMissingEndBoundary())
        line += QStringLiteral(" missing-end");
    *out += line + u'\n';
    for (const MimePart &child : part.children())
        describeTree(child, indent + 1, out);
}

QString describeAttachments(const QList<MessageContent::Attachment> &list)
{
    QString out;
    for (const MessageContent::Attachment &a : list) {
        out += QString::fromLatin1(a.section) + u' ' + QString::fromLatin1(a.mimeType)
               + QStringLiteral(" \"") + a.fileName + QStringLiteral("\" ")
               + QString::number(a.size);
        if (a.isInline)
            out += QStringLiteral(" inline");
        if (!a.contentId.isEmpty())
            out += QStringLiteral(" cid=") + QString::fromLatin1(a.contentId);
        out += u'\n';
    }
    return out;
}

QString describe(const MimePart &root)
{
    QString out;
    out += QStringLiteral("subject: ") + root.decodedHeader("Subject") + u'\n';
    QStringList from;
    for (const MailAddress &a : AddressParser::parseList(root.header("From")))
        from.append(a.name + u'|' + a.address);
    out += QStringLiteral("from: ") + from.join(QStringLiteral("; ")) + u'\n';
    out += QStringLiteral("date: ") + DateParser::parse(root.header("Date")).toString(Qt::ISODate)
           + u'\n';
    out += QStringLiteral("tree:\n");
    describeTree(root, 1, &out);

    const MessageContent plain = MessageContent::fromMessage(root);
    const MessageContent html = MessageContent::fromMessage(root, MessageContent::Preference::Html);
    QStringList htmlSections;
    for (const MessageContent::Body &b : html.bodies())
        htmlSections.append(QString::fromLatin1(b.section));
    out += QStringLiteral("html preference shows: ") + htmlSections.join(u' ');
    QStringList htmlRelated;
    for (const MessageContent::Attachment &a : html.relatedResources())
        htmlRelated.append(QString::fromLatin1(a.section));
    QStringList htmlAttachments;
    for (const MessageContent::Attachment &a : html.attachments())
        htmlAttachments.append(QString::fromLatin1(a.section));
    out += QStringLiteral(" | related: ") + htmlRelated.join(u' ')
           + QStringLiteral(" | attachments: ") + htmlAttachments.join(u' ') + u'\n';
    for (const MessageContent::Body &b : plain.bodies()) {
        const char *kind = b.kind == MessageContent::Body::Kind::Html        ? "html"
                           : b.kind == MessageContent::Body::Kind::PlainText ? "plain"
                                                                             : "message";
        out += QStringLiteral("--- %1 %2 depth %3 ---\n")
                       .arg(QLatin1String(kind), QString::fromLatin1(b.section))
                       .arg(b.depth);
        out += b.text;
        if (!b.text.endsWith(u'\n'))
            out += u'\n';
    }
    out += QStringLiteral("--- attachments ---\n") + describeAttachments(plain.attachments());
    out += QStringLiteral("--- related ---\n") + describeAttachments(plain.relatedResources());
    out += QStringLiteral("--- notes ---\n");
    for (MessageContent::Note n : plain.notes()) {
        out += n == MessageContent::Note::SignatureNotVerified
                       ? QStringLiteral("signature not verified\n")
                       : QStringLiteral("encrypted, not readable\n");
    }
    return out;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

} // namespace

class tst_MimeParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void corpus_data();
    void corpus();
    void hostile_data();
    void hostile();
    void sections_data();
    void sections();
    void linearTime_data();
    void linearTime();
    void unflow_data();
    void unflow();
    void flow_data();
    void flow();
};

void tst_MimeParser::corpus_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(dataDir());
    const QStringList files = dir.entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 15, qPrintable(dir.absolutePath()));
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void tst_MimeParser::corpus()
{
    QFETCH(QString, path);
    const QByteArray message = readAll(path);
    QVERIFY(!message.isEmpty());
    const QString actual = describe(MimePart::parse(message));
    QString expectedPath = path;
    expectedPath.replace(QStringLiteral(".eml"), QStringLiteral(".expected"));
    if (qEnvironmentVariableIsSet("HERON_WRITE_EXPECTED")) {
        QFile out(expectedPath);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(actual.toUtf8());
    }
    const QByteArray expected = readAll(expectedPath);
    QVERIFY2(!expected.isEmpty(), qPrintable(expectedPath));
    QCOMPARE(actual, QString::fromUtf8(expected));
}

// Inputs built in code: huge nesting, unterminated everything. Parsing must finish and the
// tree must stay bounded.
void tst_MimeParser::hostile_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("maxDepth");

    QByteArray nested;
    for (int i = 0; i < 5000; ++i)
        nested += "Content-Type: multipart/mixed; boundary=b" + QByteArray::number(i) + "\n\n--b"
                  + QByteArray::number(i) + "\n";
    QTest::newRow("deep multipart") << nested << 70;

    QByteArray messages;
    for (int i = 0; i < 5000; ++i)
        messages += "Content-Type: message/rfc822\n\n";
    QTest::newRow("deep rfc822") << messages << 70;

    QTest::newRow("empty") << QByteArray() << 1;
    QTest::newRow("only header") << QByteArray("Subject: x") << 1;
    QTest::newRow("boundary at end")
            << QByteArray("Content-Type: multipart/mixed; boundary=x\n\n--x") << 2;
    QTest::newRow("empty boundary")
            << QByteArray("Content-Type: multipart/mixed; boundary=\"\"\n\n--\n--\n") << 1;
    QTest::newRow("nul bytes") << QByteArray("Subject: a\0b\n\nbody\0\0", 20) << 1;
    QTest::newRow("lone CR") << QByteArray("Subject: a\rb\r\rbody") << 1;
}

static int treeDepth(const MimePart &part)
{
    int deepest = 0;
    for (const MimePart &child : part.children())
        deepest = qMax(deepest, treeDepth(child));
    return deepest + 1;
}

void tst_MimeParser::hostile()
{
    QFETCH(QByteArray, message);
    QFETCH(int, maxDepth);
    const MimePart root = MimePart::parse(message);
    QVERIFY(treeDepth(root) <= maxDepth);
    const MessageContent content = MessageContent::fromMessage(root);
    Q_UNUSED(content.bodies());
}

void tst_MimeParser::sections_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("section");
    QTest::addColumn<QByteArray>("mimeType");

    // The example of RFC 3501 section 6.4.5, reduced to its structure.
    const QByteArray rfc3501 = "Content-Type: multipart/mixed; boundary=o\n\n"
                               "--o\nContent-Type: text/plain\n\none\n"
                               "--o\nContent-Type: application/octet-stream\n\ntwo\n"
                               "--o\nContent-Type: message/rfc822\n\n"
                               "Subject: three\nContent-Type: multipart/mixed; boundary=t\n\n"
                               "--t\nContent-Type: text/plain\n\n3.1\n"
                               "--t\nContent-Type: application/octet-stream\n\n3.2\n--t--\n"
                               "--o\nContent-Type: multipart/mixed; boundary=f\n\n"
                               "--f\nContent-Type: image/gif\n\n4.1\n"
                               "--f\nContent-Type: message/rfc822\n\n"
                               "Content-Type: multipart/mixed; boundary=g\n\n"
                               "--g\nContent-Type: image/gif\n\n4.2.1\n"
                               "--g\nContent-Type: multipart/alternative; boundary=h\n\n"
                               "--h\nContent-Type: text/plain\n\n4.2.2.1\n"
                               "--h\nContent-Type: text/richtext\n\n4.2.2.2\n--h--\n"
                               "--g--\n--f--\n--o--\n";
    QTest::newRow("1") << rfc3501 << QByteArray("1") << QByteArray("text/plain");
    QTest::newRow("2") << rfc3501 << QByteArray("2") << QByteArray("application/octet-stream");
    QTest::newRow("3") << rfc3501 << QByteArray("3") << QByteArray("message/rfc822");
    QTest::newRow("3.1") << rfc3501 << QByteArray("3.1") << QByteArray("text/plain");
    QTest::newRow("3.2") << rfc3501 << QByteArray("3.2") << QByteArray("application/octet-stream");
    QTest::newRow("4") << rfc3501 << QByteArray("4") << QByteArray("multipart/mixed");
    QTest::newRow("4.1") << rfc3501 << QByteArray("4.1") << QByteArray("image/gif");
    QTest::newRow("4.2") << rfc3501 << QByteArray("4.2") << QByteArray("message/rfc822");
    QTest::newRow("4.2.1") << rfc3501 << QByteArray("4.2.1") << QByteArray("image/gif");
    QTest::newRow("4.2.2") << rfc3501 << QByteArray("4.2.2") << QByteArray("multipart/alternative");
    QTest::newRow("4.2.2.2") << rfc3501 << QByteArray("4.2.2.2") << QByteArray("text/richtext");
    QTest::newRow("single part is 1")
            << QByteArray("Subject: x\n\nhello") << QByteArray("1") << QByteArray("text/plain");
    QTest::newRow("nested single part")
            << QByteArray("Content-Type: multipart/mixed; boundary=z\n\n--z\n\na\n--z\n"
                          "Content-Type: message/rfc822\n\nSubject: in\n\n2.1\n--z--\n")
            << QByteArray("2.1") << QByteArray("text/plain");
}

void tst_MimeParser::sections()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, section);
    QFETCH(QByteArray, mimeType);
    const MimePart root = MimePart::parse(message);
    const MimePart *part = root.findSection(section);
    QVERIFY(part);
    QCOMPARE(part->mimeType(), mimeType);
    // In the sample every leaf's body names its own section. Top-level leaves spell theirs.
    if (section.contains('.') && !part->isMultipart() && !part->isMessage())
        QCOMPARE(part->decodedBody().trimmed(), section);
}

// Inputs that make a careless parser look at the same bytes again and again. A megabyte of
// each must parse in well under the time a quadratic scan would need (many minutes).
void tst_MimeParser::linearTime_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value");

    QTest::newRow("unclosed encoded words")
            << QByteArray("Subject") << QByteArray("=?a?q?x ").repeated(150000);
    QTest::newRow("encoded word starts")
            << QByteArray("Subject") << QByteArray("=?").repeated(500000);
    QTest::newRow("dotted quoted words")
            << QByteArray("To") << QByteArray("\"a\".").repeated(250000);
    QTest::newRow("open angles") << QByteArray("To") << QByteArray("<").repeated(1000000);
    QTest::newRow("open comments") << QByteArray("To") << QByteArray("(").repeated(1000000);
    QTest::newRow("many addresses") << QByteArray("To") << QByteArray("a@b.c, ").repeated(150000);
    QTest::newRow("many parameters") << QByteArray("Content-Type")
                                     << "text/plain" + QByteArray("; a*1*=%41").repeated(100000);
}

void tst_MimeParser::linearTime()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    const QByteArray message = header + ": " + value + "\r\n\r\nbody\r\n";
    QElapsedTimer timer;
    timer.start();
    const MimePart root = MimePart::parse(message);
    (void) root.decodedHeader("Subject");
    (void) AddressParser::parseList(root.header("To"));
    (void) root.contentType().parameters();
    (void) MessageContent::fromMessage(root);
    QVERIFY2(timer.elapsed() < 15000 * TestTiming::factor,
             QByteArray::number(timer.elapsed()) + " ms");
}

void tst_MimeParser::unflow_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("delSp");
    QTest::addColumn<QString>("expected");

    QTest::newRow("soft breaks join")
            << QStringLiteral("one \ntwo \nthree\n") << false << QStringLiteral("one two three\n");
    QTest::newRow("hard break stays")
            << QStringLiteral("one\ntwo\n") << false << QStringLiteral("one\ntwo\n");
    QTest::newRow("delsp removes the space")
            << QStringLiteral("abc \ndef\n") << true << QStringLiteral("abcdef\n");
    QTest::newRow("space-stuffing removed") << QStringLiteral(" From here\n  two spaces\n") << false
                                            << QStringLiteral("From here\n two spaces\n");
    QTest::newRow("quote depth joins")
            << QStringLiteral("> a \n> b\n") << false << QStringLiteral("> a b\n");
    QTest::newRow("quote change ends paragraph")
            << QStringLiteral("> a \n>> b\n") << false << QStringLiteral("> a \n>> b\n");
    QTest::newRow("quote without space")
            << QStringLiteral(">>x \n>>y\n") << false << QStringLiteral(">> x y\n");
    QTest::newRow("signature separator is hard")
            << QStringLiteral("-- \nme\n") << false << QStringLiteral("-- \nme\n");
    QTest::newRow("soft at end of text")
            << QStringLiteral("dangling ") << false << QStringLiteral("dangling ");
    QTest::newRow("empty lines") << QStringLiteral("a\n\nb\n") << false
                                 << QStringLiteral("a\n\nb\n");
}

void tst_MimeParser::unflow()
{
    QFETCH(QString, input);
    QFETCH(bool, delSp);
    QFETCH(QString, expected);
    QCOMPARE(FlowedText::unflow(input, delSp), expected);
}

void tst_MimeParser::flow_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: round trip and widths only

    QTest::newRow("short") << QStringLiteral("hello\n") << QStringLiteral("hello\n");
    QTest::newRow("trailing spaces stripped")
            << QStringLiteral("hello   \nworld\n") << QStringLiteral("hello\nworld\n");
    QTest::newRow("space-stuffing")
            << QStringLiteral(" indented\nFrom me\n") << QStringLiteral("  indented\n From me\n");
    QTest::newRow("quote normalised")
            << QStringLiteral(">quoted\n>> deeper\n") << QStringLiteral("> quoted\n>> deeper\n");
    QTest::newRow("signature kept") << QStringLiteral("-- \nme\n") << QStringLiteral("-- \nme\n");
    QTest::newRow("wrapped") << QStringLiteral("word ").repeated(40).trimmed() << QString();
    QTest::newRow("wrapped quote")
            << QString(QStringLiteral("> ") + QStringLiteral("quoted words ").repeated(20).trimmed())
            << QString();
    QTest::newRow("long word") << QString(QStringLiteral("x").repeated(100)
                                          + QStringLiteral(" tail"))
                               << QString();
    QTest::newRow("from after wrap")
            << QString(QStringLiteral("a").repeated(70) + QStringLiteral(" From there on"))
            << QString();
}

void tst_MimeParser::flow()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QString flowed = FlowedText::flow(input, 76);
    if (!expected.isEmpty())
        QCOMPARE(flowed, expected);
    const QStringList lines = flowed.split(u'\n');
    for (const QString &line : lines) {
        if (!line.contains(u' ') || line.indexOf(u' ', 1) > 76)
            continue; // nothing to break on
        QVERIFY2(line.size() <= 77, qPrintable(line)); // 76 plus the soft-break space
        QVERIFY2(!line.startsWith(QStringLiteral("From ")), qPrintable(line));
    }
    // Unflowing gives back the text with normalised quote marks and no trailing blanks.
    QString normalised;
    for (const QString &line : input.split(u'\n')) {
        QString l = line;
        if (l != QStringLiteral("-- "))
            while (l.endsWith(u' '))
                l.chop(1);
        int depth = 0;
        while (depth < l.size() && l.at(depth) == u'>')
            ++depth;
        if (depth > 0) {
            QString rest = l.mid(depth);
            if (rest.startsWith(u' '))
                rest.remove(0, 1);
            l = QString(depth, u'>') + u' ' + rest;
        }
        normalised += l + u'\n';
    }
    normalised.chop(1);
    QCOMPARE(FlowedText::unflow(flowed), normalised);
}

QTEST_GUILESS_MAIN(tst_MimeParser)
#include "tst_mimeparser.moc"
