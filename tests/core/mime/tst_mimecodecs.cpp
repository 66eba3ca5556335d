#include "mime/charsetdecoder.h"
#include "mime/chunkedtransferdecoder.h"
#include "mime/transferencoding.h"

#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

// Charset decoding with its fallbacks, and the transfer encodings in both directions.

namespace {

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class tst_MimeCodecs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodingInPiecesEqualsWhole_data();
    void decodingInPiecesEqualsWhole();
    void charsets_data();
    void charsets();
    void convertersStartAfreshEachTime();
    void erredConverterIsNotReused_data();
    void erredConverterIsNotReused();
    void undeclaredBytes_data();
    void undeclaredBytes();
    void windows1252MatchesQStringDecoder();
    void base64_data();
    void base64();
    void quotedPrintable_data();
    void quotedPrintable();
    void quotedPrintableEncode_data();
    void quotedPrintableEncode();
};

void tst_MimeCodecs::charsets_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("charset");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("fallback");

    QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9") << QByteArray("utf-8") << u8("café")
                           << false;
    QTest::newRow("utf8 alias") << QByteArray("caf\xc3\xa9") << QByteArray("UTF8") << u8("café")
                                << false;
    QTest::newRow("latin-1 is cp1252")
            << QByteArray("\x80 caf\xe9") << QByteArray("iso-8859-1") << u8("€ café") << false;
    QTest::newRow("iso-8859-15") << QByteArray("\xa4") << QByteArray("ISO-8859-15") << u8("€")
                                 << false;
    QTest::newRow("iso-8859-2") << QByteArray("\xb1") << QByteArray("iso-8859-2") << u8("ą")
                                << false;
    QTest::newRow("koi8-r") << QByteArray("\xf0\xd2\xc9\xd7\xc5\xd4") << QByteArray("koi8-r")
                            << u8("Привет") << false;
    QTest::newRow("cp1251 alias") << QByteArray("\xcf\xf0\xe8\xe2\xe5\xf2") << QByteArray("cp1251")
                                  << u8("Привет") << false;
    QTest::newRow("shift_jis") << QByteArray("\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd")
                               << QByteArray("Shift_JIS") << u8("こんにちは") << false;
    QTest::newRow("euc-jp") << QByteArray("\xa4\xb3\xa4\xf3\xa4\xcb\xa4\xc1\xa4\xcf")
                            << QByteArray("euc-jp") << u8("こんにちは") << false;
    QTest::newRow("iso-2022-jp") << QByteArray("\x1b$B$3$s$K$A$O\x1b(B")
                                 << QByteArray("iso-2022-jp") << u8("こんにちは") << false;
    QTest::newRow("gb2312 as gb18030")
            << QByteArray("\xc4\xe3\xba\xc3") << QByteArray("gb2312") << u8("你好") << false;
    QTest::newRow("big5") << QByteArray("\xa7\x41\xa6\x6e") << QByteArray("big5") << u8("你好")
                          << false;
    QTest::newRow("unknown, utf-8 bytes")
            << QByteArray("caf\xc3\xa9") << QByteArray("x-klingon") << u8("café") << true;
    QTest::newRow("unknown, latin bytes")
            << QByteArray("caf\xe9") << QByteArray("x-klingon") << u8("café") << true;
    QTest::newRow("declared utf-8, latin bytes")
            << QByteArray("caf\xe9") << QByteArray("utf-8") << u8("café") << true;
    QTest::newRow("declared utf-8, ascii bytes")
            << QByteArray("cafe") << QByteArray("utf-8") << u8("cafe") << false;
    QTest::newRow("declared us-ascii, utf-8 bytes")
            << QByteArray("caf\xc3\xa9") << QByteArray("us-ascii") << u8("café") << true;
    // One bad byte: the valid UTF-8 around it stays UTF-8, the byte alone is read otherwise.
    QTest::newRow("declared utf-8, one invalid byte")
            << QByteArray("\xd0\x9f\xd1\x80\xd0\xbe\xd1\x84\xff\xd0\xb8\xd0\xbb\xd1\x8c")
            << QByteArray("utf-8") << u8("Профÿиль") << true;
    QTest::newRow("declared utf-8, cut mid-character")
            << QByteArray("\xd0\x9f\xd1\x80\xd0") << QByteArray("utf-8") << u8("ПрÐ") << true;
    QTest::newRow("declared utf-8, surrogate bytes")
            << QByteArray("a\xed\xa0\x80\xc3\xa9") << QByteArray("utf-8") << u8("aí\u00a0€é")
            << true;
    QTest::newRow("unknown, utf-8 with a stray byte")
            << QByteArray("\xd0\x9f\x80\xd1\x80") << QByteArray("x-klingon") << u8("П€р") << true;
    QTest::newRow("empty charset")
            << QByteArray("caf\xc3\xa9") << QByteArray() << u8("café") << false;
    QTest::newRow("quoted charset")
            << QByteArray("caf\xc3\xa9") << QByteArray("\"utf-8\"") << u8("café") << false;
}

