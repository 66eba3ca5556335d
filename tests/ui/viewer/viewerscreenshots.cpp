// Renders sample messages in the viewer and saves them as PNG files for a person to look at:
//   xvfb-run -a viewer_screenshots <output folder>
#include "viewer/messageviewer.h"
#include "viewer/safetextbrowser.h"

#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray logoPng()
{
    QImage image(120, 40, QImage::Format_ARGB32);
    image.fill(QColor(0x20, 0x4a, 0x87));
    QPainter p(&image);
    p.setPen(Qt::white);
    p.drawText(image.rect(), Qt::AlignCenter, u"HERON"_s);
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

ViewerMessage htmlSample()
{
    ViewerMessage m;
    m.from = {u"Heron Newsletter"_s, u"news@shop.example"_s};
    for (int i = 0; i < 7; ++i)
        m.to.append({u"Reader %1"_s.arg(i + 1), u"reader%1@example.org"_s.arg(i + 1)});
    m.cc = {{u"Archive"_s, u"archive@example.org"_s}};
    m.date = QDateTime(QDate(2026, 11, 24), QTime(9, 30), Qt::UTC);
    m.subject = u"November offers: fresh arrivals & a tracking pixel you will not see"_s;
    m.html = uR"html(<html><head><style>@import url(http://evil.example/x.css);
h1 { color: #204a87; } .note { background: url(http://evil.example/bg.png); color: #555; }</style>
<script>document.write('tracked')</script></head>
<body onload="alert(1)">
<p><img src="cid:logo@shop.example" alt="Heron logo"></p>
<h1>Fresh arrivals</h1>
<p>Dear reader, our <b>autumn collection</b> is here. <a href="https://shop.example/autumn">See
the collection</a> or <a href="javascript:alert(1)">this harmless-looking link</a>.</p>
<table border="1" cellpadding="6" cellspacing="0"><tr><th>Item</th><th>Price</th></tr>
<tr><td>Wool scarf</td><td>19 &euro;</td></tr><tr><td>Rain jacket</td><td>89 &euro;</td></tr></table>
<p class="note">Product photo: <img src="https://img.shop.example/jacket.jpg" alt="Rain jacket photo"></p>
<img src="http://track.example/open.gif?id=123" width="1" height="1">
<iframe src="http://evil.example/frame"></iframe>
<form action="http://evil.example/login"><input type="password" name="pw"></form>
</body></html>)html"_s;
    m.inlineImages.insert(u"logo@shop.example"_s, {logoPng(), u"image/png"_s});
    m.attachments = {{u"2"_s, u"price-list.pdf"_s, 183500, u"application/pdf"_s},
                     {u"3"_s, u"photo.jpg"_s, 2400000, u"image/jpeg"_s},
                     {u"4"_s, u"notes.txt"_s, 812, u"text/plain"_s}};
    return m;
}

ViewerMessage plainSample()
{
    ViewerMessage m;
    m.from = {u"Bob"_s, u"bob@example.org"_s};
    m.to = {{u"Alice"_s, u"alice@example.org"_s}};
    m.date = QDateTime(QDate(2026, 11, 23), QTime(18, 5), Qt::UTC);
    m.subject = u"Re: Re: Trip planning"_s;
    m.isFlowed = true;
    m.plainText = u"Hi Alice,\n\nsounds good to me. The timetable is at "
                  u"\nhttps://rail.example/timetable, "
                  "write to tickets@rail.example if \nsomething is unclear.\n\n"
                  "On Monday, Alice wrote:\n> Shall we take the early train? It leaves at 7:12 \n"
                  "> and arrives before noon.\n>\n>> On Sunday, Bob wrote:\n>> Which train do we \n"
                  ">> take on Friday?\n\nSee you,\nBob\n-- \nBob Example\nhttps://bob.example\n"_s;
    return m;
}

void shoot(const ViewerMessage &message, const QString &path)
{
    MessageViewer viewer;
    viewer.resize(800, 720);
    viewer.setMessage(message);
    viewer.show();
    if (!QTest::qWaitForWindowExposed(&viewer))
        qWarning("the window was not exposed");
    QTest::qWait(200);
    viewer.grab().save(path);
    qInfo("%s: %d resource requests, %d served, %d network, %d remote references blocked",
          qPrintable(path), viewer.browser()->requestCount(), viewer.browser()->servedCount(),
          viewer.browser()->networkRequestCount(), viewer.sanitizeResult().blockedCount);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::currentPath();
    QDir().mkpath(dir);
    shoot(htmlSample(), dir + u"/viewer-html.png"_s);
    shoot(plainSample(), dir + u"/viewer-plain.png"_s);
    return 0;
}
