#include "mime/addressparser.h"
#include "mime/charsetdecoder.h"
#include "mime/dateparser.h"
#include "mime/encodedwords.h"
#include "mime/headerparameters.h"
#include "mime/listpostheader.h"

#include <QTest>

namespace {

// "name|address" entries joined by "; ", for readable expectations.
QString describe(const QList<MailAddress> &list)
{
    QStringList parts;
    for (const MailAddress &a : list)
        parts.append(a.name + u'|' + a.address);
    return parts.join(QStringLiteral("; "));
}

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class tst_MimeHeaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addresses_data();
    void addresses();
    void dates_data();
    void dates();
    void dateFormat_data();
    void dateFormat();
    void encodedWordsDecode_data();
    void encodedWordsDecode();
    void encodedWordsEncode_data();
    void encodedWordsEncode();
    void parameters_data();
    void parameters();
    void parameterEncoding_data();
    void parameterEncoding();
    void listPost_data();
    void listPost();
};

void tst_MimeHeaders::addresses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("bare") << QByteArray("john@example.com") << u8("|john@example.com");
    QTest::newRow("angle only") << QByteArray("<john@example.com>") << u8("|john@example.com");
    QTest::newRow("rfc5322 A.1.1")
            << QByteArray("John Doe <jdoe@machine.example>") << u8("John Doe|jdoe@machine.example");
    QTest::newRow("rfc5322 A.1.2 list")
            << QByteArray("Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>")
            << u8("Mary Smith|mary@x.test; |jdoe@example.org; Who?|one@y.test");
    QTest::newRow("rfc5322 quoted display name")
            << QByteArray("\"Joe Q. Public\" <john.q.public@example.com>")
            << u8("Joe Q. Public|john.q.public@example.com");
    QTest::newRow("rfc5322 quoted pair in name")
            << QByteArray("<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>")
            << u8("|boss@nil.test; Giant; \"Big\" Box|sysservices@example.net");
    QTest::newRow("rfc5322 A.1.3 group")
            << QByteArray("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;")
            << u8("Ed Jones|c@a.test; |joe@where.test; John|jdoe@one.test");
    QTest::newRow("empty group") << QByteArray("Undisclosed recipients:;") << QString();
    QTest::newRow("group then mailbox")
            << QByteArray("Team: a@x.test; Boss <b@x.test>") << u8("|a@x.test; Boss|b@x.test");
    QTest::newRow("rfc5322 A.5 comments")
            << QByteArray("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>")
            << u8("Pete|pete@silly.test");
    QTest::newRow("old style comment name")
            << QByteArray("jdoe@example.com (John Doe)") << u8("John Doe|jdoe@example.com");
    QTest::newRow("obs-phrase with dot") << QByteArray("John Q. Public <jqp@example.com>")
                                         << u8("John Q. Public|jqp@example.com");
    QTest::newRow("obs-route") << QByteArray("Mary <@node.test,@relay.test:mary@example.net>")
                               << u8("Mary|mary@example.net");
    QTest::newRow("quoted local part")
            << QByteArray("\"john doe\"@example.com") << u8("|\"john doe\"@example.com");
    QTest::newRow("needlessly quoted local part")
            << QByteArray("<\"john.doe\"@example.com>") << u8("|john.doe@example.com");
    QTest::newRow("rfc2047 name") << QByteArray(
            "=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>")
                                  << u8("Keld Jørn Simonsen|keld@dkuug.dk");
    QTest::newRow("rfc2047 words split")
            << QByteArray("=?UTF-8?B?SsO2?= =?UTF-8?B?cmc=?= <j@x.test>") << u8("Jörg|j@x.test");
    QTest::newRow("rfc2047 inside quotes")
            << QByteArray("\"=?utf-8?q?Ren=C3=A9?=\" <r@x.test>") << u8("René|r@x.test");
    QTest::newRow("raw utf-8 (rfc6532)") << QByteArray("Jörg Müller <jörg@bücher.example>")
                                         << u8("Jörg Müller|jörg@bücher.example");
    QTest::newRow("raw latin-1") << QByteArray("J\xf6rg <j@x.test>") << u8("Jörg|j@x.test");
    QTest::newRow("unquoted comma in name") << QByteArray("Doe, John <john@example.com>, x@y.test")
                                            << u8("Doe, John|john@example.com; |x@y.test");
    QTest::newRow("empty entries") << QByteArray(", ,a@b.test,, ,") << u8("|a@b.test");
    QTest::newRow("folded") << QByteArray("John\r\n Doe <j@x.test>,\r\n\tk@x.test")
                            << u8("John Doe|j@x.test; |k@x.test");
    QTest::newRow("null sender") << QByteArray("<>") << QString();
    QTest::newRow("null sender with a name")
            << QByteArray("MAILER DAEMON <>") << u8("MAILER DAEMON|");
    QTest::newRow("null sender with a name, then a mailbox")
            << QByteArray("Mail Delivery System <>, postmaster@example.org")
            << u8("Mail Delivery System|; |postmaster@example.org");
    QTest::newRow("archive form: address spelled with at")
            << QByteArray("jane.doe at example.org (Jane Doe)")
            << u8("Jane Doe|jane.doe at example.org");
    QTest::newRow("archive form in a list")
            << QByteArray("a at example.org (A. Person), b@example.org")
            << u8("A. Person|a at example.org; |b@example.org");
    QTest::newRow("domain literal")
            << QByteArray("root@[192.168.0.1]") << u8("|root@[192.168.0.1]");
    QTest::newRow("unterminated angle") << QByteArray("Broken <b@x.test") << u8("Broken|b@x.test");
    QTest::newRow("unterminated quote") << QByteArray("\"Broken <b@x.test>") << QString();
    QTest::newRow("garbage only") << QByteArray("<<>>@@,;:") << QString();
    QTest::newRow("local only") << QByteArray("root") << u8("|root");
}