void tst_MimeCodecs::charsets()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, charset);
    QFETCH(QString, expected);
    QFETCH(bool, fallback);
    bool usedFallback = !fallback;
    QCOMPARE(CharsetDecoder::decode(bytes, charset, &usedFallback), expected);
    QCOMPARE(usedFallback, fallback);
}

// Converters are kept between calls: neither an error nor a shift state may carry over.
void tst_MimeCodecs::convertersStartAfreshEachTime()
{
    const QByteArray hello("\x1b$B$3$s$K$A$O\x1b(B"); // こんにちは in ISO-2022-JP
    const QString expected = QString::fromUtf8("\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab"
                                               "\xe3\x81\xa1\xe3\x81\xaf");
    bool usedFallback = true;
    QCOMPARE(CharsetDecoder::decode(hello, "iso-2022-jp", &usedFallback), expected);
    QVERIFY(!usedFallback);
    // Ends shifted into JIS X 0208: the next text starts in ASCII all the same.
    CharsetDecoder::decode("\x1b$B$3$s", "iso-2022-jp");
    QCOMPARE(CharsetDecoder::decode("abc", "iso-2022-jp"), QStringLiteral("abc"));
    // An error (a lone lead byte) leaves no error behind for the next, valid, text.
    CharsetDecoder::decode("\x82", "shift_jis", &usedFallback);
    usedFallback = true;
    QCOMPARE(CharsetDecoder::decode("\x82\xb1", "shift_jis", &usedFallback),
             QString::fromUtf8("\xe3\x81\x93"));
    QVERIFY(!usedFallback);
    QCOMPARE(CharsetDecoder::decode(hello, "iso-2022-jp", &usedFallback), expected);
}

// windows-1252 is decoded by table; every byte must read as QStringDecoder reads it, declared
// or not (undefined bytes go to QStringDecoder itself).
void tst_MimeCodecs::erredConverterIsNotReused_data()
{
    QTest::addColumn<QByteArray>("charset");
    QTest::addColumn<QByteArray>("invalid");
    QTest::newRow("shift_jis") << QByteArray("shift_jis") << QByteArray("\x81\x20\xa0\xff");
    QTest::newRow("euc-kr") << QByteArray("euc-kr") << QByteArray("\xa1\x20\xff\xff");
    QTest::newRow("big5") << QByteArray("big5") << QByteArray("\x81\x20\xff\xff");
    QTest::newRow("gb18030") << QByteArray("gb18030") << QByteArray("\x81\x20\xff");
    QTest::newRow("iso-2022-jp") << QByteArray("iso-2022-jp") << QByteArray("\x1b$B\xff\x1b(B");
}

// Qt 6.4's ICU converters keep their error through resetState(): the next text in the same
// charset on the same thread must not be judged by it (and re-read as UTF-8).
void tst_MimeCodecs::erredConverterIsNotReused()
{
    QFETCH(QByteArray, charset);
    QFETCH(QByteArray, invalid);
    // Bytes valid in the charset and, by chance, as UTF-8 ("é"): only an error sends them to
    // the UTF-8 fallback.
    const QByteArray both = charset == "iso-2022-jp" ? QByteArray("\x1b$B$3$s\x1b(B")
                                                     : QByteArray("\xc3\xa9");
    QStringDecoder fresh(charset.constData());
    QVERIFY(fresh.isValid());
    const QString expected = fresh(both);
    QVERIFY(!fresh.hasError());
    QVERIFY(expected != u8("é"));

    QStringDecoder probe(charset.constData(), QStringDecoder::Flag::Stateless);
    const QString garbled = probe(invalid);
    QVERIFY(!garbled.isEmpty());
    QVERIFY2(probe.hasError(), "the row's bytes must be invalid in the charset");
    for (int round = 0; round < 3; ++round) {
        bool usedFallback = false;
        CharsetDecoder::decode(invalid, charset, &usedFallback);
        usedFallback = true;
        QCOMPARE(CharsetDecoder::decode(both, charset, &usedFallback), expected);
        QVERIFY(!usedFallback);
    }
}

