#include "mime/plaintextrenderer.h"

#include "testtiming.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

// The renderer's block structure in a compact notation: "[" opens a quote level, "]" closes
// one, "~" starts a signature paragraph, "/" ends a paragraph, "|" is a line break.
static QString structure(QString html)
{
    static const QRegularExpression open(u"<table[^>]*><tr><td[^>]*>"_s);
    static const QRegularExpression signature(u"<p class=\"signature\"[^>]*>"_s);
    static const QRegularExpression paragraph(u"<p[^>]*>"_s);
    html.replace(open, u"["_s);
    html.replace(u"</td></tr></table>"_s, u"]"_s);
    html.replace(signature, u"~"_s);
    html.replace(paragraph, QString());
    html.replace(u"</p>"_s, u"/"_s);
    html.replace(u"<br>"_s, u"|"_s);
    html.replace(u"<div style=\"white-space: pre-wrap;\">"_s, QString());
    html.replace(u"</div>"_s, QString());
    return html;
}

class TestPlainTextRenderer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void render_data();
    void render();
    void linkify_data();
    void linkify();
    void quoteLevelsAreColoured();
    void longInputIsLinear();
};

void TestPlainTextRenderer::render_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("flowed");
    QTest::addColumn<bool>("delSp");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QString() << false << false << u""_s;
    QTest::newRow("two lines") << u"Hello\nWorld\n"_s << false << false << u"Hello|World/"_s;
    QTest::newRow("crlf") << u"Hello\r\nWorld\r\n"_s << false << false << u"Hello|World/"_s;
    QTest::newRow("blank lines kept") << u"a\n\nb"_s << false << false << u"a||b/"_s;
    QTest::newRow("escaped") << u"if a < b && c > \"d\""_s << false << false
                             << u"if a &lt; b &amp;&amp; c &gt; &quot;d&quot;/"_s;
    QTest::newRow("markup is text") << u"<script>alert(1)</script>"_s << false << false
                                    << u"&lt;script&gt;alert(1)&lt;/script&gt;/"_s;
    QTest::newRow("one quote level")
            << u"Hi\n> quoted\n> more\nreply"_s << false << false << u"Hi/[quoted|more/]reply/"_s;
    QTest::newRow("nested with spaces")
            << u"> one\n> > two\n> one again"_s << false << false << u"[one/[two/]one again/]"_s;
    QTest::newRow("nested without spaces")
            << u">> deep\n>>> deeper\nnone"_s << false << false << u"[[deep/[deeper/]]]none/"_s;
    QTest::newRow("quote marker alone") << u">\n> x"_s << false << false << u"[|x/]"_s;
    QTest::newRow("signature") << u"Body\n-- \nAlice\nWonderland Inc."_s << false << false
                               << u"Body/~-- |Alice|Wonderland Inc./"_s;
    QTest::newRow("dashes without space are not a signature")
            << u"a\n--\nb"_s << false << false << u"a|--|b/"_s;
    QTest::newRow("quoted signature ends with the quote")
            << u"> text\n> -- \n> Bob\nmine"_s << false << false << u"[text/~-- |Bob/]mine/"_s;
    QTest::newRow("flowed joins soft breaks") << u"This is a \nflowed para.\nNext line"_s << true
                                              << false << u"This is a flowed para.|Next line/"_s;
    QTest::newRow("flowed DelSp") << u"Hyphen-less split wo \nrd here\n"_s << true << true
                                  << u"Hyphen-less split word here/"_s;
    QTest::newRow("flowed space-stuffing removed")
            << u" From me\n >not a quote"_s << true << false << u"From me|&gt;not a quote/"_s;
    QTest::newRow("flowed quoted paragraphs")
            << u"> quoted soft \n> continues\n>> deeper \n>> too\nplain"_s << true << false
            << u"[quoted soft continues/[deeper too/]]plain/"_s;
    QTest::newRow("flowed soft break before other depth is hard")
            << u"> soft \nnot joined"_s << true << false << u"[soft /]not joined/"_s;
    QTest::newRow("flowed signature separator is not soft")
            << u"text\n-- \nsig"_s << true << false << u"text/~-- |sig/"_s;
    QTest::newRow("not flowed keeps trailing spaces") << u"a \nb"_s << false << false << u"a |b/"_s;
}

