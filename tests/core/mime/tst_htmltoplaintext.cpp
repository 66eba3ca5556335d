#include "mime/htmltoplaintext.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestHtmlToPlainText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void convert_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("text");

        QTest::newRow("divs are lines") << u"<div>one</div><div>two</div>"_s << u"one\ntwo"_s;
        QTest::newRow("empty div line")
                << u"<div>one</div><div><br></div><div>two</div>"_s << u"one\n\ntwo"_s;
        QTest::newRow("paragraphs apart") << u"<p>one</p><p>two</p>"_s << u"one\n\ntwo"_s;
        QTest::newRow("br") << u"a<br>b<br/>c"_s << u"a\nb\nc"_s;
        QTest::newRow("white space collapses") << u"<div>  a \n  b\t c  </div>"_s << u"a b c"_s;
        QTest::newRow("entities") << u"<div>Fish &amp; chips &lt;3&nbsp;&euro;</div>"_s
                                  << u"Fish & chips <3 €"_s;
        QTest::newRow("bold and italic vanish")
                << u"<div><b>bold</b> <i>it</i> <u>under</u></div>"_s << u"bold it under"_s;
        QTest::newRow("bulleted list")
                << u"<div>Items:</div><ul><li>one</li><li>two</li></ul><div>after</div>"_s
                << u"Items:\n- one\n- two\nafter"_s;
        QTest::newRow("numbered list") << u"<ol><li>one</li><li>two</li><li>three</li></ol>"_s
                                       << u"1. one\n2. two\n3. three"_s;
        QTest::newRow("numbered list with start")
                << u"<ol start=\"4\"><li>four</li></ol>"_s << u"4. four"_s;
        QTest::newRow("nested list") << u"<ul><li>a<ul><li>inner</li></ul></li><li>b</li></ul>"_s
                                     << u"- a\n  - inner\n- b"_s;
        QTest::newRow("item with a line break")
                << u"<ul><li>first<br>second</li></ul>"_s << u"- first\n  second"_s;
        QTest::newRow("quote") << u"<div>On Monday Bob wrote:</div><blockquote><div>hi</div>"
                                  "<div>there</div></blockquote><div>answer</div>"_s
                               << u"On Monday Bob wrote:\n> hi\n> there\nanswer"_s;
        QTest::newRow("nested quote")
                << u"<blockquote><div>outer</div><blockquote><div>inner</div></blockquote>"
                   "<div>outer again</div></blockquote>"_s
                << u"> outer\n> > inner\n> outer again"_s;
        QTest::newRow("empty quoted line")
                << u"<blockquote><div>a</div><div><br></div><div>b</div></blockquote>"_s
                << u"> a\n>\n> b"_s;
        QTest::newRow("list in a quote")
                << u"<blockquote><ul><li>x</li></ul></blockquote>"_s << u"> - x"_s;
        QTest::newRow("link") << u"<div>See <a href=\"https://heron.example/docs\">the docs</a>."
                                 "</div>"_s
                              << u"See the docs <https://heron.example/docs>."_s;
        QTest::newRow("link showing its url")
                << u"<a href=\"https://heron.example/\">https://heron.example/</a>"_s
                << u"https://heron.example/"_s;
        QTest::newRow("mailto with the address")
                << u"<a href=\"mailto:bob@example.org\">bob@example.org</a>"_s
                << u"bob@example.org"_s;
        QTest::newRow("mailto with a name")
                << u"<a href=\"mailto:bob@example.org?subject=x\">Bob</a>"_s
                << u"Bob <bob@example.org>"_s;
        QTest::newRow("link without text")
                << u"<a href=\"https://heron.example/\"></a>"_s << u"https://heron.example/"_s;
        QTest::newRow("image alt")
                << u"<div>Look: <img src=\"cid:a@b\" alt=\"chart\"></div>"_s << u"Look: chart"_s;
        QTest::newRow("image without alt") << u"<div>x<img src=\"cid:a@b\">y</div>"_s << u"xy"_s;
        QTest::newRow("script, style and head give nothing")
                << u"<html><head><title>T</title><style>p{color:red}</style></head><body>"
                   "<script>alert(1)</script><div>body</div></body></html>"_s
                << u"body"_s;
        QTest::newRow("pre keeps white space") << u"<pre>a  b\n  c</pre>"_s << u"a  b\n  c"_s;
        QTest::newRow("signature separator")
                << u"<div>text</div><div><br></div><div>-- </div><div>Ann</div>"_s
                << u"text\n\n-- \nAnn"_s;
    }
    void convert()
    {
        QFETCH(QString, html);
        QFETCH(QString, text);
        QCOMPARE(HtmlToPlainText::convert(html), text);
    }
};

QTEST_APPLESS_MAIN(TestHtmlToPlainText)
#include "tst_htmltoplaintext.moc"