void tst_MimeCodecs::undeclaredBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("utf-8") << QByteArray("\xd0\x9f\xd1\x80\xd0\xbe") << u8("Про");
    QTest::newRow("latin-1 whole") << QByteArray("Gr\xfc\xdf"
                                                 "e, caf\xe9")
                                   << u8("Grüße, café");
    QTest::newRow("cp1252 quotes") << QByteArray("\x93quoted\x94 \x80") << u8("“quoted” €");
    QTest::newRow("utf-8 with one stray byte")
            << QByteArray("\xd0\x9f\xd1\x80\xd0\xbe\xd1\x84\xd0\xb8\xd0\xbb\xd1\x8c \xe9")
            << u8("Профиль é");
    QTest::newRow("utf-8 with a stray byte mid-word")
            << QByteArray("\xd0\x9f\xd1\x80\x80\xd0\xbe") << u8("Пр€о");
    QTest::newRow("overlong form is not utf-8") << QByteArray("\xc0\xaf") << u8("À¯");
    QTest::newRow("undefined cp1252 byte")
            << QByteArray("a\x81z") << QString::fromUtf16(u"a\u0081z");
}

void tst_MimeCodecs::undeclaredBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QCOMPARE(CharsetDecoder::decodeUndeclared(bytes), expected);
}

void tst_MimeCodecs::windows1252MatchesQStringDecoder()
{
    for (int byte = 0x80; byte <= 0xff; ++byte) {
        const QByteArray bytes = QByteArray("a") + char(byte) + 'z';
        QStringDecoder reference("windows-1252", QStringDecoder::Flag::Stateless);
        const QString expected = reference(bytes);
        for (const QByteArray &charset :
             {QByteArray("windows-1252"), QByteArray("iso-8859-1"), QByteArray("us-ascii")}) {
            QCOMPARE(CharsetDecoder::decode(bytes, charset), expected);
        }
        QCOMPARE(CharsetDecoder::decodeUndeclared(bytes), expected);
    }
    QCOMPARE(CharsetDecoder::decode("plain ascii", "iso-8859-1"), QStringLiteral("plain ascii"));
}

void tst_MimeCodecs::base64_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("clean") << QByteArray("SGVsbG8sIHdvcmxkIQ==") << QByteArray("Hello, world!");
    QTest::newRow("line breaks") << QByteArray("SGVs\r\nbG8s\nIHdv\r\ncmxkIQ==\r\n")
                                 << QByteArray("Hello, world!");
    QTest::newRow("odd line lengths")
            << QByteArray("SGVsbG8sI\r\nHdvcmxk\r\nIQ==") << QByteArray("Hello, world!");
    QTest::newRow("garbage bytes")
            << QByteArray("SGV*sbG8\x01sIH!dvc mxk\tIQ==") << QByteArray("Hello, world!");
    QTest::newRow("missing padding")
            << QByteArray("SGVsbG8sIHdvcmxkIQ") << QByteArray("Hello, world!");
    QTest::newRow("concatenated blocks") << QByteArray("SGk=\r\nSGk=") << QByteArray("HiHi");
    QTest::newRow("dangling sextet") << QByteArray("SGVsbG8h"
                                                   "Q")
                                     << QByteArray("Hello!");
    QTest::newRow("empty") << QByteArray() << QByteArray();
}

void tst_MimeCodecs::base64()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(TransferEncoding::decodeBase64(input), expected);
}

void tst_MimeCodecs::quotedPrintable_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("escapes") << QByteArray("caf=C3=A9") << QByteArray("caf\xc3\xa9");
    QTest::newRow("lower case hex") << QByteArray("caf=c3=a9") << QByteArray("caf\xc3\xa9");
    QTest::newRow("soft break crlf") << QByteArray("long=\r\nline") << QByteArray("longline");
    QTest::newRow("soft break lf") << QByteArray("long=\nline") << QByteArray("longline");
    QTest::newRow("soft break with blanks")
            << QByteArray("long= \t\r\nline") << QByteArray("longline");
    QTest::newRow("hard break kept") << QByteArray("a\r\nb") << QByteArray("a\r\nb");
    QTest::newRow("trailing blanks dropped") << QByteArray("a  \r\nb \t") << QByteArray("a\r\nb");
    QTest::newRow("inner blanks kept") << QByteArray("a \t b") << QByteArray("a \t b");
    QTest::newRow("bad escape passed") << QByteArray("100%=ZZ off") << QByteArray("100%=ZZ off");
    QTest::newRow("half escape") << QByteArray("a=4") << QByteArray("a=4");
    QTest::newRow("equals at end") << QByteArray("end=") << QByteArray("end");
    QTest::newRow("encoded equals") << QByteArray("a=3Db") << QByteArray("a=b");
}