void tst_MimeHeaders::addresses()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    QCOMPARE(describe(AddressParser::parseList(input)), expected);
}

void tst_MimeHeaders::dates_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected"); // ISO 8601 with offset, empty: invalid

    QTest::newRow("rfc5322 A.1.1")
            << QByteArray("Fri, 21 Nov 1997 09:55:06 -0600") << u8("1997-11-21T09:55:06-06:00");
    QTest::newRow("positive offset")
            << QByteArray("Tue, 1 Jul 2003 10:52:37 +0200") << u8("2003-07-01T10:52:37+02:00");
    QTest::newRow("no day name") << QByteArray("21 Nov 1997 09:55:06 +0000")
                                 << u8("1997-11-21T09:55:06Z");
    QTest::newRow("no seconds") << QByteArray("Thu, 13 Feb 1969 23:32 -0330")
                                << u8("1969-02-13T23:32:00-03:30");
    QTest::newRow("rfc5322 A.6.3 obsolete spacing and comments")
            << QByteArray("Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n"
                          "               -0330 (Newfoundland Time)")
            << u8("1969-02-13T23:32:00-03:30");
    QTest::newRow("two digit year 97")
            << QByteArray("21 Nov 97 09:55:06 GMT") << u8("1997-11-21T09:55:06Z");
    QTest::newRow("two digit year 03")
            << QByteArray("Mon, 3 Mar 03 1:02:03 EST") << u8("2003-03-03T01:02:03-05:00");
    QTest::newRow("three digit year")
            << QByteArray("1 Jan 103 00:00:00 +0000") << u8("2003-01-01T00:00:00Z");
    QTest::newRow("named zone PDT")
            << QByteArray("Sun, 6 Nov 1994 08:49:37 PDT") << u8("1994-11-06T08:49:37-07:00");
    QTest::newRow("military zone")
            << QByteArray("Sun, 6 Nov 1994 08:49:37 A") << u8("1994-11-06T08:49:37Z");
    QTest::newRow("UT") << QByteArray("6 Nov 1994 08:49:37 UT") << u8("1994-11-06T08:49:37Z");
    QTest::newRow("no zone") << QByteArray("6 Nov 1994 08:49:37") << u8("1994-11-06T08:49:37Z");
    QTest::newRow("full month name") << QByteArray("Sunday, 06 November 1994 08:49:37 +0100")
                                     << u8("1994-11-06T08:49:37+01:00");
    QTest::newRow("lower case") << QByteArray("sun, 6 nov 1994 08:49:37 gmt")
                                << u8("1994-11-06T08:49:37Z");
    QTest::newRow("GMT plus offset")
            << QByteArray("Sun, 6 Nov 1994 08:49:37 GMT+0100") << u8("1994-11-06T08:49:37+01:00");
    QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994")
                             << u8("1994-11-06T08:49:37Z");
    QTest::newRow("dashes") << QByteArray("6-Nov-1994 08:49:37 +0000")
                            << u8("1994-11-06T08:49:37Z");
    QTest::newRow("leap second") << QByteArray("31 Dec 2016 23:59:60 +0000")
                                 << u8("2016-12-31T23:59:59Z");
    QTest::newRow("bad day") << QByteArray("31 Feb 2016 10:00:00 +0000") << QString();
    // The common layout, read by its short path: the edges it shares with the general one.
    QTest::newRow("common leap second")
            << QByteArray("Sat, 31 Dec 2016 23:59:60 +0000") << u8("2016-12-31T23:59:59Z");
    QTest::newRow("common zone out of range")
            << QByteArray("Sat, 31 Dec 2016 23:59:00 +2400") << u8("2016-12-31T23:59:00Z");
    QTest::newRow("common minus zero")
            << QByteArray("Sun, 01 Jan 2023 01:00:00 -0000") << u8("2023-01-01T01:00:00Z");
    QTest::newRow("common bad day") << QByteArray("Wed, 31 Feb 2016 10:00:00 +0000") << QString();
    QTest::newRow("common bad minute") << QByteArray("Wed, 3 Feb 2016 10:61:00 +0000") << QString();
    QTest::newRow("common unknown day name")
            << QByteArray("Xyz, 03 Feb 2016 10:01:00 +0100") << u8("2016-02-03T10:01:00+01:00");
    QTest::newRow("bad hour") << QByteArray("1 Feb 2016 25:00:00 +0000") << QString();
    QTest::newRow("garbage") << QByteArray("yesterday at noon") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void tst_MimeHeaders::dates()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    const QDateTime dt = DateParser::parse(input);
    // A trailing comment leaves the value alone, and takes the common layout off its short path.
    const QDateTime commented = DateParser::parse(input + " (comment)");
    if (expected.isEmpty()) {
        QVERIFY2(!dt.isValid(), qPrintable(dt.toString(Qt::ISODate)));
        if (!input.isEmpty())
            QVERIFY(!commented.isValid());
        return;
    }
    QVERIFY(dt.isValid());
    QCOMPARE(dt.toString(Qt::ISODate), expected);
    QCOMPARE(commented.toString(Qt::ISODate), expected);
}

