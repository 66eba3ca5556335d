#include "attachmentlist.h"
#include "composerdraft.h"
#include "composersource.h"
#include "composerspelling.h"
#include "composerwindow.h"
#include "draftkeeper.h"
#include "htmlcomposereditor.h"
#include "messageboxanswer.h"
#include "mime/messagebuilder.h"
#include "mime/mimepart.h"
#include "mime/outgoingmessage.h"
#include "originalmessage.h"
#include "recipientfield.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

Account account()
{
    Account a;
    a.setId(u"account-1"_s);
    a.setDisplayName(u"Ann Example"_s);
    a.setAddress(u"ann@example.org"_s);
    a.setIdentities({Identity {u"Ann Example"_s, u"ann@example.org"_s, {}},
                     Identity {u"Ann at Work"_s, u"ann@work.example"_s, {}}});
    return a;
}

QByteArray pngBytes(QColor colour)
{
    QImage image(8, 6, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

class TestComposerDrafts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<OutgoingMessage>(); }

    void draftRoundTripsThroughJson()
    {
        ComposerDraft d;
        d.accountId = u"a1"_s;
        d.from = u"Ann <ann@example.org>"_s;
        d.to = u"bob@example.org"_s;
        d.subject = u"Plans ✓"_s;
        d.body = u"<p>Hi</p>"_s;
        d.richText = true;
        d.attachments = {u"/tmp/a.pdf"_s};
        d.inReplyTo = "<m1@example.org>";
        d.references = {"<m0@example.org>", "<m1@example.org>"};
        d.spellingLanguage = u"de_DE"_s;
        QCOMPARE(ComposerDraft::fromJson(d.toJson()), d);
    }

    void spellingLanguageTravelsWithTheDraft_data()
    {
        QTest::addColumn<QString>("chosen"); // empty: the sender's language is left alone
        QTest::addColumn<QString>("reopened");
        QTest::addColumn<QByteArray>("header");
        QTest::addRow("German chosen") << u"de_DE"_s << u"de_DE"_s << QByteArray("de-DE");
        QTest::addRow("the sender's English") << QString() << u"en_US"_s << QByteArray("en-US");
    }

    void spellingLanguageTravelsWithTheDraft()
    {
        // The language chosen for a message goes with the draft: on the server as
        // Content-Language (RFC 3282, sent too), locally in the draft file; reopened, the
        // composer checks in it, whatever the sender's language.
        QFETCH(QString, chosen);
        QFETCH(QString, reopened);
        QFETCH(QByteArray, header);
        Account a = account();
        QList<Identity> identities = a.identities();
        for (Identity &identity : identities)
            identity.language = u"en_US"_s;
        a.setIdentities(identities);

        ComposerWindow first;
        first.setAccounts({a});
        QCOMPARE(first.spelling()->language(), u"en_US"_s);
        if (!chosen.isEmpty())
            first.spelling()->chooseLanguage(chosen);
        first.toField()->setText(u"Bob <bob@example.org>"_s);
        first.subjectField()->setText(u"Pläne"_s);
        first.bodyEditor()->setPlainText(u"Bis morgen"_s);
        QCOMPARE(first.draft().spellingLanguage, reopened);

        // As filed in Drafts, and opened from there.
        MessageBuilder builder(first.message());
        builder.setWriteBcc(true);
        MailError error;
        const QByteArray bytes = builder.build(&error);
        QVERIFY2(!error, qPrintable(error.toString()));
        const MimePart filed = MimePart::parse(bytes);
        QCOMPARE(filed.header("Content-Language").trimmed(), header);
        const ComposerDraft fromServer = ComposerSource::draft(filed, a.id());
        QCOMPARE(fromServer.spellingLanguage, reopened);
        ComposerWindow second;
        second.setAccounts({a});
        second.openDraft(fromServer);
        QCOMPARE(second.spelling()->language(), reopened);
        QCOMPARE(second.spelling()->languageBox()->currentData().toString(), reopened);
        // Chosen for this message: another sender does not change it.
        second.fromCombo()->setCurrentIndex(1);
        QCOMPARE(second.spelling()->language(), reopened);

        // Kept on this computer and restored.
        ComposerWindow third;
        third.setAccounts({a});
        third.restoreDraft(ComposerDraft::fromJson(first.draft().toJson()));
        QCOMPARE(third.spelling()->language(), reopened);

        // A draft naming no language (or one without a dictionary) keeps the sender's.
        ComposerDraft unnamed = fromServer;
        for (const QString &language : {QString(), u"tlh"_s}) {
            unnamed.spellingLanguage = language;
            ComposerWindow fourth;
            fourth.setAccounts({a});
            fourth.openDraft(unnamed);
            QCOMPARE(fourth.spelling()->language(), u"en_US"_s);
            QVERIFY(!fourth.spelling()->isChosenByUser());
        }
    }

    void htmlDraftFromTheServerReopensAsHtml()
    {
        // Written in HTML with a picture and a file, filed in Drafts, opened from there: the
        // composer is in HTML mode with the formatting, the picture and the file.
        Account a = account();
        a.setComposesHtml(true);
        ComposerWindow first;
        first.setAccounts({a});
        QVERIFY(first.isRichText());
        first.toField()->setText(u"Bob <bob@example.org>"_s);
        first.subjectField()->setText(u"Plan"_s);
        first.bodyEditor()->setHtml(u"<p>The <b>new</b> plan</p><ul><li>one</li></ul>"_s);
        first.bodyEditor()->moveCursor(QTextCursor::End);
        const QByteArray png = pngBytes(Qt::green);
        QVERIFY(!first.htmlEditor()->insertImage(png, u"g.png"_s).isEmpty());
        first.attachmentList()->addData(
                OutgoingAttachment {{}, u"notes.txt"_s, "text/plain", {}, false, "some notes\n"});
        MessageBuilder builder(first.message());
        builder.setWriteBcc(true);
        MailError error;
        const QByteArray bytes = builder.build(&error);
        QVERIFY2(!error, qPrintable(error.toString()));

        const ComposerDraft fromServer = ComposerSource::draft(MimePart::parse(bytes), a.id());
        QVERIFY(fromServer.richText);
        QCOMPARE(fromServer.inlineImages.size(), 1);
        QCOMPARE(fromServer.inlineImages.at(0).data, png);
        QCOMPARE(fromServer.dataAttachments.size(), 1);
        QCOMPARE(fromServer.dataAttachments.at(0).fileName, u"notes.txt"_s);

        ComposerWindow second;
        second.setAccounts({a});
        second.openDraft(fromServer);
        QVERIFY(second.isRichText());
        const OutgoingMessage again = second.message();
        QVERIFY2(again.htmlBody.contains(u"<b>new</b>"_s), qPrintable(again.htmlBody));
        QVERIFY2(again.htmlBody.contains(u"<li>"_s), qPrintable(again.htmlBody));
        QVERIFY(again.plainBody.contains(u"The new plan"_s));
        qsizetype pictures = 0;
        qsizetype files = 0;
        for (const OutgoingAttachment &part : again.attachments) {
            if (part.isInline) {
                ++pictures;
                QCOMPARE(part.data, png);
                QVERIFY(again.htmlBody.contains(u"cid:"_s + QString::fromLatin1(part.contentId)));
            } else {
                ++files;
                QCOMPARE(part.data, QByteArray("some notes\n"));
            }
        }
        QCOMPARE(pictures, 1);
        QCOMPARE(files, 1);
    }

    void htmlDraftOfAnotherProgramIsCleaned()
    {
        // A draft is any message in Drafts: its HTML is cleaned as pasted HTML is, so that
        // nothing in it runs or reaches out, and a plain draft stays plain.
        const QByteArray html = "From: Ann <ann@example.org>\r\nSubject: x\r\n"
                                "Content-Type: text/html; charset=utf-8\r\n\r\n"
                                "<p>Hi <i>there</i></p><script>alert(1)</script>"
                                "<img src=\"file:///etc/passwd\"><img src=\"https://t.example/p\">"
                                "<p style=\"background:url(https://t.example/b)\">end</p>\r\n";
        const ComposerDraft draft = ComposerSource::draft(MimePart::parse(html), u"a"_s);
        QVERIFY(draft.richText);
        QVERIFY2(draft.body.contains(u"<i>there</i>"_s), qPrintable(draft.body));
        for (const QString &gone : {u"script"_s, u"alert"_s, u"file:"_s, u"t.example"_s})
            QVERIFY2(!draft.body.contains(gone), qPrintable(draft.body));
        QVERIFY(draft.inlineImages.isEmpty());

        const QByteArray plain
                = "From: Ann <ann@example.org>\r\nSubject: x\r\n"
                  "Content-Type: text/plain; charset=utf-8\r\n\r\n<b>as typed</b>\r\n";
        const ComposerDraft plainDraft = ComposerSource::draft(MimePart::parse(plain), u"a"_s);
        QVERIFY(!plainDraft.richText);
        QCOMPARE(plainDraft.body.trimmed(), u"<b>as typed</b>"_s);
    }

    void composerRestoresEveryField()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"notes.txt"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("notes");
        f.close();

        ComposerWindow first;
        first.setAccounts({account()});
        first.fromCombo()->setCurrentIndex(1);
        first.toField()->setText(u"Bob <bob@example.org>"_s);
        first.ccField()->setText(u"carol@example.org"_s);
        first.subjectField()->setText(u"Draft subject"_s);
        first.bodyEditor()->setPlainText(u"Half a thought"_s);
        QVERIFY(first.addAttachment(file));
        OriginalMessage original;
        original.from = {u"Bob"_s, u"bob@example.org"_s};
        original.messageId = "<m9@example.org>";
        first.startReply(original, false);
        first.bodyEditor()->setPlainText(u"Half a thought"_s);
        const ComposerDraft draft = first.draft();
        QCOMPARE(draft.from, u"Ann at Work <ann@work.example>"_s);
        QCOMPARE(draft.inReplyTo, QByteArray("<m9@example.org>"));

        ComposerWindow second;
        second.setAccounts({account()});
        second.restoreDraft(draft);
        QCOMPARE(second.draft(), draft);
        QCOMPARE(second.message().inReplyTo, QByteArray("<m9@example.org>"));
        QCOMPARE(second.message().from.address, u"ann@work.example"_s);
        QCOMPARE(second.attachmentList()->filePaths(), QStringList {file});
    }

    void keeperSavesAfterChangesAndRemovesWhenSent()
    {
        QTemporaryDir dir;
        DraftKeeper keeper(dir.filePath(u"drafts"_s));
        keeper.setInterval(20);
        auto *composer = new ComposerWindow;
        composer->setAttribute(Qt::WA_DeleteOnClose);
        composer->setAccounts({account()});
        const QString id = keeper.watch(composer);
        composer->show();
        QVERIFY(QTest::qWaitForWindowExposed(composer));
        QVERIFY(!composer->isModified());
        QVERIFY(keeper.draftIds().isEmpty());

        QTest::keyClicks(composer->subjectField(), u"Quarterly"_s);
        QVERIFY(composer->isModified());
        QTRY_COMPARE(keeper.draftIds(), QStringList {id});
        QTRY_COMPARE(keeper.load(id).value_or(ComposerDraft()).subject, u"Quarterly"_s);
        composer->bodyEditor()->setPlainText(u"numbers"_s);
        QTRY_COMPARE(keeper.load(id).value_or(ComposerDraft()).body, u"numbers"_s);

        QSignalSpy upload(&keeper, &DraftKeeper::uploadRequested);
        composer->closeAfterSending();
        QVERIFY(keeper.draftIds().isEmpty());
        QVERIFY(!QFile::exists(keeper.filePath(id)));
        QCOMPARE(upload.size(), 0);
    }

    void closingAsksForAnUploadAndKeepsTheFileUntilItSucceeded()
    {
        QTemporaryDir dir;
        DraftKeeper keeper(dir.filePath(u"drafts"_s));
        keeper.setInterval(60 * 1000); // only the close saves
        auto *composer = new ComposerWindow;
        composer->setAttribute(Qt::WA_DeleteOnClose);
        composer->setAccounts({account()});
        const QString id = keeper.watch(composer);
        composer->show();
        QVERIFY(QTest::qWaitForWindowExposed(composer));
        composer->toField()->setText(u"bob@example.org"_s);
        composer->subjectField()->setText(u"Unfinished"_s);

        QSignalSpy upload(&keeper, &DraftKeeper::uploadRequested);
        QVERIFY(composer->close());
        QCOMPARE(upload.size(), 1);
        QCOMPARE(upload.at(0).at(0).toString(), id);
        QCOMPARE(upload.at(0).at(1).toString(), account().id());
        const auto message = upload.at(0).at(2).value<OutgoingMessage>();
        QCOMPARE(message.subject, u"Unfinished"_s);
        QCOMPARE(message.to.value(0).address, u"bob@example.org"_s);
        // Kept on disk until the server has it.
        QCOMPARE(keeper.draftIds(), QStringList {id});
        QCOMPARE(keeper.load(id).value_or(ComposerDraft()).subject, u"Unfinished"_s);
        keeper.remove(id);
        QVERIFY(keeper.draftIds().isEmpty());
    }

    void closingAnUntouchedComposerKeepsNothing()
    {
        QTemporaryDir dir;
        DraftKeeper keeper(dir.filePath(u"drafts"_s));
        keeper.setInterval(10);
        auto *composer = new ComposerWindow;
        composer->setAttribute(Qt::WA_DeleteOnClose);
        composer->setAccounts({account()});
        composer->subjectField()->setText(u"From a mailto: link"_s); // before it is shown
        keeper.watch(composer);
        composer->show();
        QVERIFY(QTest::qWaitForWindowExposed(composer));
        QSignalSpy upload(&keeper, &DraftKeeper::uploadRequested);
        QVERIFY(composer->close());
        QCOMPARE(upload.size(), 0);
        QVERIFY(keeper.draftIds().isEmpty());
    }

    void discardingAsks()
    {
        QTemporaryDir dir;
        DraftKeeper keeper(dir.filePath(u"drafts"_s));
        keeper.setInterval(10);
        auto *composer = new ComposerWindow;
        composer->setAttribute(Qt::WA_DeleteOnClose);
        composer->setAccounts({account()});
        const QString id = keeper.watch(composer);
        composer->show();
        QVERIFY(QTest::qWaitForWindowExposed(composer));
        composer->bodyEditor()->setPlainText(u"second thoughts"_s);
        QTRY_COMPARE(keeper.draftIds(), QStringList {id});
        QSignalSpy upload(&keeper, &DraftKeeper::uploadRequested);
        QSignalSpy discarded(composer, &ComposerWindow::discarded);

        bool asked = false;
        answerNextQuestion(QMessageBox::Cancel, &asked);
        composer->discardAction()->trigger();
        QVERIFY(asked);
        QVERIFY(composer->isVisible());
        QCOMPARE(discarded.size(), 0);
        QCOMPARE(keeper.draftIds(), QStringList {id});

        QPointer<ComposerWindow> guard(composer);
        asked = false;
        answerNextQuestion(QMessageBox::Discard, &asked);
        composer->discardAction()->trigger();
        QVERIFY(asked);
        QCOMPARE(discarded.size(), 1);
        QVERIFY(keeper.draftIds().isEmpty());
        QCOMPARE(upload.size(), 0);
        QTRY_VERIFY(!guard);
    }

    void restoredDraftIsKeptWhenClosedUnchanged()
    {
        QTemporaryDir dir;
        DraftKeeper keeper(dir.filePath(u"drafts"_s));
        ComposerDraft draft;
        draft.accountId = account().id();
        draft.subject = u"From yesterday"_s;
        QVERIFY(keeper.save(u"old"_s, draft));
        QCOMPARE(keeper.draftIds(), QStringList {u"old"_s});

        auto *composer = new ComposerWindow;
        composer->setAttribute(Qt::WA_DeleteOnClose);
        composer->setAccounts({account()});
        composer->restoreDraft(*keeper.load(u"old"_s));
        QCOMPARE(keeper.watch(composer, u"old"_s), u"old"_s);
        composer->show();
        QVERIFY(QTest::qWaitForWindowExposed(composer));
        QSignalSpy upload(&keeper, &DraftKeeper::uploadRequested);
        QVERIFY(composer->close());
        QCOMPARE(upload.size(), 1);
        QCOMPARE(upload.at(0).at(0).toString(), u"old"_s);
        QCOMPARE(keeper.draftIds(), QStringList {u"old"_s});
    }
};

QTEST_MAIN(TestComposerDrafts)
#include "tst_composerdrafts.moc"
