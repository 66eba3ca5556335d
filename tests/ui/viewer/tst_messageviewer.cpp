#include "sampleviewermessage.h"
#include "viewer/attachmentlistwidget.h"
#include "viewer/longmessagebar.h"
#include "viewer/messageheaderview.h"
#include "viewer/messageviewer.h"
#include "viewer/remotecontentbar.h"
#include "viewer/safetextbrowser.h"
#include "viewer/viewermessagefactory.h"

#include "mime/mimepart.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {

QByteArray pngBytes(const QColor &colour)
{
    QImage image(16, 16, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// Lays the document out, which is when images and other resources are asked for.
void layOut(MessageViewer &viewer)
{
    viewer.browser()->document()->documentLayout()->documentSize();
    viewer.grab();
}

// The centre of the first occurrence of `text` in the browser, in viewport coordinates.
QPoint positionOf(SafeTextBrowser *browser, const QString &text)
{
    QTextCursor found = browser->document()->find(text);
    if (found.isNull())
        return {};
    QTextCursor c(browser->document());
    c.setPosition((found.selectionStart() + found.selectionEnd()) / 2);
    return browser->cursorRect(c).center();
}

} // namespace

class TestMessageViewer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void signedAndEncryptedAreNoted_data();
    void signedAndEncryptedAreNoted();
    void hostileHtmlFetchesNothing_data();
    void hostileHtmlFetchesNothing();
    void browserRefusesWhatIsNotEmbedded();
    void svgCannotShowLocalFiles_data();
    void svgCannotShowLocalFiles();
    void loadForThisMessage();
    void alwaysForThisSender();
    void embeddedImagesAreServed();
    void linksOpenOnlyWhenClicked();
    void hoverShowsRealTarget();
    void headers_data();
    void headers();
    void dateInUserLocale();
    void bodyPreference();
    void quotedPlainText();
    void longBodyIsCutUntilAskedFor_data();
    void longBodyIsCutUntilAskedFor();
    void heldBackTextIsNotedAndSavable_data();
    void heldBackTextIsNotedAndSavable();
    void clearEmptiesThePane();
};

void TestMessageViewer::hostileHtmlFetchesNothing_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<int>("blocked");

    QTest::newRow("remote image") << u"<p>Hi<img src=\"http://evil.example/p.gif\"></p>"_s << 1;
    QTest::newRow("two remote images")
            << u"<img src=\"https://evil.example/a.png\"><IMG SRC=//evil.example/b.png>"_s << 2;
    QTest::newRow("css background url")
            << u"<div style=\"background-image: url(http://evil.example/bg.png)\">x</div>"_s << 1;
    QTest::newRow("background attribute")
            << u"<table background=\"http://evil.example/t.png\"><tr><td>x</td></tr></table>"_s
            << 1;
    QTest::newRow("body background")
            << u"<body background=\"https://evil.example/b.png\">x</body>"_s << 1;
    QTest::newRow("style block url and @import")
            << u"<style>@import url(http://evil.example/s.css); body{background:url(http://evil.example/b.png)}</style>x"_s
            << 2;
    QTest::newRow("link prefetch and stylesheet")
            << u"<link rel=stylesheet href=http://evil.example/s.css><link rel=prefetch href=http://evil.example/p>x"_s
            << 0;
    QTest::newRow("iframe") << u"<iframe src=\"http://evil.example/\"></iframe>x"_s << 0;
    QTest::newRow("script") << u"<script src=\"http://evil.example/x.js\">alert(1)</script>x"_s
                            << 0;
    QTest::newRow("meta refresh") << u"<meta http-equiv=refresh content=\"0;url=http://evil.example/\">x"_s
                                  << 0;
    QTest::newRow("form")
            << u"<form action=http://evil.example/><input type=image src=http://evil.example/i.png></form>"_s
            << 0;
    QTest::newRow("object and embed")
            << u"<object data=http://evil.example/x></object><embed src=http://evil.example/y>"_s
            << 0;
    QTest::newRow("event attribute") << u"<img src=\"cid:none\" onerror=\"alert(1)\">x"_s << 0;
    QTest::newRow("javascript link") << u"<a href=\"jav&#x61;script:alert(1)\">x</a>"_s << 0;
    QTest::newRow("file image") << u"<img src=\"file:///etc/hostname\">"_s << 0;
    QTest::newRow("relative image") << u"<img src=\"logo.png\">"_s << 0;
    QTest::newRow("malformed nesting")
            << u"<div><img src=\"http://evil.example/a.png\"<p><b>x</div></b><img src=http://evil.example/b.png"_s
            << 1;
}