void tst_MimeHeaders::dateFormat_data()
{
    QTest::addColumn<QDateTime>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("utc") << QDateTime(QDate(2026, 11, 24), QTime(22, 37, 7), Qt::UTC)
                         << QByteArray("Tue, 24 Nov 2026 22:37:07 +0000");
    QTest::newRow("negative half hour")
            << QDateTime(QDate(1969, 2, 13), QTime(23, 32), Qt::OffsetFromUTC, -(3 * 3600 + 1800))
            << QByteArray("Thu, 13 Feb 1969 23:32:00 -0330");
    QTest::newRow("positive") << QDateTime(QDate(2024, 2, 29), QTime(9, 5, 1), Qt::OffsetFromUTC,
                                           3600)
                              << QByteArray("Thu, 29 Feb 2024 09:05:01 +0100");
}

void tst_MimeHeaders::dateFormat()
{
    QFETCH(QDateTime, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(DateParser::format(input), expected);
    QCOMPARE(DateParser::parse(expected), input);
}

void tst_MimeHeaders::encodedWordsDecode_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");

    // RFC 2047 section 8 examples
    QTest::newRow("rfc2047 single") << QByteArray("(=?ISO-8859-1?Q?a?=)") << u8("(a)");
    QTest::newRow("rfc2047 word then text") << QByteArray("=?ISO-8859-1?Q?a?= b") << u8("a b");
    QTest::newRow("rfc2047 adjacent")
            << QByteArray("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=") << u8("ab");
    QTest::newRow("rfc2047 adjacent folded")
            << QByteArray("=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=") << u8("ab");
    QTest::newRow("rfc2047 underscore") << QByteArray("=?ISO-8859-1?Q?a_b?=") << u8("a b");
    QTest::newRow("rfc2047 different charsets")
            << QByteArray("=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=") << u8("a b");
    QTest::newRow("rfc2047 subject")
            << QByteArray("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n"
                          " =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=")
            << u8("If you can read this you understand the example.");
    QTest::newRow("lower case encoding") << QByteArray("=?utf-8?b?w6k=?=") << u8("é");
    QTest::newRow("rfc2231 language")
            << QByteArray("=?US-ASCII*EN?Q?Keith_Moore?=") << u8("Keith Moore");
    QTest::newRow("utf-8 split across words")
            << QByteArray("=?UTF-8?B?4oI=?= =?UTF-8?B?rA==?=") << u8("€");
    QTest::newRow("utf-8 split across q words")
            << QByteArray("=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?=") << u8("café");
    QTest::newRow("no space before word")
            << QByteArray("Re:=?UTF-8?Q?caf=C3=A9?=") << u8("Re:café");
    QTest::newRow("no space between words") << QByteArray("=?UTF-8?Q?a?==?UTF-8?Q?b?=") << u8("ab");
    QTest::newRow("text between words kept")
            << QByteArray("=?UTF-8?Q?a?= - =?UTF-8?Q?b?=") << u8("a - b");
    QTest::newRow("koi8-r") << QByteArray("=?koi8-r?B?8NLJ18XU?=") << u8("Привет");
    QTest::newRow("windows-1251") << QByteArray("=?windows-1251?Q?=CF=F0=E8=E2=E5=F2?=")
                                  << u8("Привет");
    QTest::newRow("iso-2022-jp") << QByteArray("=?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=")
                                 << u8("こんにちは");
    // Each ISO-2022-JP word ends back in ASCII and is decoded alone (RFC 1468).
    QTest::newRow("iso-2022-jp adjacent words") << QByteArray(
            "=?ISO-2022-JP?B?GyRCMnE1RCROGyhC?= =?ISO-2022-JP?B?GyRCJCpDTiRpJDsbKEI=?=")
                                                << u8("会議のお知らせ");
    QTest::newRow("iso-2022-jp adjacent words, folded") << QByteArray(
            "=?iso-2022-jp?B?GyRCMnE1RCROGyhC?=\r\n =?ISO-2022-JP?B?GyRCJCpDTiRpJDsbKEI=?=")
                                                        << u8("会議のお知らせ");
    QTest::newRow("utf-8 word with a stray byte")
            << QByteArray("=?UTF-8?Q?=D0=9F=D1=80=D0=BE=FF=D1=84?=") << u8("Проÿф");
    QTest::newRow("unknown charset falls back to utf-8")
            << QByteArray("=?x-unknown?Q?caf=C3=A9?=") << u8("café");
    QTest::newRow("unknown charset latin fallback")
            << QByteArray("=?x-unknown?Q?caf=E9?=") << u8("café");
    QTest::newRow("declared ascii but utf-8")
            << QByteArray("=?us-ascii?Q?caf=C3=A9?=") << u8("café");
    QTest::newRow("bad encoding letter kept")
            << QByteArray("=?UTF-8?X?abc?=") << u8("=?UTF-8?X?abc?=");
    QTest::newRow("unterminated kept") << QByteArray("=?UTF-8?Q?abc") << u8("=?UTF-8?Q?abc");
    QTest::newRow("space inside word is not a word")
            << QByteArray("=?UTF-8?Q?a b?=") << u8("=?UTF-8?Q?a b?=");
    QTest::newRow("b without padding") << QByteArray("=?UTF-8?B?w6k?=") << u8("é");
    QTest::newRow("raw utf-8") << QByteArray("Grüße") << u8("Grüße");
    QTest::newRow("raw latin-1") << QByteArray("Gr\xfc\xdf"
                                               "e")
                                 << u8("Grüße");
    QTest::newRow("plain folded") << QByteArray("Hello\r\n world") << u8("Hello world");
    QTest::newRow("question mark in q text") << QByteArray("=?UTF-8?Q?why=3F_?=") << u8("why? ");
}

