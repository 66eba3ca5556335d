// Which remote images are trackers: by size and style, by the service they come from, and by
// a token naming the recipient; and the sanitiser keeping them out even when remote content is
// allowed.
#include "mime/htmlsanitizer.h"
#include "mime/trackerdetector.h"

#include <QCryptographicHash>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = TrackerDetector::Kind;

class TestTrackerDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classifyImage_data();
    void classifyImage();
    void sanitizerKeepsTrackersOut();
    void cssBackgroundsFromTrackersStayOut();
};

void TestTrackerDetector::classifyImage_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("width");
    QTest::addColumn<QString>("height");
    QTest::addColumn<QString>("style");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("service");

    const QString plain = u"https://cdn.shop.example/banner.png"_s;
    QTest::newRow("ordinary image")
            << plain << u"600"_s << u"200"_s << QString() << Kind::None << QString();
    QTest::newRow("no size at all")
            << plain << QString() << QString() << QString() << Kind::None << QString();
    QTest::newRow("1x1") << plain << u"1"_s << u"1"_s << QString() << Kind::Pixel << QString();
    QTest::newRow("1x1 px") << plain << u"1px"_s << u" 1px "_s << QString() << Kind::Pixel
                            << QString();
    QTest::newRow("height 1 only")
            << plain << QString() << u"1"_s << QString() << Kind::Pixel << QString();
    QTest::newRow("spacer 1x20") << plain << u"1"_s << u"20"_s << QString() << Kind::None
                                 << QString();
    QTest::newRow("1x1 by style") << plain << QString() << QString() << u"width:1px; height:1px"_s
                                  << Kind::Pixel << QString();
    QTest::newRow("zero width") << plain << u"0"_s << u"30"_s << QString() << Kind::Hidden
                                << QString();
    QTest::newRow("display none") << plain << u"600"_s << u"200"_s << u"display: none"_s
                                  << Kind::Hidden << QString();
    QTest::newRow("DISPLAY:NONE !important")
            << plain << QString() << QString() << u"DISPLAY:NONE !important"_s << Kind::Hidden
            << QString();
    QTest::newRow("visibility hidden") << plain << QString() << QString() << u"visibility:hidden"_s
                                       << Kind::Hidden << QString();
    QTest::newRow("opacity 0") << plain << QString() << QString() << u"opacity:0"_s << Kind::Hidden
                               << QString();
    QTest::newRow("max-height 0") << plain << QString() << QString() << u"max-height:0px"_s
                                  << Kind::Hidden << QString();
    QTest::newRow("mailchimp") << u"https://example.us5.list-manage.com/track/open.php?u=1"_s
                               << QString() << QString() << QString() << Kind::KnownService
                               << u"Mailchimp"_s;
    QTest::newRow("sendgrid") << u"http://u123.ct.sendgrid.net/wf/open?upn=x"_s << u"100"_s
                              << u"100"_s << QString() << Kind::KnownService << u"SendGrid"_s;
    QTest::newRow("known service wins over size")
            << u"//www.google-analytics.com/collect?v=1"_s << u"1"_s << u"1"_s << QString()
            << Kind::KnownService << u"Google Analytics"_s;
    QTest::newRow("not a sub-domain of a tracker")
            << u"https://notlist-manage.com/a.png"_s << QString() << QString() << QString()
            << Kind::None << QString();
    QTest::newRow("recipient in the path")
            << u"https://news.example/open/bob@example.org/logo.png"_s << QString() << QString()
            << QString() << Kind::RecipientToken << QString();
    QTest::newRow("recipient percent-encoded")
            << u"https://news.example/logo.png?to=Bob%40Example.org"_s << QString() << QString()
            << QString() << Kind::RecipientToken << QString();
    QTest::newRow("recipient in Base64")
            << u"https://news.example/logo.png?r="_s
                       + QString::fromLatin1(QByteArray("bob@example.org").toBase64())
            << QString() << QString() << QString() << Kind::RecipientToken << QString();
    QTest::newRow("recipient as MD5")
            << u"https://news.example/logo/"_s
                       + QString::fromLatin1(
                               QCryptographicHash::hash("bob@example.org", QCryptographicHash::Md5)
                                       .toHex())
                       + u".png"_s
            << QString() << QString() << QString() << Kind::RecipientToken << QString();
    QTest::newRow("opaque subscriber id")
            << u"https://news.example/logo.png?subscriber=8f3a9c21b7e44d02aa"_s << QString()
            << QString() << QString() << Kind::RecipientToken << QString();
    QTest::newRow("short id is not a token")
            << u"https://news.example/logo.png?id=42"_s << QString() << QString() << QString()
            << Kind::None << QString();
    QTest::newRow("other recipient's address")
            << u"https://news.example/open/carol@example.org/logo.png"_s << QString() << QString()
            << QString() << Kind::None << QString();
}