void TestMessageViewer::hostileHtmlFetchesNothing()
{
    QFETCH(QString, html);
    QFETCH(int, blocked);

    MessageViewer viewer;
    viewer.resize(640, 480);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.setMessage(htmlMessage(html));
    layOut(viewer);

    QCOMPARE(viewer.browser()->networkRequestCount(), 0);
    for (const QUrl &url : viewer.browser()->requestedUrls())
        QVERIFY2(!SafeTextBrowser::isNetworkUrl(url), qPrintable(url.toString()));
    QCOMPARE(viewer.remoteContentBar()->blockedCount(), blocked);
    QCOMPARE(viewer.remoteContentBar()->isVisible(), blocked > 0);
    if (blocked > 0)
        QVERIFY(viewer.remoteContentBar()->text().startsWith(QString::number(blocked) + u' '));
    QVERIFY(!viewer.browser()->toHtml().contains(u"evil.example"_s));
}

void TestMessageViewer::browserRefusesWhatIsNotEmbedded()
{
    // The browser on its own, given HTML that did not go through the sanitiser.
    QTemporaryDir dir;
    const QString localPng = dir.filePath(u"local.png"_s);
    QImage(8, 8, QImage::Format_RGB32).save(localPng);

    SafeTextBrowser browser;
    browser.resize(300, 200);
    QSignalSpy requested(&browser, &SafeTextBrowser::resourceRequested);
    const QUrl local = QUrl::fromLocalFile(localPng);
    browser.setHtml(u"<img src=\"http://evil.example/a.png\"><img src=\""_s + local.toString()
                    + u"\"><img src=\"local.png\">"_s);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    browser.grab();

    QCOMPARE(browser.requestCount(), 3);
    QCOMPARE(browser.networkRequestCount(), 3);
    QCOMPARE(browser.servedCount(), 0);
    QCOMPARE(requested.count(), 3);
    for (const QList<QVariant> &args : std::as_const(requested))
        QCOMPARE(args.at(1).toBool(), false);
    const QVariant resource = browser.document()->resource(QTextDocument::ImageResource, local);
    QVERIFY(resource.value<QImage>().isNull());
    QVERIFY(resource.value<QPixmap>().isNull());
}

void TestMessageViewer::svgCannotShowLocalFiles_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("data: base64") << u"data-base64"_s;
    QTest::newRow("data: percent-encoded") << u"data-plain"_s;
    QTest::newRow("data: declared as PNG") << u"data-as-png"_s;
    QTest::newRow("cid:") << u"cid"_s;
}

void TestMessageViewer::svgCannotShowLocalFiles()
{
    QFETCH(QString, how);
    // A local picture, and an SVG image that draws it by its path.
    QTemporaryDir dir;
    const QString localPng = dir.filePath(u"secret.png"_s);
    QImage secret(16, 16, QImage::Format_RGB32);
    secret.fill(Qt::red);
    QVERIFY(secret.save(localPng));
    const QByteArray svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                           "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"16\" "
                           "height=\"16\"><image x=\"0\" y=\"0\" width=\"16\" height=\"16\" "
                           "xlink:href=\""
                           + localPng.toUtf8() + "\"/></svg>";
    // The threat is real here: the SVG reader, asked directly, shows the file.
    QCOMPARE(QImage::fromData(svg).pixelColor(8, 8), QColor(Qt::red));

    QUrl url;
    SafeTextBrowser browser;
    browser.resize(300, 200);
    if (how == u"data-base64") {
        url = QUrl(u"data:image/svg+xml;base64,"_s + QString::fromLatin1(svg.toBase64()));
    } else if (how == u"data-plain") {
        url = QUrl(u"data:image/svg+xml,"_s + QString::fromLatin1(svg.toPercentEncoding()));
    } else if (how == u"data-as-png") {
        url = QUrl(u"data:image/png;base64,"_s + QString::fromLatin1(svg.toBase64()));
    } else {
        url = QUrl(u"cid:drawing@example.org"_s);
        browser.setInlineImages({{u"drawing@example.org"_s, svg}});
    }
    browser.setHtml(u"<p>x<img src=\""_s + url.toString(QUrl::FullyEncoded) + u"\">y</p>"_s);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    browser.grab();

    QCOMPARE(browser.requestCount(), 1);
    QCOMPARE(browser.networkRequestCount(), 0);
    QCOMPARE(browser.servedCount(), 0);
    const QVariant resource = browser.document()->resource(QTextDocument::ImageResource, url);
    QVERIFY(resource.value<QImage>().isNull());
}