void tst_MimeCodecs::quotedPrintable()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(TransferEncoding::decodeQuotedPrintable(input), expected);
}

void tst_MimeCodecs::quotedPrintableEncode_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected"); // empty: round trip only

    QTest::newRow("plain") << QByteArray("hello\r\nworld") << QByteArray("hello\r\nworld");
    QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9") << QByteArray("caf=C3=A9");
    QTest::newRow("equals") << QByteArray("a=b") << QByteArray("a=3Db");
    QTest::newRow("trailing space") << QByteArray("a \r\nb\t") << QByteArray("a=20\r\nb=09");
    QTest::newRow("from line") << QByteArray("From me\r\n.") << QByteArray("=46rom me\r\n=2E");
    QTest::newRow("long line") << QByteArray(200, 'x') << QByteArray();
    QTest::newRow("long escapes") << QByteArray("\xc3\xa9").repeated(60) << QByteArray();
    QTest::newRow("exactly 76") << QByteArray(76, 'y') << QByteArray(76, 'y');
}

void tst_MimeCodecs::quotedPrintableEncode()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const QByteArray encoded = TransferEncoding::encodeQuotedPrintable(input);
    if (!expected.isEmpty())
        QCOMPARE(encoded, expected);
    for (const QByteArray &line : encoded.split('\n'))
        QVERIFY2(line.size() <= 77, line.constData()); // 76 plus the CR
    QCOMPARE(TransferEncoding::decodeQuotedPrintable(encoded), input);
}

void tst_MimeCodecs::decodingInPiecesEqualsWhole_data()
{
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QByteArray>("body");
    QByteArray text;
    for (int i = 0; i < 200; ++i)
        text += "Line " + QByteArray::number(i) + " caf\xC3\xA9 = 100%, tabs\t and trailing  \r\n";
    QTest::newRow("base64 lines") << QByteArray("base64")
                                  << TransferEncoding::encodeBase64Lines(text);
    QTest::newRow("base64 padded blocks and junk")
            << QByteArray("base64") << QByteArray("QQ==\r\nQUI=\r\n!!QUJD\r\nQUJDRA==\r\nQUJDREU");
    QTest::newRow("quoted-printable")
            << QByteArray("quoted-printable") << TransferEncoding::encodeQuotedPrintable(text);
    QTest::newRow("quoted-printable soft breaks, blanks, bad escapes")
            << QByteArray("quoted-printable")
            << QByteArray("a=3Db =  \r\nc=\nd =ZZ e=4 \r\nlong line without end=C3=A9=");
    QTest::newRow("8bit") << QByteArray("8bit") << text;
}

// Whatever the size of the pieces, what comes out is what decoding the whole body gives.
void tst_MimeCodecs::decodingInPiecesEqualsWhole()
{
    QFETCH(QByteArray, encoding);
    QFETCH(QByteArray, body);
    const TransferEncoding::Kind kind = TransferEncoding::fromHeader(encoding);
    const QByteArray whole = TransferEncoding::decode(body, kind);
    for (qsizetype pieceSize : {1, 2, 3, 5, 7, 64, 1000, 100000}) {
        ChunkedTransferDecoder decoder(kind);
        QByteArray out;
        for (qsizetype i = 0; i < body.size(); i += pieceSize)
            out += decoder.decode(QByteArrayView(body).sliced(i, qMin(pieceSize, body.size() - i)));
        out += decoder.finish();
        QVERIFY2(out == whole,
                 qPrintable(QStringLiteral("pieces of %1: %2 / %3")
                                    .arg(pieceSize)
                                    .arg(QString::fromLatin1(out.toPercentEncoding()),
                                         QString::fromLatin1(whole.toPercentEncoding()))));
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile source(dir.filePath(QStringLiteral("in")));
    QVERIFY(source.open(QIODevice::WriteOnly));
    source.write(body);
    source.close();
    QVERIFY(ChunkedTransferDecoder::decodeFile(source.fileName(), kind,
                                               dir.filePath(QStringLiteral("out")), nullptr, 7));
    QFile decoded(dir.filePath(QStringLiteral("out")));
    QVERIFY(decoded.open(QIODevice::ReadOnly));
    QCOMPARE(decoded.readAll(), whole);
}

QTEST_GUILESS_MAIN(tst_MimeCodecs)
#include "tst_mimecodecs.moc"
