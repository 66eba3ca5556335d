#include "mime/pastedhtml.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestPastedHtml : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clean_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("expected");

        // As a browser puts a selection on the clipboard: the page's styles inline.
        QTest::newRow("firefox paragraphs and bold")
                << u"<meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\">"
                   "<p style=\"margin: 0px 0px 1em; color: rgb(33, 37, 41); font-family: "
                   "-apple-system, sans-serif;\">The <strong>release</strong> ships "
                   "<em>today</em>.</p><p style=\"margin: 0px;\">Second paragraph.</p>"_s
                << u"<p>The <b>release</b> ships <i>today</i>.</p><p>Second paragraph.</p>"_s;
        QTest::newRow("chromium list with spans")
                << u"<ul style=\"box-sizing: border-box; padding-left: 2em;\" class=\"x\">"
                   "<li style=\"box-sizing: border-box;\"><span style=\"font-weight: 700;\">"
                   "Fast</span> search</li><li>Offline <a href=\"https://heron.example/"
                   "offline\" class=\"link\" target=\"_blank\" rel=\"noopener\">mode</a></li>"
                   "</ul>"_s
                << u"<ul><li><b>Fast</b> search</li><li>Offline <a href=\"https://heron."
                   "example/offline\">mode</a></li></ul>"_s;
        QTest::newRow("numbered list keeps its start")
                << u"<ol start=\"3\" type=\"1\"><li>three</li></ol>"_s
                << u"<ol start=\"3\"><li>three</li></ol>"_s;
        QTest::newRow("google docs wrapper is not bold")
                << u"<b style=\"font-weight:normal;\" id=\"docs-internal-guid-1234\">"
                   "<span style=\"font-size:11pt;font-weight:400;\">plain</span>"
                   "<span style=\"font-weight:700;font-style:italic;\">strong</span>"
                   "<span style=\"text-decoration:underline;\">under</span></b>"_s
                << u"plain<b><i>strong</i></b><u>under</u>"_s;
        QTest::newRow("scripts and their content go")
                << u"<p>before</p><script>document.cookie='x'</script><p>after</p>"
                   "<noscript><img src=\"https://t.example/p.gif\"></noscript>"_s
                << u"<p>before</p><p>after</p>"_s;
        QTest::newRow("event attributes go")
                << u"<p onclick=\"steal()\" onmouseover='x()'>text</p>"
                   "<a href=\"https://ok.example/\" onclick=\"steal()\">link</a>"_s
                << u"<p>text</p><a href=\"https://ok.example/\">link</a>"_s;
        QTest::newRow("style sheets and styles that load go")
                << u"<style>@import url(https://evil.example/a.css); p{background:"
                   "url(https://evil.example/bg.png)}</style><p style=\"background-image: "
                   "url('https://evil.example/p.png')\">styled</p>"_s
                << u"<p>styled</p>"_s;
        QTest::newRow("remote image with alt becomes its alt")
                << u"<p>Chart: <img src=\"https://cdn.example/chart.png\" alt=\"Sales &amp; "
                   "costs\" width=\"600\"></p>"_s
                << u"<p>Chart: Sales &amp; costs</p>"_s;
        QTest::newRow("remote image without alt becomes nothing")
                << u"<p>a<img src=\"https://cdn.example/pixel.gif\">b</p>"_s << u"<p>ab</p>"_s;
        QTest::newRow("data image is not kept either")
                << u"<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"logo\"></p>"_s
                << u"<p>logo</p>"_s;
        QTest::newRow("javascript link keeps its text only")
                << u"<a href=\"javascript:alert(1)\">click</a> <a href=\" jav&#x09;ascript:"
                   "x\">too</a>"_s
                << u"click too"_s;
        QTest::newRow("mailto link kept") << u"<a href=\"mailto:bob@example.org\">Bob</a>"_s
                                          << u"<a href=\"mailto:bob@example.org\">Bob</a>"_s;
        QTest::newRow("frames, forms and objects go")
                << u"<iframe src=\"https://evil.example/\">fallback</iframe><form action=\"x\">"
                   "<input value=\"v\"><button>Go</button></form><object data=\"x.swf\">o"
                   "</object><p>kept</p>"_s
                << u"<p>kept</p>"_s;
        QTest::newRow("svg goes") << u"<svg><image href=\"https://evil.example/i\"/></svg>ok"_s
                                  << u"ok"_s;
        QTest::newRow("quote and headings")
                << u"<h2 id=\"a\" class=\"title\">Title</h2><blockquote cite=\"https://x/\">"
                   "<p>quoted</p></blockquote>"_s
                << u"<h2>Title</h2><blockquote><p>quoted</p></blockquote>"_s;
        QTest::newRow("unclosed elements are closed")
                << u"<div><b>bold <i>both"_s << u"<div><b>bold <i>both</i></b></div>"_s;
        QTest::newRow("stray end tags are dropped") << u"</b>text</ul>"_s << u"text"_s;
        QTest::newRow("windows clipboard fragment markers")
                << u"<html><body><!--StartFragment--><p>x</p><!--EndFragment--></body></html>"_s
                << u"<p>x</p>"_s;
        QTest::newRow("stray angle bracket")
                << u"<p>1 < 2 and 3 > 2</p>"_s << u"<p>1 &lt; 2 and 3 &gt; 2</p>"_s;
    }
    void clean()
    {
        QFETCH(QString, html);
        QFETCH(QString, expected);
        QCOMPARE(PastedHtml::clean(html), expected);
    }

    void deepNestingStaysLinear()
    {
        QString html;
        for (int i = 0; i < 20000; ++i)
            html += u"<div>"_s;
        html += u"deep"_s;
        const QString out = PastedHtml::clean(html);
        QVERIFY(out.contains(u"deep"_s));
        QCOMPARE(out.count(u"<div>"_s), 256);
        QCOMPARE(out.count(u"</div>"_s), 256);
    }
};

QTEST_APPLESS_MAIN(TestPastedHtml)
#include "tst_pastedhtml.moc"