void TestMessageViewer::loadForThisMessage()
{
    MessageViewer viewer;
    viewer.resize(640, 480);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.setMessage(
            htmlMessage(u"<p>News</p><img src=\"http://img.example/a.png\" alt=A>"
                        "<div style=\"background:url(https://img.example/b.png)\">b</div>"_s));
    layOut(viewer);
    QCOMPARE(viewer.remoteContentBar()->blockedCount(), 2);
    QVERIFY(viewer.remoteContentBar()->isVisible());
    QVERIFY(viewer.sanitizeResult().remoteUrls.isEmpty());

    QSignalSpy requested(viewer.browser(), &SafeTextBrowser::resourceRequested);
    QTest::mouseClick(viewer.remoteContentBar()->loadButton(), Qt::LeftButton);
    layOut(viewer);

    QVERIFY(viewer.isRemoteContentAllowed());
    QVERIFY(!viewer.remoteContentBar()->isVisible());
    QCOMPARE(viewer.remoteContentBar()->blockedCount(), 0);
    QCOMPARE(viewer.sanitizeResult().remoteUrls,
             QStringList({u"http://img.example/a.png"_s, u"https://img.example/b.png"_s}));
    QVERIFY(viewer.sanitizeResult().html.contains(u"http://img.example/a.png"_s));
    // Remote bytes come from the service layer, never from the browser itself.
    for (const QList<QVariant> &args : std::as_const(requested)) {
        if (SafeTextBrowser::isNetworkUrl(args.at(0).toUrl()))
            QCOMPARE(args.at(1).toBool(), false);
    }

    // The owner fetches the remote bytes and hands them over; only URLs of this message count.
    QSignalSpy wanted(&viewer, &MessageViewer::remoteContentRequested);
    viewer.loadRemoteContent();
    QCOMPARE(wanted.count(), 1);
    QCOMPARE(wanted.first().first().toStringList(), viewer.sanitizeResult().remoteUrls);
    const int servedBefore = viewer.browser()->servedCount();
    viewer.setRemoteImage(QUrl(u"http://img.example/a.png"_s), pngBytes(Qt::green));
    viewer.setRemoteImage(QUrl(u"http://other.example/x.png"_s), pngBytes(Qt::green));
    layOut(viewer);
    QCOMPARE(viewer.browser()->servedCount(), servedBefore + 1);
    const QImage remote = viewer.browser()
                                  ->document()
                                  ->resource(QTextDocument::ImageResource,
                                             QUrl(u"http://img.example/a.png"_s))
                                  .value<QImage>();
    QCOMPARE(remote.pixelColor(2, 2), QColor(Qt::green));

    // The next message starts blocked again.
    viewer.setMessage(htmlMessage(u"<img src=\"http://img.example/c.png\">"_s));
    QCOMPARE(viewer.remoteContentBar()->blockedCount(), 1);
    QVERIFY(!viewer.isRemoteContentAllowed());
}