void TestPlainTextRenderer::render()
{
    QFETCH(QString, text);
    QFETCH(bool, flowed);
    QFETCH(bool, delSp);
    QFETCH(QString, expected);
    PlainTextRenderer renderer;
    renderer.setFlowed(flowed);
    renderer.setDeleteSpace(delSp);
    QCOMPARE(structure(renderer.render(text)), expected);
}

void TestPlainTextRenderer::linkify_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("none") << u"nothing here"_s << u"nothing here"_s;
    QTest::newRow("http") << u"see http://example.org/a?b=1&c=2."_s
                          << u"see <a href=\"http://example.org/a?b=1&amp;c=2\">"
                             "http://example.org/a?b=1&amp;c=2</a>."_s;
    QTest::newRow("https in angle brackets") << u"<https://example.org/x>"_s
                                             << u"&lt;<a href=\"https://example.org/x\">"
                                                "https://example.org/x</a>&gt;"_s;
    QTest::newRow("www") << u"go to www.example.org, now"_s
                         << u"go to <a href=\"http://www.example.org\">www.example.org</a>, now"_s;
    QTest::newRow("parenthesised") << u"(see https://en.example.org/wiki/A_(b))"_s
                                   << u"(see <a href=\"https://en.example.org/wiki/A_(b)\">"
                                      "https://en.example.org/wiki/A_(b)</a>)"_s;
    QTest::newRow("quote in url ends it") << u"http://a.example/\"onclick=x"_s
                                          << u"<a href=\"http://a.example/\">http://a.example/</a>"
                                             "&quot;onclick=x"_s;
    QTest::newRow("bare scheme") << u"http:// nothing"_s << u"http:// nothing"_s;
    QTest::newRow("mail address") << u"write to bob.smith+x@mail.example.org."_s
                                  << u"write to <a href=\"mailto:bob.smith+x@mail.example.org\">"
                                     "bob.smith+x@mail.example.org</a>."_s;
    QTest::newRow("mailto") << u"mailto:a@b.example"_s
                            << u"<a href=\"mailto:a@b.example\">mailto:a@b.example</a>"_s;
    QTest::newRow("at without domain") << u"meet @ noon, a@b"_s << u"meet @ noon, a@b"_s;
    QTest::newRow("javascript is text") << u"javascript:alert(1)"_s << u"javascript:alert(1)"_s;
    QTest::newRow("embedded scheme") << u"xhttp://a.example"_s << u"xhttp://a.example"_s;
}

void TestPlainTextRenderer::linkify()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(PlainTextRenderer::linkify(text), expected);
}

void TestPlainTextRenderer::quoteLevelsAreColoured()
{
    const QString html = PlainTextRenderer().render(u"> a\n> > b"_s);
    static const QRegularExpression colour(u"border-left: 3px solid (#[0-9a-f]{6})"_s);
    QStringList colours;
    for (auto it = colour.globalMatch(html); it.hasNext();)
        colours << it.next().captured(1);
    QCOMPARE(colours.size(), 2);
    QVERIFY(colours[0] != colours[1]);
}

void TestPlainTextRenderer::longInputIsLinear()
{
    QString text;
    while (text.size() < 2 * 1024 * 1024)
        text += u"> > quoted line with http://example.org/x and a@b.example @@@@ \n"_s;
    PlainTextRenderer renderer;
    renderer.setFlowed(true);
    QElapsedTimer timer;
    timer.start();
    const QString html = renderer.render(text);
    qInfo("rendered %lld characters in %lld ms", static_cast<long long>(text.size()),
          static_cast<long long>(timer.elapsed()));
    QVERIFY(html.contains(u"mailto:a@b.example"_s));
    QVERIFY(timer.elapsed() < 5000 * TestTiming::factor);
}

QTEST_APPLESS_MAIN(TestPlainTextRenderer)
#include "tst_plaintextrenderer.moc"
