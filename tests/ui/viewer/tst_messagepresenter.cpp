// A message opened from its bytes (a file, an attached message): shown whole, its attachments
// cut from those bytes when the viewer asks for them, no account involved. A message of an
// account: shown when its parts come, and never once another one (or none) was asked for.
#include "accounts/memorysecretstore.h"
#include "service/accountservice.h"
#include "store/messagestore.h"
#include "viewer/messagepresenter.h"
#include "viewer/messageviewer.h"
#include "viewer/safetextbrowser.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

namespace {

const QByteArray message = "From: Alice <alice@example.test>\r\nSubject: Report\r\n"
                           "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                           "--b\r\nContent-Type: text/plain\r\n\r\nSee the file.\r\n"
                           "--b\r\nContent-Type: application/pdf\r\n"
                           "Content-Disposition: attachment; filename=\"r.pdf\"\r\n"
                           "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";

} // namespace

class TestMessagePresenter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rawMessageShowsAndServesItsAttachments();
    void lateAnswersDoNotRepaintTheViewer();
};

void TestMessagePresenter::rawMessageShowsAndServesItsAttachments()
{
    MessageViewer viewer;
    MessagePresenter display(&viewer);
    QSignalSpy shown(&display, &MessagePresenter::shown);
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

void TestMessagePresenter::lateAnswersDoNotRepaintTheViewer()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    Account account;
    account.setDisplayName(QStringLiteral("Ann"));
    account.setAddress(QStringLiteral("ann@example.org"));
    AccountService service(account, &secrets);
    QVERIFY(!service.openCache(dir.filePath(QStringLiteral("cache.sqlite"))));
    FolderRecord inbox;
    inbox.path = QStringLiteral("INBOX");
    const qint64 folder = service.store()->upsertFolder(inbox).value();
    service.openFolder(folder);
    const MimePart parts = MimePart::parse(message);
    // Whatever is still on its way once the test asks for nothing more has been delivered.
    auto deliverPending = [] {
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::sendPostedEvents();
    };

    MessageViewer viewer;
    MessagePresenter display(&viewer);
    QSignalSpy shown(&display, &MessagePresenter::shown);
    display.show(&service, folder, 7);
    Q_EMIT service.messagePartsFetched(folder, 7, parts);
    QTRY_COMPARE(shown.size(), 1);
    QVERIFY(display.hasMessage());
    QCOMPARE(viewer.message().subject, QStringLiteral("Report"));

    // Another message asked for: until it comes, the one on display is not the message.
    display.show(&service, folder, 8);
    QVERIFY(!display.hasMessage());
    Q_EMIT service.messagePartsFetched(folder, 7, parts); // an answer for 7, late
    deliverPending();
    QCOMPARE(shown.size(), 1);

    // The answer came, but the pane was cleared before it was laid out: it stays empty.
    Q_EMIT service.messagePartsFetched(folder, 8, parts);
    display.clear();
    QVERIFY(viewer.isEmpty());
    QVERIFY(!display.hasMessage());
    deliverPending();
    QVERIFY(viewer.isEmpty());
    QCOMPARE(shown.size(), 1);
    // And answers for the message asked for last are no longer taken.
    Q_EMIT service.messagePartsFetched(folder, 8, parts);
    deliverPending();
    QVERIFY(viewer.isEmpty());
    QVERIFY(!display.hasMessage());
    QCOMPARE(shown.size(), 1);
}

QTEST_MAIN(TestMessagePresenter)
#include "tst_messagepresenter.moc"
