// The CSS tokenizer against CSS Syntax Level 3 (section 4): each row lists the tokens of an
// input as "kind:value" (the value only where the token has one), and the tokens' source text
// always adds up to the input. Then the CSS sanitizer's decisions made on those tokens.
#include "mime/csssanitizer.h"
#include "mime/csstokenizer.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString kindName(CssTokenizer::Token::Kind kind)
{
    using Kind = CssTokenizer::Token::Kind;
    switch (kind) {
    case Kind::Ident:
        return u"ident"_s;
    case Kind::Function:
        return u"function"_s;
    case Kind::AtKeyword:
        return u"at"_s;
    case Kind::Hash:
        return u"hash"_s;
    case Kind::String:
        return u"string"_s;
    case Kind::BadString:
        return u"bad-string"_s;
    case Kind::Url:
        return u"url"_s;
    case Kind::BadUrl:
        return u"bad-url"_s;
    case Kind::Delim:
        return u"delim"_s;
    case Kind::Number:
        return u"number"_s;
    case Kind::Percentage:
        return u"percentage"_s;
    case Kind::Dimension:
        return u"dimension"_s;
    case Kind::Whitespace:
        return u"ws"_s;
    case Kind::Cdo:
        return u"cdo"_s;
    case Kind::Cdc:
        return u"cdc"_s;
    case Kind::Colon:
        return u"colon"_s;
    case Kind::Semicolon:
        return u"semicolon"_s;
    case Kind::Comma:
        return u"comma"_s;
    case Kind::OpenSquare:
        return u"["_s;
    case Kind::CloseSquare:
        return u"]"_s;
    case Kind::OpenParen:
        return u"("_s;
    case Kind::CloseParen:
        return u")"_s;
    case Kind::OpenCurly:
        return u"{"_s;
    case Kind::CloseCurly:
        return u"}"_s;
    case Kind::Comment:
        return u"comment"_s;
    case Kind::End:
        return u"end"_s;
    }
    return QString();
}

} // namespace

class TestCssTokenizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokens_data();
    void tokens();
    void sanitized_data();
    void styleSheetEscapesAngles();
    void styleSheetEscapesAngles_data();
    void sanitized();
};

void TestCssTokenizer::tokens_data()
{
    QTest::addColumn<QString>("css");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("declaration") << u"color: red;"_s
                                 << QStringList {u"ident:color"_s, u"colon"_s, u"ws"_s,
                                                 u"ident:red"_s, u"semicolon"_s};
    QTest::newRow("numbers") << u"1 +2.5 -.5e3 50% 10px -3em"_s
                             << QStringList {u"number"_s,       u"ws"_s, u"number"_s,      u"ws"_s,
                                             u"number"_s,       u"ws"_s, u"percentage"_s,  u"ws"_s,
                                             u"dimension:px"_s, u"ws"_s, u"dimension:em"_s};
    QTest::newRow("hash and at-keyword")
            << u"#fff @media"_s << QStringList {u"hash:fff"_s, u"ws"_s, u"at:media"_s};
    QTest::newRow("escaped name") << u"u\\72l(x)"_s << QStringList {u"url:x"_s};
    QTest::newRow("escaped backslash")
            << u"u\\\\rl(x)"_s << QStringList {u"function:u\\rl"_s, u"ident:x"_s, u")"_s};
    QTest::newRow("url unquoted") << u"url( a.png )"_s << QStringList {u"url:a.png"_s};
    QTest::newRow("url quoted is a function")
            << u"url( 'a.png')"_s
            << QStringList {u"function:url"_s, u"ws"_s, u"string:a.png"_s, u")"_s};
    QTest::newRow("bad url") << u"url(a(b) x"_s
                             << QStringList {u"bad-url:a"_s, u"ws"_s, u"ident:x"_s};
    QTest::newRow("url to the end") << u"url(cid:x"_s << QStringList {u"url:cid:x"_s};
    QTest::newRow("strings") << u"'a\\'b' \"c\\\nd\""_s
                             << QStringList {u"string:a'b"_s, u"ws"_s, u"string:cd"_s};
    QTest::newRow("bad string") << u"'ab\nc"_s
                                << QStringList {u"bad-string:ab"_s, u"ws"_s, u"ident:c"_s};
    QTest::newRow("comment") << u"a/* x */b"_s
                             << QStringList {u"ident:a"_s, u"comment"_s, u"ident:b"_s};
    QTest::newRow("unterminated comment") << u"a/* x"_s << QStringList {u"ident:a"_s, u"comment"_s};
    QTest::newRow("cdo cdc") << u"<!-- -->"_s << QStringList {u"cdo"_s, u"ws"_s, u"cdc"_s};
    QTest::newRow("brackets") << u"[a]{b}(c),"_s
                              << QStringList {u"["_s,       u"ident:a"_s, u"]"_s, u"{"_s,
                                              u"ident:b"_s, u"}"_s,       u"("_s, u"ident:c"_s,
                                              u")"_s,       u"comma"_s};
    QTest::newRow("delims") << u"> ~ \\\n"_s
                            << QStringList {u"delim:>"_s, u"ws"_s,       u"delim:~"_s,
                                            u"ws"_s,      u"delim:\\"_s, u"ws"_s};
    QTest::newRow("custom property and function")
            << u"--x:-moz-calc(1)"_s
            << QStringList {u"ident:--x"_s, u"colon"_s, u"function:-moz-calc"_s, u"number"_s,
                            u")"_s};
    QTest::newRow("escape out of range") << u"\\110000 a"_s << QStringList {u"ident:\ufffda"_s};
    QTest::newRow("non-ASCII name") << u"é😀x"_s << QStringList {u"ident:é😀x"_s};
}