void tst_MimeHeaders::encodedWordsDecode()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    QCOMPARE(EncodedWords::decode(input), expected);
}

void tst_MimeHeaders::encodedWordsEncode_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("expected"); // empty: only check the round trip

    QTest::newRow("ascii stays") << u8("Meeting at noon") << QByteArray("Meeting at noon");
    QTest::newRow("one word") << u8("Re: café au lait")
                              << QByteArray("Re: =?UTF-8?Q?caf=C3=A9?= au lait");
    QTest::newRow("two adjacent") << u8("crème brûlée")
                                  << QByteArray("=?UTF-8?Q?cr=C3=A8me_br=C3=BBl=C3=A9e?=");
    QTest::newRow("cyrillic uses base64")
            << u8("Привет") << QByteArray("=?UTF-8?B?0J/RgNC40LLQtdGC?=");
    QTest::newRow("looks like an encoded word") << u8("=?x?Q?y?=") << QByteArray();
    QTest::newRow("newline") << u8("a\r\nBcc: evil@x.test") << QByteArray("a  Bcc: evil@x.test");
    QTest::newRow("long cjk") << QString(u8("日本語のテキスト").repeated(12)) << QByteArray();
    QTest::newRow("emoji") << QString(u8("😀").repeated(40)) << QByteArray();
    QTest::newRow("long latin") << QString(u8("ça ").repeated(60)) << QByteArray();
    QTest::newRow("leading space") << u8(" é") << QByteArray(" =?UTF-8?Q?=C3=A9?=");
    QTest::newRow("spaces between encoded") << u8("é  é") << QByteArray();
    QTest::newRow("spaces after encoded") << u8("é  x ") << QByteArray();
    QTest::newRow("double spaces plain") << u8("a  b é") << QByteArray("a  b =?UTF-8?Q?=C3=A9?=");
    QTest::newRow("control char") << u8("bell\x07") << QByteArray("=?UTF-8?Q?bell=07?=");
}