void TestMessageViewer::alwaysForThisSender()
{
    MessageViewer viewer;
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    QSignalSpy always(&viewer, &MessageViewer::alwaysAllowRemoteContent);
    viewer.setMessage(htmlMessage(u"<img src=\"http://img.example/a.png\">"_s));
    QTest::mouseClick(viewer.remoteContentBar()->alwaysButton(), Qt::LeftButton);
    QCOMPARE(always.count(), 1);
    QCOMPARE(always.first().first().toString(), u"alice@example.org"_s);
    QVERIFY(viewer.isRemoteContentAllowed());
    QCOMPARE(viewer.sanitizeResult().remoteUrls.size(), 1);

    // A sender already on the list: shown with remote content, no bar.
    ViewerMessage trusted = htmlMessage(u"<img src=\"http://img.example/a.png\">"_s);
    trusted.remoteContentAllowed = true;
    viewer.setMessage(trusted);
    QVERIFY(!viewer.remoteContentBar()->isVisible());
    QCOMPARE(viewer.sanitizeResult().remoteUrls.size(), 1);
}

void TestMessageViewer::embeddedImagesAreServed()
{
    MessageViewer viewer;
    viewer.resize(640, 480);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    const QByteArray red = pngBytes(Qt::red);
    ViewerMessage m = htmlMessage(u"<p><img src=\"cid:logo@example.org\" alt=logo>"
                                  "<img src=\"data:image/png;base64,"_s
                                  + QString::fromLatin1(pngBytes(Qt::blue).toBase64())
                                  + u"\"><img src=\"cid:missing@example.org\"></p>"_s);
    m.inlineImages.insert(u"logo@example.org"_s, {red, u"image/png"_s});
    QSignalSpy requested(viewer.browser(), &SafeTextBrowser::resourceRequested);
    viewer.setMessage(m);
    layOut(viewer);

    QCOMPARE(viewer.browser()->networkRequestCount(), 0);
    QCOMPARE(viewer.browser()->servedCount(), 2);
    QCOMPARE(viewer.browser()->requestCount(), 3);
    bool cidServed = false;
    for (const QList<QVariant> &args : std::as_const(requested)) {
        if (args.at(0).toUrl() == QUrl(u"cid:logo@example.org"_s))
            cidServed = args.at(1).toBool();
    }
    QVERIFY(cidServed);
    const QImage shown = viewer.browser()
                                 ->document()
                                 ->resource(QTextDocument::ImageResource,
                                            QUrl(u"cid:logo@example.org"_s))
                                 .value<QImage>();
    QCOMPARE(shown.size(), QSize(16, 16));
    QCOMPARE(shown.pixelColor(4, 4), QColor(Qt::red));
}

void TestMessageViewer::linksOpenOnlyWhenClicked()
{
    MessageViewer viewer;
    QList<QUrl> opened;
    viewer.setUrlOpener([&opened](const QUrl &url) {
        opened << url;
        return true;
    });
    QSignalSpy activated(&viewer, &MessageViewer::linkActivated);
    viewer.resize(640, 480);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.setMessage(htmlMessage(u"<p>Read <a href=\"https://example.org/article\">the article</a>"
                                  " or <a href=\"javascript:alert(1)\">this</a>.</p>"_s));
    layOut(viewer);
    QTest::qWait(50);
    QCOMPARE(activated.count(), 0);
    QVERIFY(opened.isEmpty());

    QWidget *viewport = viewer.browser()->viewport();
    const QPoint dead = positionOf(viewer.browser(), u"this"_s);
    QVERIFY(!dead.isNull());
    QTest::mouseClick(viewport, Qt::LeftButton, {}, dead);
    QTest::qWait(50);
    QCOMPARE(activated.count(), 0);

    const QPoint link = positionOf(viewer.browser(), u"the article"_s);
    QVERIFY(!link.isNull());
    QTest::mouseClick(viewport, Qt::LeftButton, {}, link);
    QTRY_COMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().toUrl(), QUrl(u"https://example.org/article"_s));
    QCOMPARE(opened, QList<QUrl> {QUrl(u"https://example.org/article"_s)});
}

