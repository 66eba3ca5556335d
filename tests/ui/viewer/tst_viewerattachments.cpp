#include "sampleviewermessage.h"
#include "viewer/attachmentlistwidget.h"
#include "viewer/messagepresenter.h"
#include "viewer/messageviewer.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

// Attachments in the message viewer: bytes asked for on demand, progress, open, save, save all
// and the temporary copies a drag carries.
class TestViewerAttachments : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void attachmentsOnDemand();
    void saveAndSaveAll();
    void dragCarriesTemporaryCopies();
    void imageAttachmentsArePreviewed();
    void largeAttachmentOpensThroughAHardLink();
};

void TestViewerAttachments::attachmentsOnDemand()
{
    MessageViewer viewer;
    QList<QUrl> opened;
    viewer.setUrlOpener([&opened](const QUrl &url) {
        opened << url;
        return true;
    });
    ViewerMessage m = htmlMessage(u"x"_s);
    m.attachments = {{u"2"_s, u"report.pdf"_s, 1536, u"application/pdf"_s},
                     {u"3"_s, u"../../evil.sh"_s, 10, u"application/x-shellscript"_s}};
    QSignalSpy requested(&viewer, &MessageViewer::attachmentRequested);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.setMessage(m);

    AttachmentListWidget *list = viewer.attachmentList();
    QVERIFY(list->isVisible());
    QCOMPARE(list->count(), 2);
    QVERIFY(list->item(0)->text().startsWith(u"report.pdf ("_s));
    QVERIFY(list->item(0)->text().contains(AttachmentListWidget::sizeText(1536)));
    QVERIFY(!list->item(0)->icon().isNull());
    QVERIFY(requested.isEmpty()); // nothing is fetched before it is asked for

    viewer.openAttachment(u"2"_s);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().at(0).toString(), u"2"_s);
    QCOMPARE(requested.first().at(1).value<MessageViewer::AttachmentAction>(),
             MessageViewer::AttachmentAction::Open);
    viewer.openAttachment(u"2"_s); // asked once, opened twice when the bytes arrive
    QCOMPARE(requested.count(), 1);

    viewer.setAttachmentProgress(u"2"_s, 512, 1536);
    QVERIFY(list->item(0)->text().contains(u"33%"_s));
    QVERIFY(opened.isEmpty());

    const QByteArray bytes("%PDF-1.4 not really");
    viewer.setAttachmentData(u"2"_s, bytes);
    QCOMPARE(opened.size(), 2);
    QVERIFY(opened.first().isLocalFile());
    QFile file(opened.first().toLocalFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), bytes);
    QCOMPARE(QFileInfo(file).fileName(), u"report.pdf"_s);
    QVERIFY(!list->item(0)->text().contains(u"%"_s));

    // Opening again uses the copy: no new request.
    viewer.openAttachment(u"2"_s);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(opened.size(), 3);

    // A name with a path cannot leave the temporary folder.
    viewer.openAttachment(u"3"_s);
    viewer.setAttachmentData(u"3"_s, "#!/bin/sh\n");
    QCOMPARE(QFileInfo(opened.last().toLocalFile()).fileName(), u"evil.sh"_s);
    const auto tempRoot = [](const QString &path) {
        return QFileInfo(QFileInfo(path).absolutePath()).absolutePath();
    };
    QCOMPARE(tempRoot(opened.last().toLocalFile()), tempRoot(file.fileName()));
    QVERIFY(!opened.last().toLocalFile().contains(u".."_s));

    // Failure is shown on the item.
    viewer.setMessage(m);
    viewer.openAttachment(u"3"_s);
    QSignalSpy failed(&viewer, &MessageViewer::attachmentFailed);
    viewer.setAttachmentFailed(u"3"_s, u"connection lost"_s);
    QCOMPARE(failed.count(), 1);
    QVERIFY(list->item(1)->text().contains(u"connection lost"_s));
}

void TestViewerAttachments::saveAndSaveAll()
{
    QTemporaryDir target;
    MessageViewer viewer;
    viewer.setSavePathChooser(
            [&target](const QString &name) { return target.filePath(u"chosen-"_s + name); });
    viewer.setDirectoryChooser([&target] { return target.filePath(u"all"_s); });
    QDir(target.path()).mkdir(u"all"_s);
    ViewerMessage m = htmlMessage(u"x"_s);
    m.attachments = {{u"1.2"_s, u"a.txt"_s, 3, u"text/plain"_s},
                     {u"1.3"_s, u"a.txt"_s, 3, u"text/plain"_s},
                     {u"1.4"_s, QString(), 2, u"application/octet-stream"_s}};
    viewer.setMessage(m);
    QSignalSpy requested(&viewer, &MessageViewer::attachmentRequested);
    QSignalSpy saved(&viewer, &MessageViewer::attachmentSaved);

    viewer.saveAttachment(u"1.2"_s);
    QCOMPARE(requested.count(), 1);
    viewer.setAttachmentData(u"1.2"_s, "one");
    QCOMPARE(saved.count(), 1);
    QCOMPARE(saved.first().at(1).toString(), target.filePath(u"chosen-a.txt"_s));
    QFile one(target.filePath(u"chosen-a.txt"_s));
    QVERIFY(one.open(QIODevice::ReadOnly));
    QCOMPARE(one.readAll(), QByteArray("one"));

    viewer.saveAllAttachments();
    // 1.2 is already here; the other two are asked for.
    QCOMPARE(requested.count(), 3);
    QCOMPARE(saved.count(), 2);
    viewer.setAttachmentData(u"1.3"_s, "two");
    viewer.setAttachmentData(u"1.4"_s, "3!");
    QCOMPARE(saved.count(), 4);
    const QDir all(target.filePath(u"all"_s));
    QCOMPARE(all.entryList(QDir::Files, QDir::Name),
             QStringList({u"a (2).txt"_s, u"a.txt"_s, u"attachment"_s}));
}