void tst_MimeHeaders::encodedWordsEncode()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, expected);
    const QByteArray encoded = EncodedWords::encodeUnstructured(input);
    if (!expected.isEmpty())
        QCOMPARE(encoded, expected);
    QVERIFY(CharsetDecoder::isAscii(encoded));
    QVERIFY(!encoded.contains('\r') && !encoded.contains('\n'));
    for (const QByteArray &word : encoded.split(' '))
        QVERIFY2(word.size() <= 75, word.constData());
    QString expectedText = input;
    expectedText.replace(u'\r', u' ').replace(u'\n', u' ');
    QCOMPARE(EncodedWords::decode(encoded), expectedText);
}

void tst_MimeHeaders::parameters_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QString>("expected");

    QTest::newRow("simple") << QByteArray("text/plain; charset=us-ascii")
                            << QByteArray("text/plain") << QByteArray("charset") << u8("us-ascii");
    QTest::newRow("rfc2045 comment")
            << QByteArray("text/plain; charset=us-ascii (Plain text)") << QByteArray("text/plain")
            << QByteArray("charset") << u8("us-ascii");
    QTest::newRow("case and quotes")
            << QByteArray("Text/HTML; CharSet=\"UTF-8\"") << QByteArray("text/html")
            << QByteArray("charset") << u8("UTF-8");
    QTest::newRow("rfc2231 continuation")
            << QByteArray("message/external-body; access-type=URL;\r\n"
                          " URL*0=\"ftp://\";\r\n "
                          "URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"")
            << QByteArray("message/external-body") << QByteArray("url")
            << u8("ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar");
    QTest::newRow("rfc2231 charset") << QByteArray(
            "application/x-stuff; title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A")
                                     << QByteArray("application/x-stuff") << QByteArray("title")
                                     << u8("This is ***fun***");
    QTest::newRow("rfc2231 mixed sections")
            << QByteArray("application/x-stuff; title*0*=us-ascii'en'This%20is%20even%20more%20;"
                          " title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\"")
            << QByteArray("application/x-stuff") << QByteArray("title")
            << u8("This is even more ***fun*** isn't it!");
    QTest::newRow("rfc2231 utf-8 file name")
            << QByteArray("attachment; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.pdf")
            << QByteArray("attachment") << QByteArray("filename") << u8("отчёт.pdf");
    QTest::newRow("rfc2231 sections out of order")
            << QByteArray("attachment; filename*1=\"b.txt\"; filename*0=\"a\"")
            << QByteArray("attachment") << QByteArray("filename") << u8("ab.txt");
    QTest::newRow("rfc2231 gap ends value")
            << QByteArray("attachment; filename*0=\"a\"; filename*2=\"c\"")
            << QByteArray("attachment") << QByteArray("filename") << u8("a");
    QTest::newRow("rfc2231 multibyte split across sections")
            << QByteArray("attachment; filename*0*=utf-8''%C3; filename*1*=%A9t%C3%A9.txt")
            << QByteArray("attachment") << QByteArray("filename") << u8("été.txt");
    QTest::newRow("rfc2231 wins over plain")
            << QByteArray("attachment; filename=\"fallback.txt\"; filename*=utf-8''r%C3%A9el.txt")
            << QByteArray("attachment") << QByteArray("filename") << u8("réel.txt");
    QTest::newRow("rfc2047 in quoted name")
            << QByteArray("application/pdf; name=\"=?UTF-8?B?0L7RgtGH0ZHRgi5wZGY=?=\"")
            << QByteArray("application/pdf") << QByteArray("name") << u8("отчёт.pdf");
    QTest::newRow("raw utf-8 name")
            << QByteArray("attachment; filename=\"Grüße.txt\"") << QByteArray("attachment")
            << QByteArray("filename") << u8("Grüße.txt");
    QTest::newRow("unquoted with spaces")
            << QByteArray("attachment; filename=my report.pdf; size=10") << QByteArray("attachment")
            << QByteArray("filename") << u8("my report.pdf");
    QTest::newRow("unquoted boundary with equals")
            << QByteArray("multipart/mixed; boundary==_abc=_def") << QByteArray("multipart/mixed")
            << QByteArray("boundary") << u8("=_abc=_def");
    QTest::newRow("quoted pair") << QByteArray("text/plain; name=\"a\\\"b\\\\c\"")
                                 << QByteArray("text/plain") << QByteArray("name") << u8("a\"b\\c");
    QTest::newRow("missing parameter") << QByteArray("text/plain") << QByteArray("text/plain")
                                       << QByteArray("charset") << QString();
    QTest::newRow("semicolon inside quotes")
            << QByteArray("attachment; filename=\"a;b.txt\"") << QByteArray("attachment")
            << QByteArray("filename") << u8("a;b.txt");
    QTest::newRow("duplicate keeps first")
            << QByteArray("text/plain; charset=utf-8; charset=latin1") << QByteArray("text/plain")
            << QByteArray("charset") << u8("utf-8");
    QTest::newRow("spaces around equals")
            << QByteArray("text/plain ; charset = \"utf-8\" ;") << QByteArray("text/plain")
            << QByteArray("charset") << u8("utf-8");
    QTest::newRow("empty") << QByteArray() << QByteArray() << QByteArray("charset") << QString();
}

