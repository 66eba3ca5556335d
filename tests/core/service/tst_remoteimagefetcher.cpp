// Remote images are fetched bare: no cookies, no referrer, no credentials, only http(s), a size
// cap and a timeout. Checked against a local HTTP server that records what it was sent.
#include "httptestserver.h"
#include "service/remoteimagefetcher.h"

#include <QSignalSpy>
#include <QTest>

class TestRemoteImageFetcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fetchesTheBytes();
    void sendsNoCookiesNoReferrerNoCredentials();
    void refusesUrlsItMustNotFetch_data();
    void refusesUrlsItMustNotFetch();
    void givesUpOverTheSizeCap_data();
    void givesUpOverTheSizeCap();
    void givesUpAfterTheTimeout();
    void abortAllReportsNothing();
};

void TestRemoteImageFetcher::fetchesTheBytes()
{
    HttpTestServer server;
    QVERIFY(server.isListening());
    server.setResponse("/a.png", {200, "PNGBYTES", {{"Content-Type", "image/png"}}});
    RemoteImageFetcher fetcher;
    QSignalSpy fetched(&fetcher, &RemoteImageFetcher::imageFetched);
    fetcher.fetch({server.url("/a.png"), server.url("/a.png")}); // the same once
    QTRY_COMPARE(fetched.size(), 1);
    QCOMPARE(fetched.first().at(0).toUrl(), server.url("/a.png"));
    QCOMPARE(fetched.first().at(1).toByteArray(), QByteArray("PNGBYTES"));
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(fetcher.pendingCount(), 0);
}

void TestRemoteImageFetcher::sendsNoCookiesNoReferrerNoCredentials()
{
    HttpTestServer server;
    server.setResponse("/first.png", {200, "1", {{"Set-Cookie", "id=tracked; Path=/"}}});
    server.setResponse("/second.png", {200, "2", {}});
    server.setResponse("/secret.png",
                       {401, "who?", {{"WWW-Authenticate", "Basic realm=\"images\""}}});
    RemoteImageFetcher fetcher;
    QSignalSpy fetched(&fetcher, &RemoteImageFetcher::imageFetched);
    QSignalSpy failed(&fetcher, &RemoteImageFetcher::failed);
    fetcher.fetch({server.url("/first.png")});
    QTRY_COMPARE(fetched.size(), 1);
    fetcher.fetch({server.url("/second.png"), server.url("/secret.png")});
    QTRY_COMPARE(fetched.size(), 2);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).toUrl(), server.url("/secret.png"));

    QCOMPARE(server.requests().size(), 3); // the password question was not answered again
    for (const HttpTestServer::Request &request : server.requests()) {
        QVERIFY2(!request.headers.contains("cookie"), request.path.constData());
        QVERIFY(!request.headers.contains("referer"));
        QVERIFY(!request.headers.contains("authorization"));
        QVERIFY(!request.headers.contains("origin"));
    }
}

void TestRemoteImageFetcher::refusesUrlsItMustNotFetch_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("file") << QStringLiteral("file:///etc/passwd");
    QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1/a.png");
    QTest::newRow("user name in the URL") << QStringLiteral("http://me:pw@127.0.0.1:%1/a.png");
    QTest::newRow("no host") << QStringLiteral("http:///a.png");
}

void TestRemoteImageFetcher::refusesUrlsItMustNotFetch()
{
    QFETCH(QString, url);
    HttpTestServer server;
    server.setResponse("/a.png", {200, "x", {}});
    RemoteImageFetcher fetcher;
    QSignalSpy failed(&fetcher, &RemoteImageFetcher::failed);
    QSignalSpy fetched(&fetcher, &RemoteImageFetcher::imageFetched);
    fetcher.fetch({QUrl(url.contains(u'%') ? url.arg(server.serverPort()) : url)});
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(fetched.size(), 0);
    QCOMPARE(server.requests().size(), 0);
}

void TestRemoteImageFetcher::givesUpOverTheSizeCap_data()
{
    QTest::addColumn<bool>("announced");
    QTest::newRow("Content-Length over the cap") << true;
    QTest::newRow("body over the cap, length not announced") << false;
}

void TestRemoteImageFetcher::givesUpOverTheSizeCap()
{
    QFETCH(bool, announced);
    HttpTestServer server;
    HttpTestServer::Response big {200, QByteArray(64 * 1024, 'x'), {}};
    big.sendLength = announced;
    server.setResponse("/big.png", big);
    server.setResponse("/small.png", {200, QByteArray(1000, 'y'), {}});
    RemoteImageFetcher fetcher;
    fetcher.setSizeLimit(4096);
    QSignalSpy failed(&fetcher, &RemoteImageFetcher::failed);
    QSignalSpy fetched(&fetcher, &RemoteImageFetcher::imageFetched);
    fetcher.fetch({server.url("/big.png"), server.url("/small.png")});
    QTRY_COMPARE(failed.size(), 1);
    QTRY_COMPARE(fetched.size(), 1);
    QCOMPARE(failed.first().at(0).toUrl(), server.url("/big.png"));
    QCOMPARE(fetched.first().at(0).toUrl(), server.url("/small.png"));
    QCOMPARE(fetcher.pendingCount(), 0);
}

void TestRemoteImageFetcher::givesUpAfterTheTimeout()
{
    HttpTestServer server;
    HttpTestServer::Response never;
    never.silent = true;
    server.setResponse("/slow.png", never);
    RemoteImageFetcher fetcher;
    fetcher.setTimeout(300);
    QSignalSpy failed(&fetcher, &RemoteImageFetcher::failed);
    fetcher.fetch({server.url("/slow.png")});
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(fetcher.pendingCount(), 0);
}

void TestRemoteImageFetcher::abortAllReportsNothing()
{
    HttpTestServer server;
    HttpTestServer::Response never;
    never.silent = true;
    server.setResponse("/slow.png", never);
    RemoteImageFetcher fetcher;
    QSignalSpy failed(&fetcher, &RemoteImageFetcher::failed);
    QSignalSpy fetched(&fetcher, &RemoteImageFetcher::imageFetched);
    fetcher.fetch({server.url("/slow.png")});
    QTRY_COMPARE(server.requests().size(), 1);
    fetcher.abortAll();
    QCOMPARE(fetcher.pendingCount(), 0);
    QTest::qWait(100);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(fetched.size(), 0);
}

QTEST_GUILESS_MAIN(TestRemoteImageFetcher)
#include "tst_remoteimagefetcher.moc"
