// Remote content end to end, minus the window: a message whose HTML refers to images on a local
// HTTP server that counts requests. Nothing is asked for before the user's click; "Load for this
// message" fetches only the images that are not trackers, which the bar names and which stay
// blocked; "Always for this sender" puts the sender on the list, and the sender's next message
// shows its images without a click.
#include "accounts/remotecontentpolicy.h"
#include "httptestserver.h"
#include "service/remoteimagefetcher.h"
#include "viewer/messagepresenter.h"
#include "viewer/messageviewer.h"
#include "viewer/remotecontentbar.h"
#include "viewer/safetextbrowser.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QImage>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

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

void layOut(MessageViewer &viewer)
{
    viewer.browser()->document()->documentLayout()->documentSize();
    viewer.grab();
}

} // namespace

class TestRemoteContent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void nothingBeforeTheClickOnlyNonTrackersAfter();
    void alwaysForThisSender();

private:
    QByteArray message(const QByteArray &from) const;

    std::unique_ptr<HttpTestServer> m_server;
};

void TestRemoteContent::init()
{
    m_server = std::make_unique<HttpTestServer>();
    QVERIFY(m_server->isListening());
    for (const char *path :
         {"/a.png", "/b.png", "/pixel.gif", "/hidden.png", "/c.png?e=bob%40example.org"})
        m_server->setResponse(path, {200, pngBytes(Qt::green), {{"Content-Type", "image/png"}}});
}

QByteArray TestRemoteContent::message(const QByteArray &from) const
{
    const QByteArray base = m_server->url("").toString().toLatin1();
    return "From: News <" + from
           + ">\r\nTo: Bob <bob@example.org>\r\nSubject: Offers\r\n"
             "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
             "<p>Offers<img src=\""
           + base
           + "/a.png\" width=16 height=16>"
             "<img src=\""
           + base
           + "/b.png\">"
             "<img src=\""
           + base
           + "/pixel.gif\" width=\"1\" height=\"1\">"
             "<img src=\""
           + base
           + "/hidden.png\" style=\"display:none\">"
             "<img src=\""
           + base + "/c.png?e=bob%40example.org\"></p>\r\n";
}

void TestRemoteContent::nothingBeforeTheClickOnlyNonTrackersAfter()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    RemoteContentPolicy policy(&settings);
    RemoteImageFetcher fetcher;
    MessageViewer viewer;
    viewer.resize(700, 500);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    MessagePresenter presenter(&viewer);
    presenter.setRemoteContent(&policy, &fetcher);
    presenter.showRaw(message("news@shop.example"));
    layOut(viewer);

    RemoteContentBar *bar = viewer.remoteContentBar();
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->blockedCount(), 2);
    QCOMPARE(bar->trackerCount(), 3);
    QVERIFY2(bar->text().contains(u"3 trackers blocked"_s), qPrintable(bar->text()));
    QVERIFY(bar->text().contains(u"a 1×1 pixel"_s));
    QVERIFY(bar->text().contains(u"a hidden image"_s));
    QVERIFY(bar->text().contains(u"an image address naming you"_s));
    // Nothing asked for until the user acts: the requests would have arrived by now.
    QTest::qWait(200);
    QCOMPARE(m_server->requests().size(), 0);
    QCOMPARE(viewer.browser()->networkRequestCount(), 0);

    QSignalSpy fetched(&fetcher, &RemoteImageFetcher::imageFetched);
    QTest::mouseClick(bar->loadButton(), Qt::LeftButton);
    QTRY_COMPARE(fetched.size(), 2);
    QCOMPARE(m_server->requestedPaths(), QList<QByteArray>({"/a.png", "/b.png"}));
    layOut(viewer);
    const QImage shown = viewer.browser()
                                 ->document()
                                 ->resource(QTextDocument::ImageResource, m_server->url("/a.png"))
                                 .value<QImage>();
    QCOMPARE(shown.pixelColor(2, 2), QColor(Qt::green));
    // The trackers stay blocked and named; there is nothing more to load.
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->trackerCount(), 3);
    QVERIFY(!bar->loadButton()->isVisible());
    QVERIFY(!bar->alwaysButton()->isVisible());
    QVERIFY(!viewer.sanitizeResult().html.contains(u"pixel.gif"_s));
    QTest::qWait(100);
    QCOMPARE(m_server->requests().size(), 2);
    QVERIFY(!policy.isAllowed(u"news@shop.example"_s));

    // The next message starts blocked again.
    presenter.showRaw(message("other@shop.example"));
    QCOMPARE(viewer.remoteContentBar()->blockedCount(), 2);
    QTest::qWait(100);
    QCOMPARE(m_server->requests().size(), 2);
}

void TestRemoteContent::alwaysForThisSender()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    RemoteContentPolicy policy(&settings);
    RemoteImageFetcher fetcher;
    MessageViewer viewer;
    viewer.resize(700, 500);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    MessagePresenter presenter(&viewer);
    presenter.setRemoteContent(&policy, &fetcher);
    presenter.showRaw(message("news@shop.example"));
    QSignalSpy fetched(&fetcher, &RemoteImageFetcher::imageFetched);
    QTest::mouseClick(viewer.remoteContentBar()->alwaysButton(), Qt::LeftButton);
    QVERIFY(policy.isAllowed(u"News@Shop.example"_s));
    QTRY_COMPARE(fetched.size(), 2);
    QCOMPARE(m_server->requestedPaths(), QList<QByteArray>({"/a.png", "/b.png"}));

    // Another message of that sender: its images come without a click, trackers still not.
    presenter.clear();
    presenter.showRaw(message("news@shop.example"));
    QVERIFY(viewer.isRemoteContentAllowed());
    QTRY_COMPARE(fetched.size(), 4);
    QCOMPARE(m_server->requestedPaths(),
             QList<QByteArray>({"/a.png", "/a.png", "/b.png", "/b.png"}));
    QCOMPARE(viewer.remoteContentBar()->trackerCount(), 3);

    // Taken off the list in the settings: blocked again.
    policy.setAllowedSenders({});
    presenter.showRaw(message("news@shop.example"));
    QVERIFY(!viewer.isRemoteContentAllowed());
    QCOMPARE(viewer.remoteContentBar()->blockedCount(), 2);
}

QTEST_MAIN(TestRemoteContent)
#include "tst_remotecontent.moc"