void TestMessageViewer::hoverShowsRealTarget()
{
    MessageViewer viewer;
    viewer.setUrlOpener([](const QUrl &) { return true; });
    QSignalSpy hovered(&viewer, &MessageViewer::linkHovered);
    viewer.resize(640, 480);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.setMessage(htmlMessage(
            u"<p>Log in at <a href=\"https://phish.example/login\">https://bank.example</a></p>"_s));
    layOut(viewer);
    const QPoint link = positionOf(viewer.browser(), u"bank.example"_s);
    QVERIFY(!link.isNull());
    QTest::mouseMove(viewer.browser()->viewport(), link);
    QTRY_COMPARE(viewer.hoveredLink(), u"https://phish.example/login"_s);
    QCOMPARE(viewer.browser()->viewport()->toolTip(), u"https://phish.example/login"_s);
    QVERIFY(hovered.count() >= 1);
    QCOMPARE(hovered.last().first().toString(), u"https://phish.example/login"_s);
}

void TestMessageViewer::headers_data()
{
    QTest::addColumn<int>("toCount");
    QTest::addColumn<int>("ccCount");
    QTest::addColumn<QString>("foldedTo");
    QTest::addColumn<bool>("ccVisible");

    QTest::newRow("one") << 1 << 0 << QString() << false;
    QTest::newRow("three, no fold") << 3 << 1 << QString() << true;
    QTest::newRow("five folds two") << 5 << 0 << u"and 2 more"_s << false;
    QTest::newRow("forty folds") << 40 << 4 << u"and 37 more"_s << true;
}

void TestMessageViewer::headers()
{
    QFETCH(int, toCount);
    QFETCH(int, ccCount);
    QFETCH(QString, foldedTo);
    QFETCH(bool, ccVisible);

    ViewerMessage m = htmlMessage(u"x"_s);
    m.from = {u"Ann <Admin> & Co"_s, u"ann@example.org"_s};
    m.to.clear();
    for (int i = 0; i < toCount; ++i)
        m.to.append({u"To %1"_s.arg(i), u"to%1@example.org"_s.arg(i)});
    for (int i = 0; i < ccCount; ++i)
        m.cc.append({QString(), u"cc%1@example.org"_s.arg(i)});
    MessageViewer viewer;
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.setMessage(m);
    MessageHeaderView *header = viewer.headerView();
    QCOMPARE(header->subjectText(), u"Hello"_s);
    QVERIFY(header->fromText().contains(u">Ann &lt;Admin&gt; &amp; Co &lt;ann@example.org&gt;<"_s));
    QCOMPARE(header->isCcVisible(), ccVisible);
    const QString to = header->toText();
    QVERIFY(to.contains(u"to0@example.org"_s));
    if (foldedTo.isEmpty()) {
        QVERIFY(!to.contains(u"more"_s));
        QVERIFY(to.contains(u"to%1@example.org"_s.arg(toCount - 1)));
    } else {
        QVERIFY(to.contains(foldedTo));
        QVERIFY(!to.contains(u"to%1@example.org"_s.arg(MessageHeaderView::FoldedRecipients)));
        header->unfoldRecipients();
        QVERIFY(header->toText().contains(u"to%1@example.org"_s.arg(toCount - 1)));
        QVERIFY(!header->toText().contains(u"more"_s));
    }
}

void TestMessageViewer::dateInUserLocale()
{
    MessageViewer viewer;
    const QLocale french(QLocale::French, QLocale::France);
    viewer.setLocale(french);
    ViewerMessage m = htmlMessage(u"x"_s);
    viewer.setMessage(m);
    const QDateTime local = m.date.toLocalTime();
    QCOMPARE(viewer.headerView()->dateText(),
             french.toString(local.date(), QLocale::LongFormat) + u' '
                     + french.toString(local.time(), QLocale::ShortFormat));
    QVERIFY(viewer.headerView()->dateText().contains(u"novembre"_s));
}

