#include "imap/parser/imapparser.h"
#include "sync/bodystructurecodec.h"
#include "sync/messagerecordfactory.h"

#include <QTest>

namespace {

ImapFetch parseFetch(const QByteArray &response)
{
    const ImapParser::Result result = ImapParser::parse(response);
    if (!result.isOk() || result.response.type() != ImapResponse::Type::Fetch)
        return {};
    return result.response.fetch();
}

} // namespace

class TestMessageRecordFactory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bodyStructureRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("structure");
        QTest::newRow("plain") << QByteArray(
                R"(("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "7BIT" 120 4 NIL NIL NIL NIL))");
        QTest::newRow("mixed with attachment") << QByteArray(
                R"x((("text" "plain" ("charset" "utf-8" "format" "flowed") NIL NIL "quoted-printable" 300 10 NIL NIL NIL NIL)()x"
                R"x("application" "pdf" ("name" "report.pdf") "<id1@x>" "Quarterly" "base64" 40000 NIL ("attachment" ("filename" "report.pdf")) ("en" "de") "http://example.test/r"))x"
                R"x( "mixed" ("boundary" "b1") NIL NIL NIL))x");
        QTest::newRow("nested message") << QByteArray(
                R"x((("text" "plain" NIL NIL NIL "7bit" 10 1 NIL NIL NIL NIL)("message" "rfc822" NIL NIL NIL "7bit" 500)x"
                R"x( ("Mon, 1 Jan 2024 10:00:00 +0000" "Inner" (("Ann" NIL "ann" "example.test")) NIL NIL NIL NIL NIL NIL "<inner@x>"))x"
                R"x( ("text" "html" ("charset" "iso-8859-1") NIL NIL "8bit" 200 8 NIL NIL NIL NIL) 20 NIL NIL NIL NIL))x"
                R"x( "mixed" ("boundary" "b2") NIL NIL NIL))x");
        QTest::newRow("non-ascii parameter as literal")
                << QByteArray("((\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL)"
                              "(\"application\" \"octet-stream\" (\"name\" {6}\r\nr\xc3\xa9sum) "
                              "NIL NIL \"base64\" 9 NIL"
                              " (\"attachment\" NIL) NIL NIL) \"mixed\" NIL NIL NIL NIL)");
        // An empty literal is an empty string, "" is read as NIL: the codec keeps the difference
        // (a fuzz finding, where an empty language came back as NIL).
        QTest::newRow("empty literals") << QByteArray(
                "(\"text\" \"plain\" (\"name\" {0}\r\n) {0}\r\n {0}\r\n \"7bit\" 0 0 "
                "{0}\r\n (\"inline\" (\"filename\" {0}\r\n)) ({0}\r\n \"en\") {0}\r\n)");
        QTest::newRow("empty literal language")
                << QByteArray("(\"tuxt\" \"plain\" NIL NIL NIL \"8bit\" 10 1 NIL (\"x\" {0}\r\n) "
                              "NIL)");
        // Media type and subtype are strings, never NIL; "" reads as null, which the codec must
        // not write as NIL (a fuzz finding: the cached structure did not read back).
        QTest::newRow("empty media type and subtypes") << QByteArray(
                "((\"\" \"\" NIL NIL NIL \"7bit\" 1 NIL NIL NIL NIL) \"\" NIL NIL NIL NIL)");
        QTest::newRow("empty parameter name") << QByteArray(
                "(\"text\" \"plain\" (\"charset\" \"utf-8\" \"\" \"x\") NIL NIL \"7bit\" 1 1 "
                "NIL NIL NIL NIL)");
        QTest::newRow("empty quoted strings")
                << QByteArray("(\"text\" \"plain\" (\"name\" \"\") \"\" \"\" \"7bit\" 0 0 \"\" NIL "
                              "(\"\" \"en\") \"\")");
    }

    void bodyStructureRoundTrip()
    {
        QFETCH(QByteArray, structure);
        const ImapFetch fetch = parseFetch("* 1 FETCH (BODYSTRUCTURE " + structure + ")\r\n");
        QVERIFY(fetch.bodyStructure.has_value());
        const QByteArray encoded = BodyStructureCodec::encode(*fetch.bodyStructure);
        const std::optional<ImapBodyPart> decoded = BodyStructureCodec::decode(encoded);
        QVERIFY2(decoded.has_value(), encoded.constData());
        // Encoding the decoded form again gives the same bytes: nothing was lost on the way.
        QCOMPARE(BodyStructureCodec::encode(*decoded), encoded);
        QCOMPARE(decoded->mimeType(), fetch.bodyStructure->mimeType());
        QCOMPARE(decoded->children.size(), fetch.bodyStructure->children.size());
    }

    void decodeRejectsGarbage()
    {
        QVERIFY(!BodyStructureCodec::decode(QByteArray()).has_value());
        QVERIFY(!BodyStructureCodec::decode("((unbalanced").has_value());
    }

    void recordFromFetch()
    {
        const QByteArray references
                = "References: <root@example.test>\r\n <parent@example.test>\r\n\r\n";
        const QByteArray response
                = "* 12 FETCH (UID 4711 MODSEQ (99) FLAGS (\\Seen \\Flagged $Forwarded Junk "
                  "\\Recent) "
                  "INTERNALDATE \"17-Jul-2024 02:44:25 -0700\" RFC822.SIZE 4286 "
                  "ENVELOPE (\"Wed, 17 Jul 2024 02:23:25 -0700\" \"=?ISO-8859-1?Q?Gr=FC=DFe?= aus "
                  "Berlin\" "
                  "((\"=?UTF-8?B?SsO8cmdlbg==?=\" NIL \"juergen\" \"example.test\")) NIL NIL "
                  "((NIL NIL \"bob\" \"example.test\")(\"Carol\" NIL \"carol\" \"example.test\")) "
                  "((\"Dan\" NIL \"dan\" \"example.test\")(NIL NIL \"team\" NIL)"
                  "(\"=?UTF-8?B?SsO8cmdlbg==?=\" NIL \"j\" \"x.test\")"
                  "(NIL NIL \"j\xc3\xb6rg\" \"ex\xc3\xa4mple.test\")(NIL NIL NIL NIL)) NIL "
                  "\"<parent@example.test>\" "
                  "\"<me@example.test>\") "
                  "BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL)"
                  "(\"image\" \"png\" (\"name\" \"a.png\") NIL NIL \"base64\" 900 NIL "
                  "(\"attachment\" NIL) NIL NIL)"
                  " \"mixed\" NIL NIL NIL NIL) "
                  "BODY[HEADER.FIELDS (REFERENCES)] {"
                  + QByteArray::number(references.size()) + "}\r\n" + references + ")\r\n";
        const ImapFetch fetch = parseFetch(response);
        QVERIFY(fetch.uid.has_value());
        const MessageRecord r = MessageRecordFactory::fromFetch(fetch, 3);
        QCOMPARE(r.folderId, 3);
        QCOMPARE(r.uid, 4711u);
        QCOMPARE(r.modSeq, 99u);
        // $Forwarded is a flag of its own (set after forwarding); other keywords stay text.
        QCOMPARE(r.flags, MessageRecord::Flags(MessageRecord::Seen | MessageRecord::Flagged
                                               | MessageRecord::Forwarded));
        QCOMPARE(r.keywords, QStringLiteral("Junk"));
        QCOMPARE(MessageRecordFactory::flagsToList(r.flags),
                 QList<QByteArray>({"\\Seen", "\\Flagged", "$Forwarded"}));
        QCOMPARE(r.size, 4286);
        QCOMPARE(r.subject, QStringLiteral("Grüße aus Berlin"));
        QCOMPARE(r.fromName, QStringLiteral("Jürgen"));
        QCOMPARE(r.fromAddress, QStringLiteral("juergen@example.test"));
        QCOMPARE(r.to, QStringLiteral("bob@example.test, Carol"));
        // Group markers are no addresses; names are decoded, addresses read as UTF-8.
        QCOMPARE(r.cc, QString::fromUtf8("Dan, J\xc3\xbcrgen, j\xc3\xb6rg@ex\xc3\xa4mple.test"));
        QCOMPARE(r.messageId, QByteArray("<me@example.test>"));
        QCOMPARE(r.inReplyTo, QByteArray("<parent@example.test>"));
        QCOMPARE(r.references, QByteArray("<root@example.test> <parent@example.test>"));
        QCOMPARE(r.sentDate, QDateTime(QDate(2024, 7, 17), QTime(9, 23, 25), Qt::UTC));
        QVERIFY(r.internalDate.isValid());
        QVERIFY(r.hasAttachments);
        // The structure is kept as the server wrote it, and decodes to the parsed tree.
        QVERIFY(r.bodyStructure.startsWith("((\"text\" \"plain\""));
        QVERIFY(r.bodyStructure.endsWith("\"mixed\" NIL NIL NIL NIL)"));
        const std::optional<ImapBodyPart> decoded = BodyStructureCodec::decode(r.bodyStructure);
        QVERIFY(decoded.has_value());
        QCOMPARE(BodyStructureCodec::encode(*decoded),
                 BodyStructureCodec::encode(*fetch.bodyStructure));
        QCOMPARE(decoded->findPart("2")->fileName(), QByteArray("a.png"));
    }

    void attachmentDetection_data()
    {
        QTest::addColumn<QByteArray>("structure");
        QTest::addColumn<bool>("expected");
        QTest::newRow("plain text")
                << QByteArray(R"(("text" "plain" NIL NIL NIL "7bit" 1 1 NIL NIL NIL NIL))")
                << false;
        QTest::newRow("alternative") << QByteArray(
                R"((("text" "plain" NIL NIL NIL "7bit" 1 1 NIL NIL NIL NIL)("text" "html" NIL NIL NIL "7bit" 1 1 NIL NIL NIL NIL) "alternative" NIL NIL NIL NIL))")
                                     << false;
        QTest::newRow("inline image in related") << QByteArray(
                R"((("text" "html" NIL NIL NIL "7bit" 1 1 NIL NIL NIL NIL)("image" "png" ("name" "logo.png") "<logo>" NIL "base64" 10 NIL ("inline" NIL) NIL NIL) "related" NIL NIL NIL NIL))")
                                                 << false;
        QTest::newRow("named file without disposition") << QByteArray(
                R"((("text" "plain" NIL NIL NIL "7bit" 1 1 NIL NIL NIL NIL)("application" "zip" ("name" "a.zip") NIL NIL "base64" 10 NIL NIL NIL NIL) "mixed" NIL NIL NIL NIL))")
                                                        << true;
    }

    void attachmentDetection()
    {
        QFETCH(QByteArray, structure);
        QFETCH(bool, expected);
        const ImapFetch fetch = parseFetch("* 1 FETCH (BODYSTRUCTURE " + structure + ")\r\n");
        QVERIFY(fetch.bodyStructure.has_value());
        QCOMPARE(MessageRecordFactory::hasAttachments(*fetch.bodyStructure), expected);
    }

    void flagsRoundTrip()
    {
        QString keywords;
        const auto flags = MessageRecordFactory::flagsFromList({"\\SEEN", "\\answered", "\\Draft",
                                                                "\\Deleted", "\\Flagged", "Junk"},
                                                               &keywords);
        QCOMPARE(MessageRecordFactory::flagsToList(flags),
                 (QList<QByteArray> {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"}));
        QCOMPARE(keywords, QStringLiteral("Junk"));
    }
};

QTEST_GUILESS_MAIN(TestMessageRecordFactory)
#include "tst_messagerecordfactory.moc"