void TestTrackerDetector::classifyImage()
{
    QFETCH(QString, url);
    QFETCH(QString, width);
    QFETCH(QString, height);
    QFETCH(QString, style);
    QFETCH(Kind, kind);
    QFETCH(QString, service);
    TrackerDetector detector;
    detector.setRecipients({u"Bob@Example.org"_s});
    const TrackerDetector::Verdict verdict = detector.classifyImage(url, width, height, style);
    QCOMPARE(verdict.kind, kind);
    QCOMPARE(verdict.serviceName, service);
    QCOMPARE(verdict.isTracker(), kind != Kind::None);
}

void TestTrackerDetector::sanitizerKeepsTrackersOut()
{
    const QString html = u"<p>Hi<img src=\"http://img.example/a.png\" alt=\"Logo\">"
                         "<img src=\"http://img.example/p.gif\" width=1 height=1 alt=\"pixel\">"
                         "<img src=\"https://x.list-manage.com/track/open.php?u=1\">"
                         "<img src=\"http://img.example/b.png?e=bob%40example.org\">"
                         "<img src=\"cid:logo@x\" width=1 height=1></p>"_s;
    for (bool allow : {false, true}) {
        HtmlSanitizer sanitizer;
        sanitizer.setAllowRemoteContent(allow);
        sanitizer.setRecipients({u"bob@example.org"_s});
        const HtmlSanitizer::Result result = sanitizer.sanitize(html);
        QCOMPARE(result.trackers.size(), 3);
        QCOMPARE(result.trackers.at(0).verdict.kind, Kind::Pixel);
        QCOMPARE(result.trackers.at(1).verdict.serviceName, u"Mailchimp"_s);
        QCOMPARE(result.trackers.at(2).verdict.kind, Kind::RecipientToken);
        QVERIFY(!result.html.contains(u"p.gif"_s));
        QVERIFY(!result.html.contains(u"list-manage"_s));
        QVERIFY(!result.html.contains(u"b.png"_s));
        QVERIFY(!result.html.contains(u"[pixel]"_s)); // no trace, not even its description
        QVERIFY(result.html.contains(u"cid:logo@x"_s)); // embedded images are no trackers
        QCOMPARE(result.blockedCount, allow ? 0 : 1);
        QCOMPARE(result.remoteUrls,
                 allow ? QStringList {u"http://img.example/a.png"_s} : QStringList());
        QCOMPARE(result.html.contains(u"http://img.example/a.png"_s), allow);
    }
}

void TestTrackerDetector::cssBackgroundsFromTrackersStayOut()
{
    HtmlSanitizer sanitizer;
    sanitizer.setAllowRemoteContent(true);
    const HtmlSanitizer::Result result = sanitizer.sanitize(
            u"<div style=\"background:url(https://t.mailtrack.io/open/1)\">x</div>"
            "<table background=\"https://a.sendgrid.net/wf/open\"><tr><td>y</td></tr></table>"_s);
    QCOMPARE(result.trackers.size(), 2);
    QVERIFY(result.remoteUrls.isEmpty());
    QVERIFY(!result.html.contains(u"mailtrack"_s));
    QVERIFY(!result.html.contains(u"sendgrid"_s));
}

QTEST_GUILESS_MAIN(TestTrackerDetector)
#include "tst_trackerdetector.moc"