void TestMessageViewer::bodyPreference()
{
    MessageViewer viewer;
    ViewerMessage m = htmlMessage(u"<p>the <b>html</b> part</p>"_s);
    m.plainText = u"the plain part"_s;
    viewer.setMessage(m);
    QVERIFY(viewer.isShowingHtml());
    QVERIFY(viewer.browser()->toPlainText().contains(u"the html part"_s));

    viewer.setBodyPreference(MessageViewer::BodyPreference::PlainText);
    QVERIFY(!viewer.isShowingHtml());
    QVERIFY(viewer.browser()->toPlainText().contains(u"the plain part"_s));

    m.plainText.clear();
    viewer.setMessage(m);
    QVERIFY(viewer.isShowingHtml()); // the only body there is

    m.html.clear();
    m.plainText = u"only plain"_s;
    viewer.setBodyPreference(MessageViewer::BodyPreference::Html);
    viewer.setMessage(m);
    QVERIFY(!viewer.isShowingHtml());
    QVERIFY(!viewer.remoteContentBar()->isVisible());
}

void TestMessageViewer::quotedPlainText()
{
    MessageViewer viewer;
    ViewerMessage m = htmlMessage(QString());
    m.plainText = u"My answer, see https://example.org.\n> Your question \n> > older\n-- \nAlice"_s;
    viewer.setMessage(m);
    const QString text = viewer.browser()->toPlainText();
    QVERIFY(text.contains(u"My answer"_s));
    QVERIFY(text.contains(u"older"_s));
    QVERIFY(!text.contains(u"> >"_s)); // markers became blocks
    int tables = 0;
    for (QTextBlock b = viewer.browser()->document()->begin(); b.isValid(); b = b.next()) {
        if (QTextCursor(b).currentTable())
            ++tables;
    }
    QVERIFY(tables >= 2);
    QVERIFY(viewer.browser()->toHtml().contains(u"href=\"https://example.org\""_s));
}

void TestMessageViewer::longBodyIsCutUntilAskedFor_data()
{
    QTest::addColumn<bool>("html");
    QTest::newRow("html") << true;
    QTest::newRow("plain") << false;
}

void TestMessageViewer::longBodyIsCutUntilAskedFor()
{
    QFETCH(bool, html);
    MessageViewer viewer;
    viewer.setDisplayLimit(1000);
    QString body;
    for (int i = 0; body.size() < 5000; ++i)
        body += html ? u"<p>line %1</p>"_s.arg(i) : u"line %1\n"_s.arg(i);
    body += html ? u"<p>the end</p>"_s : u"the end"_s;
    ViewerMessage m = htmlMessage(html ? body : QString());
    m.plainText = html ? QString() : body;
    viewer.setMessage(m);
    QVERIFY(viewer.isBodyCut());
    QVERIFY(!viewer.longMessageBar()->isHidden());
    const QString cut = viewer.browser()->toPlainText();
    QVERIFY(cut.contains(u"line 1"_s));
    QVERIFY(!cut.contains(u"the end"_s));
    // Cut at a boundary: the last line shown is whole.
    QVERIFY2(cut.trimmed().section(u'\n', -1).startsWith(u"line "_s), qPrintable(cut.right(40)));

    viewer.longMessageBar()->showAllButton()->click();
    QVERIFY(!viewer.isBodyCut());
    QVERIFY(viewer.longMessageBar()->isHidden());
    QVERIFY(viewer.browser()->toPlainText().contains(u"the end"_s));

    // The next message starts cut again; a short one is never cut.
    viewer.setMessage(m);
    QVERIFY(viewer.isBodyCut());
    viewer.setMessage(htmlMessage(u"<p>short</p>"_s));
    QVERIFY(!viewer.isBodyCut());
    QVERIFY(viewer.longMessageBar()->isHidden());
}

void TestMessageViewer::heldBackTextIsNotedAndSavable_data()
{
    QTest::addColumn<bool>("html");
    QTest::addColumn<int>("displayLimit");
    QTest::newRow("plain, shown whole") << false << 64 * 1024;
    QTest::newRow("html, shown whole") << true << 64 * 1024;
    QTest::newRow("plain, cut by the viewer first") << false << 1000;
}