void tst_MimeHeaders::parameters()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, name);
    QFETCH(QString, expected);
    const HeaderParameters p = HeaderParameters::parse(input);
    QCOMPARE(p.value(), value);
    QCOMPARE(p.parameter(name), expected);
    QCOMPARE(p.hasParameter(name), !expected.isNull());
}

void tst_MimeHeaders::parameterEncoding_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("expected"); // empty: round trip only

    QTest::newRow("token") << u8("report.pdf") << QByteArray("filename=report.pdf");
    QTest::newRow("needs quotes") << u8("my \"best\" report.pdf")
                                  << QByteArray("filename=\"my \\\"best\\\" report.pdf\"");
    QTest::newRow("utf-8") << u8("отчёт.pdf")
                           << QByteArray("filename*=utf-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.pdf");
    QTest::newRow("long utf-8") << QString(u8("отчёт-").repeated(20) + u8(".pdf")) << QByteArray();
    QTest::newRow("long ascii") << QString(u8("a").repeated(150) + u8(".txt")) << QByteArray();
    QTest::newRow("newline stripped") << u8("a\r\nb.txt") << QByteArray("filename=ab.txt");
}

void tst_MimeHeaders::parameterEncoding()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, expected);
    const QByteArray encoded = HeaderParameters::encodeParameter("filename", value);
    if (!expected.isEmpty())
        QCOMPARE(encoded, expected);
    QVERIFY(CharsetDecoder::isAscii(encoded));
    for (const QByteArray &section : encoded.split(' '))
        QVERIFY2(section.size() <= 78, section.constData());
    QString clean = value;
    clean.remove(u'\r').remove(u'\n');
    const HeaderParameters parsed = HeaderParameters::parse("attachment; " + encoded);
    QCOMPARE(parsed.parameter("filename"), clean);
}