void TestViewerAttachments::dragCarriesTemporaryCopies()
{
    MessageViewer viewer;
    ViewerMessage m = htmlMessage(u"x"_s);
    m.attachments = {{u"5"_s, u"photo.jpg"_s, 4, u"image/jpeg"_s}};
    viewer.setMessage(m);
    AttachmentListWidget *list = viewer.attachmentList();
    QSignalSpy requested(&viewer, &MessageViewer::attachmentRequested);

    QVERIFY(list->dragUrls({list->item(0)}).isEmpty());
    Q_EMIT list->bytesNeeded({u"5"_s});
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().at(1).value<MessageViewer::AttachmentAction>(),
             MessageViewer::AttachmentAction::Drag);

    viewer.setAttachmentData(u"5"_s, "JPEG");
    const QList<QUrl> urls = list->dragUrls({list->item(0)});
    QCOMPARE(urls.size(), 1);
    QVERIFY(urls.first().isLocalFile());
    QFile copy(urls.first().toLocalFile());
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), QByteArray("JPEG"));
}

void TestViewerAttachments::imageAttachmentsArePreviewed()
{
    QImage picture(64, 32, QImage::Format_RGB32);
    picture.fill(Qt::blue);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    picture.save(&buffer, "PNG");
    const QByteArray raw = "From: a@example.org\r\nSubject: Photos\r\nMIME-Version: 1.0\r\n"
                           "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                           "--b\r\nContent-Type: text/plain\r\n\r\nSee them.\r\n"
                           "--b\r\nContent-Type: image/png; name=blue.png\r\n"
                           "Content-Disposition: attachment; filename=blue.png\r\n"
                           "Content-Transfer-Encoding: base64\r\n\r\n"
                           + png.toBase64()
                           + "\r\n--b\r\nContent-Type: application/pdf\r\n"
                             "Content-Disposition: attachment; filename=r.pdf\r\n\r\n%PDF\r\n"
                             "--b--\r\n";
    MessageViewer viewer;
    MessagePresenter presenter(&viewer);
    QSignalSpy requested(&viewer, &MessageViewer::attachmentRequested);
    presenter.showRaw(raw);
    QVERIFY(viewer.previews().isEmpty()); // asked for once the message is up
    QTRY_COMPARE(viewer.previews().size(), 1);
    QCOMPARE(requested.size(), 1); // the image only
    QCOMPARE(requested.first().at(1).value<MessageViewer::AttachmentAction>(),
             MessageViewer::AttachmentAction::Preview);
    const QPixmap shown = viewer.previews().first()->pixmap();
    QCOMPARE(shown.size(), QSize(64, 32));
    QCOMPARE(shown.toImage().pixelColor(5, 5), QColor(Qt::blue));
    QVERIFY(!viewer.previewArea()->isHidden());

    // The next message has none.
    presenter.showRaw("From: a@example.org\r\nSubject: x\r\n\r\nText\r\n");
    QVERIFY(viewer.previews().isEmpty());
    QVERIFY(viewer.previewArea()->isHidden());
}

// A large part arrives as a file of the cache: Open gives it the attachment's name in the
// temporary folder as a hard link, no copy of its bytes (both are under the system's temporary
// folder, one file system).
void TestViewerAttachments::largeAttachmentOpensThroughAHardLink()
{
    QTemporaryDir cache;
    const QString cached = cache.filePath(u"part-12-3"_s);
    QByteArray bytes;
    while (bytes.size() < 2 * 1024 * 1024)
        bytes += "%PDF-1.4 a large report\n";
    {
        QFile file(cached);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }
    MessageViewer viewer;
    QList<QUrl> opened;
    viewer.setUrlOpener([&opened](const QUrl &url) {
        opened << url;
        return true;
    });
    ViewerMessage m = htmlMessage(u"x"_s);
    m.attachments = {{u"2"_s, u"Report.pdf"_s, bytes.size(), u"application/pdf"_s}};
    viewer.setMessage(m);
    viewer.openAttachment(u"2"_s);
    viewer.setAttachmentFile(u"2"_s, cached);
    QCOMPARE(opened.size(), 1);
    const QString local = opened.first().toLocalFile();
    QCOMPARE(QFileInfo(local).fileName(), u"Report.pdf"_s);
    struct stat original
    { };
    struct stat linked
    { };
    QCOMPARE(::stat(QFile::encodeName(cached).constData(), &original), 0);
    QCOMPARE(::stat(QFile::encodeName(local).constData(), &linked), 0);
    QCOMPARE(linked.st_ino, original.st_ino);
    QCOMPARE(int(original.st_nlink), 2);
    // The cache dropping its file leaves the opened one whole.
    QVERIFY(QFile::remove(cached));
    QFile file(local);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll() == bytes);
}

QTEST_MAIN(TestViewerAttachments)
#include "tst_viewerattachments.moc"