// A text part too long to read whole (MimePart::isBodyCut(), as MessagePartLoader leaves it):
// the pane says so, and its button saves the message.
void TestMessageViewer::heldBackTextIsNotedAndSavable()
{
    QFETCH(bool, html);
    QFETCH(int, displayLimit);
    QByteArray body;
    for (int i = 0; body.size() < 4000; ++i)
        body += (html ? "<p>line " + QByteArray::number(i) + "</p>"
                      : "line " + QByteArray::number(i))
                + "\r\n";
    const QByteArray raw = "From: Alice <alice@example.test>\r\nSubject: Long\r\n"
                           "Content-Type: text/"
                           + QByteArray(html ? "html" : "plain") + "; charset=utf-8\r\n\r\n" + body;
    MimePart root = MimePart::parse(raw);
    MimePart *text = root.findSection("1");
    QVERIFY(text);
    const qint64 whole = qint64(300) * 1024 * 1024;
    text->setBodyCut(whole);
    const ViewerMessage m = ViewerMessageFactory::fromPart(root);
    QCOMPARE(m.heldBackTextSize, whole);
    QCOMPARE(m.heldBackShownSize, qint64(body.size()));

    MessageViewer viewer;
    viewer.setDisplayLimit(displayLimit);
    viewer.resize(640, 480);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    QSignalSpy save(&viewer, &MessageViewer::saveMessageRequested);
    viewer.setMessage(m);
    LongMessageBar *bar = viewer.longMessageBar();
    QVERIFY(bar->isVisible());
    if (viewer.isBodyCut()) {
        // What is here is shown first; then the note on what is not.
        QVERIFY(!bar->isHeldBack());
        bar->showAllButton()->click();
        QVERIFY(save.isEmpty());
        QVERIFY(!viewer.isBodyCut());
        QVERIFY(bar->isVisible());
    }
    QVERIFY(bar->isHeldBack());
    QVERIFY2(bar->text().contains(QLocale().formattedDataSize(whole, 0)), qPrintable(bar->text()));
    QCOMPARE(bar->showAllButton()->text(), u"Save Message…"_s);
    QVERIFY(viewer.browser()->toPlainText().contains(u"line 0"_s));
    bar->showAllButton()->click();
    QCOMPARE(save.size(), 1);

    // A message here whole has no note (only the viewer's own cut, if any).
    text->setBodyCut(-1);
    viewer.setMessage(ViewerMessageFactory::fromPart(root));
    QVERIFY(!bar->isHeldBack());
    QCOMPARE(bar->isVisible(), viewer.isBodyCut());
    QCOMPARE(bar->showAllButton()->text(), u"Show all"_s);
}

void TestMessageViewer::clearEmptiesThePane()
{
    MessageViewer viewer;
    QList<QUrl> opened;
    viewer.setUrlOpener([&opened](const QUrl &url) {
        opened << url;
        return true;
    });
    viewer.resize(640, 480);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    // Nothing on display at first.
    QVERIFY(viewer.isEmpty());
    QVERIFY(!viewer.headerView()->isVisible());
    QVERIFY(!viewer.saveAllButton()->isEnabled());

    ViewerMessage m = htmlMessage(
            u"<p>Quarterly numbers</p><img src=\"http://img.example/a.png\">"_s);
    m.cc = {{u"Carol"_s, u"carol@example.org"_s}};
    m.attachments = {{u"2"_s, u"report.pdf"_s, 1536, u"application/pdf"_s}};
    viewer.setMessage(m);
    QVERIFY(!viewer.isEmpty());
    QVERIFY(viewer.headerView()->isVisible());
    QVERIFY(viewer.attachmentList()->isVisible());
    QVERIFY(viewer.saveAllButton()->isVisible());
    QVERIFY(viewer.saveAllButton()->isEnabled());
    QVERIFY(viewer.remoteContentBar()->isVisible());
    QVERIFY(viewer.browser()->toPlainText().contains(u"Quarterly numbers"_s));
    viewer.openAttachment(u"2"_s); // its bytes are still on the way when the pane clears

    viewer.clear();
    QVERIFY(viewer.isEmpty());
    QVERIFY(!viewer.headerView()->isVisible());
    QCOMPARE(viewer.headerView()->subjectText(), QString());
    QCOMPARE(viewer.headerView()->fromText(), QString());
    QCOMPARE(viewer.headerView()->toText(), QString());
    QCOMPARE(viewer.headerView()->dateText(), QString());
    QVERIFY(!viewer.headerView()->isCcVisible());
    QVERIFY(viewer.browser()->toPlainText().trimmed().isEmpty());
    QVERIFY(viewer.message().subject.isEmpty());
    QCOMPARE(viewer.attachmentList()->count(), 0);
    QVERIFY(!viewer.attachmentList()->isVisible());
    QVERIFY(!viewer.saveAllButton()->isEnabled());
    QVERIFY(!viewer.remoteContentBar()->isVisible());
    QVERIFY(!viewer.longMessageBar()->isVisible());
    // Save All on an empty pane asks for nothing.
    QSignalSpy requested(&viewer, &MessageViewer::attachmentRequested);
    viewer.setDirectoryChooser([] { return QDir::tempPath(); });
    viewer.saveAllAttachments();
    QVERIFY(requested.isEmpty());
    // The late bytes of the attachment asked for before open nothing.
    viewer.setAttachmentData(u"2"_s, "%PDF-1.4");
    QVERIFY(opened.isEmpty());
    QVERIFY(viewer.attachmentList()->localFile(u"2"_s).isEmpty());

    // The next message shows its header again.
    viewer.setMessage(htmlMessage(u"<p>Next</p>"_s));
    QVERIFY(!viewer.isEmpty());
    QVERIFY(viewer.headerView()->isVisible());
    QCOMPARE(viewer.headerView()->subjectText(), u"Hello"_s);
    QVERIFY(!viewer.saveAllButton()->isEnabled());
}

