// A message opened from its bytes (a file, an attached message): shown whole, its attachments
// cut from those bytes when the viewer asks for them, no account involved.
#include "messagedisplay.h"
#include "viewer/messageviewer.h"
#include "viewer/safetextbrowser.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray message = "From: Alice <alice@example.test>\r\nSubject: Report\r\n"
                           "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                           "--b\r\nContent-Type: text/plain\r\n\r\nSee the file.\r\n"
                           "--b\r\nContent-Type: application/pdf\r\n"
                           "Content-Disposition: attachment; filename=\"r.pdf\"\r\n"
                           "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";

} // namespace

class TestMessageDisplay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rawMessageShowsAndServesItsAttachments();
};

void TestMessageDisplay::rawMessageShowsAndServesItsAttachments()
{
    MessageViewer viewer;
    MessageDisplay display(&viewer);
    QSignalSpy shown(&display, &MessageDisplay::shown);
    display.showRaw(message);
    QCOMPARE(shown.size(), 1);
    QVERIFY(display.hasMessage());
    QCOMPARE(display.message().decodedHeader("Subject"), QStringLiteral("Report"));
    QCOMPARE(viewer.message().subject, QStringLiteral("Report"));
    QVERIFY(viewer.browser()->toPlainText().contains(QStringLiteral("See the file.")));
    QCOMPARE(viewer.message().attachments.size(), 1);

    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("r.pdf"));
    viewer.setSavePathChooser([target](const QString &) { return target; });
    QSignalSpy saved(&viewer, &MessageViewer::attachmentSaved);
    viewer.saveAttachment(viewer.message().attachments.first().partId);
    QTRY_COMPARE(saved.size(), 1);
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("%PDF-1.4\n"));
}

QTEST_MAIN(TestMessageDisplay)
#include "tst_messagedisplay.moc"