void tst_MimeHeaders::listPost_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("address");
    QTest::newRow("mailto") << QByteArray("<mailto:team@lists.example.org>")
                            << u8("team@lists.example.org");
    QTest::newRow("upper-case scheme")
            << QByteArray("<MAILTO:team@lists.example.org>") << u8("team@lists.example.org");
    QTest::newRow("query dropped")
            << QByteArray("<mailto:dev@example.org?subject=list%20post>") << u8("dev@example.org");
    QTest::newRow("web first, then mail")
            << QByteArray("<https://example.org/post>, <mailto:dev@example.org>")
            << u8("dev@example.org");
    QTest::newRow("comment") << QByteArray("<mailto:dev@example.org> (Postings are moderated)")
                             << u8("dev@example.org");
    QTest::newRow("percent-encoded") << QByteArray("<mailto:j%C3%BCrgen%2Blist@example.org>")
                                     << u8("j\xc3\xbcrgen+list@example.org");
    QTest::newRow("folded inside")
            << QByteArray("<mailto:dev@\r\n example.org>") << u8("dev@example.org");
    QTest::newRow("no posting") << QByteArray("NO (posting not allowed)") << QString();
    QTest::newRow("web only") << QByteArray("<https://example.org/post>") << QString();
    QTest::newRow("unclosed") << QByteArray("<mailto:dev@example.org") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void tst_MimeHeaders::listPost()
{
    QFETCH(QByteArray, value);
    QTEST(ListPostHeader::address(value), "address");
}

QTEST_GUILESS_MAIN(tst_MimeHeaders)
#include "tst_mimeheaders.moc"