void TestMessageViewer::signedAndEncryptedAreNoted_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("note"); // empty: none shown
    QTest::addColumn<QString>("body"); // text the reader still sees
    const QByteArray head = "From: Alice <alice@example.test>\r\nSubject: Keys\r\n";
    QTest::newRow("signed")
            << head
                       + "Content-Type: multipart/signed; protocol=\"application/pgp-signature\";"
                         " micalg=pgp-sha256; boundary=\"s\"\r\n\r\n"
                         "--s\r\nContent-Type: text/plain\r\n\r\nMeet at noon.\r\n"
                         "--s\r\nContent-Type: application/pgp-signature\r\n\r\n"
                         "-----BEGIN PGP SIGNATURE-----\r\nxyz\r\n-----END PGP SIGNATURE-----\r\n"
                         "--s--\r\n"
            << u"signed"_s << u"Meet at noon."_s;
    QTest::newRow("encrypted")
            << head
                       + "Content-Type: multipart/encrypted; "
                         "protocol=\"application/pgp-encrypted\";"
                         " boundary=\"e\"\r\n\r\n"
                         "--e\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n"
                         "--e\r\nContent-Type: application/octet-stream\r\n\r\n"
                         "-----BEGIN PGP MESSAGE-----\r\nabc\r\n-----END PGP MESSAGE-----\r\n"
                         "--e--\r\n"
            << u"encrypted"_s << QString();
    QTest::newRow("S/MIME encrypted")
            << head
                       + "Content-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n"
                         "Content-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHA6CAMIACAQA=\r\n"
            << u"encrypted"_s << QString();
    QTest::newRow("plain") << head + "Content-Type: text/plain\r\n\r\nHello\r\n"
                           << QString() << u"Hello"_s;
}

void TestMessageViewer::signedAndEncryptedAreNoted()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, note);
    QFETCH(QString, body);
    MessageViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.setMessage(ViewerMessageFactory::fromMessage(raw));
    QLabel *notes = viewer.notesLabel();
    QCOMPARE(notes->isVisible(), !note.isEmpty());
    if (!note.isEmpty())
        QVERIFY2(notes->text().contains(note), qPrintable(notes->text()));
    if (!body.isEmpty())
        QVERIFY(viewer.browser()->toPlainText().contains(body));
    viewer.clear();
    QVERIFY(!notes->isVisible());
}

QTEST_MAIN(TestMessageViewer)
#include "tst_messageviewer.moc"