void TestCssTokenizer::tokens()
{
    QFETCH(QString, css);
    QFETCH(QStringList, expected);
    CssTokenizer tokenizer(css);
    QStringList actual;
    QString joined;
    for (CssTokenizer::Token token = tokenizer.next(); token.kind != CssTokenizer::Token::Kind::End;
         token = tokenizer.next()) {
        QString text = kindName(token.kind);
        if (!token.value.isEmpty() && token.kind != CssTokenizer::Token::Kind::Whitespace)
            text += u':' + token.value;
        actual.append(text);
        QVERIFY(token.end > token.start);
        joined += QStringView(css).sliced(token.start, token.end - token.start);
    }
    QCOMPARE(actual, expected);
    QCOMPARE(joined, css);
}

void TestCssTokenizer::sanitized_data()
{
    QTest::addColumn<QString>("css");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("asked");
    QTest::newRow("kept as written")
            << u"p { color: #333; margin: 0 1px }"_s << u"p { color: #333; margin: 0 1px }"_s << 0;
    QTest::newRow("dropped comment keeps names apart")
            << u"a/**/b:c/**/(d)"_s << u"a b:c (d)"_s << 0;
    QTest::newRow("comment between delims") << u"/ /**/*"_s << u"/ *"_s << 0;
    QTest::newRow("escaped url") << u"x:u\\72l(http://evil.example/a)"_s << u"x:none"_s << 1;
    QTest::newRow("escaped import")
            << u"@im\\70ort 'http://evil.example/s.css';p{}"_s << u"p{}"_s << 1;
    QTest::newRow("import function")
            << u"@import url('http://evil.example/s.css') screen;b{}"_s << u"b{}"_s << 1;
    QTest::newRow("embedded url quoted")
            << u"background:url( 'cid:a\\\"b' )"_s << u"background:url(\"cid:a%22b\")"_s << 0;
    QTest::newRow("bad url refused") << u"a:url(http://evil.example/(x)"_s << u"a:none"_s << 1;
    QTest::newRow("url in a string is not a function to anyone")
            << u"content:'url(http://evil.example/a) @import'"_s
            << u"content:'url\\28 http://evil.example/a) \\40 import'"_s << 0;
    QTest::newRow("expression") << u"w:expr\\65ssion(1)"_s << u"w:invalid-expr\\65ssion(1)"_s << 0;
    QTest::newRow("behavior") << u"behavior:x"_s << u"invalid-behavior:x"_s << 0;
    QTest::newRow("image-set") << u"b:-webkit-image-set('http://evil.example/a' 1x)x"_s
                               << u"b:none x"_s << 0;
    QTest::newRow("number after dropped url") << u"a:url(x)1px"_s << u"a:none 1px"_s << 0;
}

void TestCssTokenizer::sanitized()
{
    QFETCH(QString, css);
    QFETCH(QString, expected);
    QFETCH(int, asked);
    int policyAsked = 0;
    const CssSanitizer::RemotePolicy refuse = [&policyAsked](const QString &) {
        ++policyAsked;
        return false;
    };
    const QString once = CssSanitizer::sanitize(css, CssSanitizer::Mode::Declarations, refuse);
    QCOMPARE(once, expected);
    QCOMPARE(policyAsked, asked);
    policyAsked = 0;
    QCOMPARE(CssSanitizer::sanitize(once, CssSanitizer::Mode::Declarations, refuse), once);
    QCOMPARE(policyAsked, 0);
}

// A style sheet's '<' is written as an escape, so that it cannot end its <style> element; one
// that was escaped already keeps its single backslash, so no name comes apart into a new token.
void TestCssTokenizer::styleSheetEscapesAngles_data()
{
    QTest::addColumn<QString>("css");
    QTest::addColumn<QString>("expected");
    QTest::newRow("delim") << u"p { x: 1 < 2 }"_s << u"p { x: 1 \\3c  2 }"_s;
    QTest::newRow("escaped in a name before url(")
            << u"a\\<url(//evil.example/x) b:c(d)"_s << u"a\\3c url(//evil.example/x) b:c(d)"_s;
    QTest::newRow("after an escaped backslash") << u"a\\\\<b:c(d)"_s << u"a\\\\\\3c b:c(d)"_s;
    QTest::newRow("end tag") << u"b:c(d)</style>"_s << u"b:c(d)\\3c /style>"_s;
}

void TestCssTokenizer::styleSheetEscapesAngles()
{
    QFETCH(QString, css);
    QFETCH(QString, expected);
    int policyAsked = 0;
    const CssSanitizer::RemotePolicy refuse = [&policyAsked](const QString &) {
        ++policyAsked;
        return false;
    };
    const QString once = CssSanitizer::sanitize(css, CssSanitizer::Mode::StyleSheet, refuse);
    QCOMPARE(once, expected);
    QCOMPARE(policyAsked, 0);
    QCOMPARE(CssSanitizer::sanitize(once, CssSanitizer::Mode::StyleSheet, refuse), once);
    QCOMPARE(policyAsked, 0);
}

QTEST_APPLESS_MAIN(TestCssTokenizer)
#include "tst_csstokenizer.moc"
