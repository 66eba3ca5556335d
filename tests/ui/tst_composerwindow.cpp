#include "addresslineedit.h"
#include "attachmentlist.h"
#include "composerdraft.h"
#include "composerequest.h"
#include "composerwindow.h"
#include "messageboxanswer.h"
#include "messagequoter.h"
#include "mime/messagebuilder.h"
#include "mime/mimepart.h"
#include "models/addresscompletionmodel.h"
#include "originalmessage.h"
#include "outbox/outboxstore.h"
#include "people/addressbook.h"
#include "recipientchip.h"
#include "recipientfield.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QStringListModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTimeZone>
#include <QToolButton>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

// The quote header is written in the reader's zone: the tests read as someone in Berlin.
const bool readerInBerlin = qputenv("TZ", "Europe/Berlin");

// Clicks the button with the given role in the next modal message box, ticking its check box
// first when tick is set.
void answerNextBox(QMessageBox::ButtonRole role, bool tick, bool *asked)
{
    QTimer::singleShot(0, [role, tick, asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        *asked = true;
        if (tick && box->checkBox())
            box->checkBox()->setChecked(true);
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == role) {
                button->click();
                return;
            }
        }
    });
}

Account account()
{
    Account a;
    a.setDisplayName(u"Ann Example"_s);
    a.setAddress(u"ann@example.org"_s);
    a.setIdentities({Identity {u"Ann Example"_s, u"ann@example.org"_s, {}},
                     Identity {u"Ann at Work"_s, u"ann@work.example"_s, {}}});
    return a;
}

OriginalMessage original()
{
    OriginalMessage o;
    o.from = {u"Bob Sender"_s, u"bob@example.org"_s};
    o.to = {{u"Ann Example"_s, u"ann@example.org"_s}, {u"Carol"_s, u"carol@example.org"_s}};
    o.cc = {{{}, u"dave@example.org"_s}, {{}, u"BOB@example.org"_s}};
    o.subject = u"Re: Lunch"_s;
    o.date = QDateTime(QDate(2026, 3, 14), QTime(12, 30));
    o.plainBody = u"Shall we meet?\n\n> earlier words\nBob\n"_s;
    o.messageId = "<m2@example.org>";
    o.references = {"<m1@example.org>"};
    return o;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, qsizetype size)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QByteArray(size, 'x'));
    return path;
}

} // namespace

class TestComposerWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typedFieldsMakeTheMessage()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, u"report.pdf"_s, 2048);
        ComposerWindow composer;
        const Account sender = account();
        composer.setAccounts({sender});
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        QCOMPARE(composer.fromCombo()->count(), 2);
        composer.fromCombo()->setCurrentIndex(1);

        QTest::keyClicks(composer.toField(), u"\"Doe, John\" <john@example.org>, x@y.example"_s);
        QTest::keyClicks(composer.ccField(), u"Carol <carol@example.org>"_s);
        QTest::keyClicks(composer.bccField(), u"hidden@example.org"_s);
        QTest::keyClicks(composer.subjectField(), u"Quarterly report"_s);
        QTest::keyClicks(composer.bodyEditor(), u"Hello,"_s);
        QTest::keyClick(composer.bodyEditor(), Qt::Key_Return);
        QTest::keyClicks(composer.bodyEditor(), u"see attached."_s);
        QVERIFY(composer.addAttachment(file));
        QVERIFY(composer.windowTitle().contains(u"Quarterly report"_s));

        const OutgoingMessage m = composer.message();
        QCOMPARE(m.from, (MailAddress {u"Ann at Work"_s, u"ann@work.example"_s}));
        QCOMPARE(m.to.size(), 2);
        QCOMPARE(m.to.at(0), (MailAddress {u"Doe, John"_s, u"john@example.org"_s}));
        QCOMPARE(m.to.at(1).address, u"x@y.example"_s);
        QCOMPARE(m.cc, (QList<MailAddress> {{u"Carol"_s, u"carol@example.org"_s}}));
        QCOMPARE(m.bcc.size(), 1);
        QCOMPARE(m.subject, u"Quarterly report"_s);
        QCOMPARE(m.plainBody, u"Hello,\nsee attached."_s);
        QVERIFY(m.htmlBody.isEmpty());
        QCOMPARE(m.attachments.size(), 1);
        QCOMPARE(m.attachments.at(0).fileName, u"report.pdf"_s);
        QCOMPARE(m.attachments.at(0).filePath, QFileInfo(file).absoluteFilePath());
        QCOMPARE(composer.selectedAccountId(), sender.id());

        QSignalSpy sent(&composer, &ComposerWindow::sendRequested);
        composer.sendAction()->trigger();
        QCOMPARE(sent.size(), 1);
        const auto emitted = sent.at(0).at(0).value<OutgoingMessage>();
        QCOMPARE(emitted.subject, m.subject);
        QCOMPARE(emitted.recipientAddresses().size(), 4);
        QVERIFY(!composer.errorLabel()->isVisible());
    }

    void richTextGivesHtml()
    {
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.setRichText(true);
        composer.bodyEditor()->setHtml(u"<p>Hello <b>bold</b></p>"_s);
        const OutgoingMessage m = composer.message();
        QCOMPARE(m.plainBody, u"Hello bold"_s);
        QVERIFY(m.htmlBody.contains(u"bold"_s));
        QVERIFY(m.htmlBody.contains(u"<b>bold</b>"_s));
    }

    void attachmentsShowSizesAndRefuseMissingFiles()
    {
        QTemporaryDir dir;
        ComposerWindow composer;
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        AttachmentList *list = composer.attachmentList();
        QVERIFY(!list->isVisible());
        QVERIFY(composer.addAttachment(writeFile(dir, u"a.txt"_s, 1500)));
        QVERIFY(list->isVisible());
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(0), u"a.txt"_s);
        QCOMPARE(list->topLevelItem(0)->text(1),
                 QLocale().formattedDataSize(1500, 1, QLocale::DataSizeTraditionalFormat));
        QVERIFY(composer.addAttachment(dir.filePath(u"a.txt"_s))); // same file: kept once
        QCOMPARE(list->topLevelItemCount(), 1);
        QVERIFY(!composer.addAttachment(dir.filePath(u"missing.txt"_s)));
        QVERIFY(!composer.addAttachment(dir.path())); // a directory
        QCOMPARE(list->topLevelItemCount(), 1);
        QVERIFY(composer.errorLabel()->isVisible());
        list->topLevelItem(0)->setSelected(true);
        list->removeSelected();
        QCOMPARE(list->topLevelItemCount(), 0);
    }

    void dropFilesToAttach()
    {
        QTemporaryDir dir;
        const QString a = writeFile(dir, u"one.bin"_s, 10);
        const QString b = writeFile(dir, u"two.bin"_s, 20);
        ComposerWindow composer;
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        QMimeData data;
        data.setUrls(
                {QUrl::fromLocalFile(a), QUrl::fromLocalFile(b), QUrl(u"https://example.org/x"_s)});
        const QPoint pos = composer.rect().center();
        QDragEnterEvent enter(pos, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&composer, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(pos), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&composer, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(composer.attachmentList()->filePaths().size(), 2);

        // The list itself takes drops too, and refuses drags without files.
        QMimeData text;
        text.setText(u"just text"_s);
        QDragEnterEvent refused(QPoint(5, 5), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(composer.attachmentList()->viewport(), &refused);
        QVERIFY(!refused.isAccepted());
    }

    void sendRefusesBadRecipients_data()
    {
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << QString() << u"recipient"_s;
        QTest::newRow("no at") << u"bob.example.org"_s << u"bob.example.org"_s;
        QTest::newRow("second bad") << u"a@b.example, c d@e"_s << u"c d@e"_s;
    }

    void sendRefusesBadRecipients()
    {
        QFETCH(QString, to);
        QFETCH(QString, expected);
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        composer.toField()->setText(to);
        QSignalSpy sent(&composer, &ComposerWindow::sendRequested);
        composer.sendAction()->trigger();
        QCOMPARE(sent.size(), 0);
        QVERIFY(composer.errorLabel()->isVisible());
        QVERIFY2(composer.errorLabel()->text().contains(expected),
                 qPrintable(composer.errorLabel()->text()));
    }

    void sendNeedsAnAccount()
    {
        ComposerWindow composer;
        composer.toField()->setText(u"a@b.example"_s);
        QVERIFY(composer.validationError().contains(u"account"_s));
    }

    void completionKeepsEarlierRecipients()
    {
        QStringListModel known(
                {u"Ann Example <ann@example.org>"_s, u"Bob Sender <bob@example.org>"_s});
        ComposerWindow composer;
        composer.setAddressModel(&known);
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        RecipientField *to = composer.toField();
        to->setFocus();
        QTest::keyClicks(to, u"carol@example.org, bo"_s);
        QCOMPARE(to->currentToken(), u"bo"_s);
        QTRY_VERIFY(to->completer()->popup()->isVisible());
        QCOMPARE(to->completer()->completionCount(), 1);
        Q_EMIT to->completer()->activated(u"Bob Sender <bob@example.org>"_s);
        QCOMPARE(to->text(), u"carol@example.org, Bob Sender <bob@example.org>"_s);
        QCOMPARE(to->count(), 2); // both are items now, nothing is left in the line
        QVERIFY(to->editor()->text().isEmpty());
        QCOMPARE(to->chip(1)->address(), (MailAddress {u"Bob Sender"_s, u"bob@example.org"_s}));
        QCOMPARE(composer.message().to.size(), 2);
    }

    void invalidRecipientsAreMarkedAsItems()
    {
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.show();
        QVERIFY(QTest::qWaitForWindowActive(&composer));
        RecipientField *to = composer.toField();
        to->setFocus();
        QTest::keyClicks(to, u"bob@example.org, carol at example, Dan <dan@example.org>"_s);
        // The first two are items; the third is still being typed and is not judged yet.
        QCOMPARE(to->count(), 2);
        QCOMPARE(to->invalidAddresses(), QStringList {u"carol at example"_s});
        QVERIFY(to->chip(0)->isValid());
        QVERIFY(!to->chip(1)->isValid());
        QVERIFY(to->chip(1)->property("invalid").toBool());
        QVERIFY(to->chip(1)->toolTip().contains(u"carol at example"_s));
        QVERIFY(to->property("invalid").toBool());
        QVERIFY(to->toolTip().contains(u"carol at example"_s));
        QTest::keyClick(to, Qt::Key_Tab); // leaves the field: the last one becomes an item
        QCOMPARE(to->count(), 3);
        QVERIFY(to->chip(2)->isValid());
        // Removed, the field is clear again.
        to->chip(1)->removeButton()->click();
        QCOMPARE(to->count(), 2);
        QVERIFY(!to->property("invalid").toBool());
        QVERIFY(to->toolTip().isEmpty());
        QCOMPARE(to->text(), u"bob@example.org, Dan <dan@example.org>"_s);
    }

    void completionFromTheAddressBook()
    {
        AddressBook book;
        QVERIFY(!book.open(u":memory:"_s));
        QVERIFY(!book.recordUse({{u"Jürgen Müller"_s, u"jm@example.de"_s},
                                 {u"Julia Roberts"_s, u"julia@example.org"_s}}));
        QVERIFY(!book.recordUse({{u"Julia Roberts"_s, u"julia@example.org"_s}}));
        ComposerWindow composer;
        AddressCompletionModel completions(&book);
        composer.setAddressModel(&completions);
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        RecipientField *cc = composer.ccField();
        cc->setFocus();
        // Typed without the umlaut, ranked by use: Julia (twice) before Jürgen.
        QTest::keyClicks(cc, u"carol@example.org, ju"_s);
        QTRY_VERIFY(cc->completer()->popup()->isVisible());
        QCOMPARE(completions.rowCount(), 2);
        QCOMPARE(completions.index(0, 0).data().toString(), u"Julia Roberts <julia@example.org>"_s);
        QTest::keyClicks(cc, u"r"_s);
        QCOMPARE(completions.rowCount(), 1);
        QCOMPARE(cc->completer()->popup()->model()->rowCount(), 1);
        const QString offered = cc->completer()->popup()->model()->index(0, 0).data().toString();
        QCOMPARE(offered, u"Jürgen Müller <jm@example.de>"_s);
        Q_EMIT cc->completer()->activated(offered);
        QCOMPARE(composer.message().cc,
                 (QList<MailAddress> {{{}, u"carol@example.org"_s},
                                      {u"Jürgen Müller"_s, u"jm@example.de"_s}}));
    }

    void composeRequestFillsTheWindow()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, u"x.txt"_s, 3);
        const auto request = ComposeRequest::fromComposeArgument(
                u"to='a@b.example',subject='x',body='y',attachment='%1'"_s.arg(
                        QUrl::fromLocalFile(file).toString()));
        QVERIFY(request);
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.applyRequest(*request);
        const OutgoingMessage m = composer.message();
        QCOMPARE(m.to.at(0).address, u"a@b.example"_s);
        QCOMPARE(m.subject, u"x"_s);
        QCOMPARE(m.plainBody, u"y"_s);
        QCOMPARE(m.attachments.size(), 1);
    }

    void replyQuotesPlain()
    {
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.startReply(original(), false);
        const OutgoingMessage m = composer.message();
        QCOMPARE(m.subject, u"Re: Lunch"_s);
        QCOMPARE(m.to, (QList<MailAddress> {{u"Bob Sender"_s, u"bob@example.org"_s}}));
        QVERIFY(m.cc.isEmpty());
        QCOMPARE(m.inReplyTo, QByteArray("<m2@example.org>"));
        QCOMPARE(m.references, (QList<QByteArray> {"<m1@example.org>", "<m2@example.org>"}));
        const QString expectedQuote = MessageQuoter::attribution(original())
                                      + u"\n> Shall we meet?\n>\n>> earlier words\n> Bob\n"_s;
        QCOMPARE(MessageQuoter::quotePlain(original()), expectedQuote);
        QVERIFY(m.plainBody.endsWith(expectedQuote));
        QVERIFY(m.plainBody.startsWith(u"\n\n"_s));
        QVERIFY(MessageQuoter::attribution(original()).contains(u"Bob Sender"_s));
    }

    void replyAllSkipsOwnAndDuplicateAddresses()
    {
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.startReply(original(), true);
        const OutgoingMessage m = composer.message();
        QCOMPARE(m.to.size(), 1);
        QCOMPARE(m.cc, (QList<MailAddress> {{u"Carol"_s, u"carol@example.org"_s},
                                            {{}, u"dave@example.org"_s}}));
    }

    void replyAllWithTenCcShowsTenItems()
    {
        OriginalMessage o = original();
        o.cc.clear();
        for (int i = 0; i < 10; ++i)
            o.cc.append({u"Colleague %1"_s.arg(i), u"colleague%1@example.org"_s.arg(i)});
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.startReply(o, true);
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        RecipientField *cc = composer.ccField();
        // Carol from To, then the ten.
        QCOMPARE(cc->count(), 11);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(cc->chip(i + 1)->address().address, u"colleague%1@example.org"_s.arg(i));
        // All of them are on show: the field has grown to hold them.
        QTRY_VERIFY(cc->rect().contains(cc->chip(10)->geometry()));
        for (RecipientChip *chip : cc->chips())
            QVERIFY(chip->isVisible() && cc->rect().contains(chip->geometry()));
        QVERIFY(cc->height() > 2 * composer.subjectField()->height());
        QCOMPARE(composer.message().cc.size(), 11);
    }

    void sendRefusedWhileAnyRecipientIsInvalid()
    {
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.show();
        QVERIFY(QTest::qWaitForWindowActive(&composer));
        composer.toField()->setFocus();
        QTest::keyClicks(composer.toField(), u"bob@example.org, carol at example, "_s);
        QTest::keyClicks(composer.ccField(), u"dan@"_s); // still being typed, and wrong too
        QCOMPARE(composer.toField()->count(), 2);
        QSignalSpy sent(&composer, &ComposerWindow::sendRequested);
        composer.sendAction()->trigger();
        QCOMPARE(sent.size(), 0);
        QVERIFY(composer.errorLabel()->isVisible());
        QVERIFY2(composer.errorLabel()->text().contains(u"carol at example"_s)
                         && composer.errorLabel()->text().contains(u"dan@"_s)
                         && composer.errorLabel()->text().contains(u"Correct or remove"_s),
                 qPrintable(composer.errorLabel()->text()));
        // The first one to correct has the focus.
        QTRY_VERIFY(composer.toField()->chip(1)->hasFocus());
        // Removed with the keyboard and corrected, the message goes.
        QTest::keyClick(composer.toField()->chip(1), Qt::Key_Delete);
        // The refusal follows: only the one left to correct is named.
        QVERIFY(!composer.errorLabel()->text().contains(u"carol at example"_s));
        QVERIFY(composer.errorLabel()->text().contains(u"dan@"_s));
        composer.ccField()->chip(0)->setFocus();
        QTest::keyClick(composer.ccField()->chip(0), Qt::Key_Return); // back into the line
        QCOMPARE(composer.ccField()->editor()->text(), u"dan@"_s);
        QTest::keyClicks(composer.ccField()->editor(), u"example.org"_s);
        QTest::keyClick(composer.ccField()->editor(), Qt::Key_Return);
        QCOMPARE(composer.ccField()->invalidAddresses(), QStringList());
        QVERIFY(composer.errorLabel()->isHidden());
        composer.sendAction()->trigger();
        QCOMPARE(sent.size(), 1);
        const auto message = sent.at(0).at(0).value<OutgoingMessage>();
        QCOMPARE(message.recipientAddresses(),
                 (QStringList {u"bob@example.org"_s, u"dan@example.org"_s}));
    }

    void replyUsesReplyTo()
    {
        OriginalMessage o = original();
        o.replyTo = {{u"List"_s, u"list@example.org"_s}};
        QCOMPARE(MessageQuoter::replyRecipients(o), o.replyTo);
    }

    void replyQuotesHtml()
    {
        OriginalMessage o = original();
        o.plainBody = u"a < b"_s;
        const QString html = MessageQuoter::quoteHtml(o);
        QVERIFY(html.contains(u"<blockquote type=\"cite\">"_s));
        QVERIFY(html.contains(u"a &lt; b"_s));
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.setRichText(true);
        composer.startReply(o, false);
        QVERIFY(composer.message().plainBody.contains(u"a < b"_s));
        QVERIFY(!composer.message().htmlBody.isEmpty());
    }

    void subjects_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("reply");
        QTest::newRow("plain") << u"Lunch"_s << u"Re: Lunch"_s;
        QTest::newRow("already") << u"Re: Lunch"_s << u"Re: Lunch"_s;
        QTest::newRow("stacked") << u"RE: re:Lunch"_s << u"Re: Lunch"_s;
        QTest::newRow("counted") << u"Re[2]: Lunch"_s << u"Re: Lunch"_s;
        QTest::newRow("german") << u"AW: Lunch"_s << u"Re: Lunch"_s;
        QTest::newRow("forward kept") << u"Fwd: Lunch"_s << u"Re: Fwd: Lunch"_s;
        QTest::newRow("word starting with re") << u"Report"_s << u"Re: Report"_s;
    }

    void subjects()
    {
        QFETCH(QString, subject);
        QTEST(MessageQuoter::replySubject(subject), "reply");
    }

    void forwardInline()
    {
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.startForward(original());
        const OutgoingMessage m = composer.message();
        QCOMPARE(m.subject, u"Fwd: Re: Lunch"_s);
        QVERIFY(m.to.isEmpty());
        QVERIFY(m.plainBody.contains(u"Forwarded Message"_s));
        QVERIFY(m.plainBody.contains(u"Bob Sender <bob@example.org>"_s));
        QVERIFY(m.plainBody.contains(u"Shall we meet?"_s));
        QVERIFY(m.inReplyTo.isEmpty());
    }

    void forwardInlineKeepsAttachments()
    {
        OriginalMessage o = original();
        OutgoingAttachment pdf;
        pdf.fileName = u"plan.pdf"_s;
        pdf.mimeType = "application/pdf";
        static const char pdfBytes[] = "%PDF-1.4\x00\xff\x80 binary";
        pdf.data = QByteArray(pdfBytes, sizeof(pdfBytes) - 1);
        OutgoingAttachment picture;
        picture.fileName = u"bild.png"_s;
        picture.mimeType = "image/png";
        picture.data = QByteArray(3000, '\x89');
        o.attachments = {pdf, picture};
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.startForward(o);
        const QList<OutgoingAttachment> attached = composer.message().attachments;
        QCOMPARE(attached.size(), 2);
        QCOMPARE(attached.at(0).fileName, pdf.fileName);
        QCOMPARE(attached.at(0).mimeType, pdf.mimeType);
        QCOMPARE(attached.at(0).data, pdf.data);
        QCOMPARE(attached.at(1).data, picture.data);
        // Built and parsed again, the bytes are the same.
        OutgoingMessage m = composer.message();
        m.to = {{{}, u"x@example.org"_s}};
        m.from = {{}, u"ann@example.org"_s};
        MailError error;
        const MimePart built = MimePart::parse(MessageBuilder(m).build(&error));
        QVERIFY(!error);
        QCOMPARE(built.children().size(), 3);
        QCOMPARE(built.children().at(1).decodedBody(), pdf.data);
        QCOMPARE(built.children().at(2).decodedBody(), picture.data);
    }

    void quoteHeaderInReadersZoneAndLocale_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("expected");
        // 31 Dec 2022 19:23:50 -0500 is 1 Jan 2023 01:23:50 in Berlin.
        const QDateTime berlin(QDate(2023, 1, 1), QTime(1, 23, 50), Qt::LocalTime);
        for (const QLocale &locale : {QLocale(QLocale::English, QLocale::UnitedStates),
                                      QLocale(QLocale::German, QLocale::Germany)})
            QTest::newRow(qPrintable(locale.name()))
                    << locale << locale.toString(berlin, QLocale::ShortFormat);
    }

    void quoteHeaderInReadersZoneAndLocale()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, expected);
        QVERIFY(readerInBerlin);
        const QLocale before;
        QLocale::setDefault(locale);
        OriginalMessage o = original();
        o.date = QDateTime(QDate(2022, 12, 31), QTime(19, 23, 50), QTimeZone(-5 * 3600));
        const QString attribution = MessageQuoter::attribution(o);
        const QString forwarded = MessageQuoter::forwardPlain(o);
        QLocale::setDefault(before);
        QVERIFY2(attribution.contains(expected), qPrintable(attribution + u" / "_s + expected));
        QVERIFY2(!attribution.contains(u"19:23"_s) && !attribution.contains(u"7:23"_s),
                 qPrintable(attribution));
        QVERIFY2(forwarded.contains(u"2023"_s), qPrintable(forwarded));
        QVERIFY2(!forwarded.contains(u"2022"_s), qPrintable(forwarded));
    }

    void replyToListGoesToTheListAddress()
    {
        OriginalMessage o = original();
        o.listPost = u"team@lists.example.org"_s;
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.startReplyToList(o);
        const OutgoingMessage m = composer.message();
        QCOMPARE(m.to, (QList<MailAddress> {{{}, u"team@lists.example.org"_s}}));
        QVERIFY(m.cc.isEmpty());
        QCOMPARE(m.subject, u"Re: Lunch"_s);
        QCOMPARE(m.inReplyTo, QByteArray("<m2@example.org>"));
        QVERIFY(m.plainBody.contains(u"> Shall we meet?"_s));
    }

    void focusStartsInToOrInTheBody_data()
    {
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("focused");
        QTest::newRow("new") << u"new"_s << u"to"_s;
        QTest::newRow("reply") << u"reply"_s << u"body"_s;
        QTest::newRow("forward") << u"forward"_s << u"to"_s;
    }

    void focusStartsInToOrInTheBody()
    {
        QFETCH(QString, start);
        QFETCH(QString, focused);
        ComposerWindow composer;
        composer.setAccounts({account()});
        if (start == u"reply"_s)
            composer.startReply(original(), false);
        else if (start == u"forward"_s)
            composer.startForward(original());
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        QVERIFY(composer.focusWidget());
        // The line inside the recipient field ("toEditor"), or the body.
        QVERIFY2(composer.focusWidget()->objectName().startsWith(focused),
                 qPrintable(composer.focusWidget()->objectName()));
        QVERIFY(composer.focusWidget() != composer.fromCombo());
    }

    void escapeAndCtrlWCloseAskingToKeepTheDraft_data()
    {
        QTest::addColumn<QKeySequence>("keys");
        QTest::addColumn<int>("answer");
        QTest::addColumn<bool>("closes");
        QTest::addColumn<bool>("keeps");
        for (const QKeySequence &keys :
             {QKeySequence(Qt::Key_Escape), QKeySequence(Qt::CTRL | Qt::Key_W)}) {
            const QString name = keys.toString();
            QTest::newRow(qPrintable(name + u" keep"_s))
                    << keys << int(QMessageBox::Save) << true << true;
            QTest::newRow(qPrintable(name + u" discard"_s))
                    << keys << int(QMessageBox::Discard) << true << false;
            QTest::newRow(qPrintable(name + u" cancel"_s))
                    << keys << int(QMessageBox::Cancel) << false << false;
        }
    }

    void escapeAndCtrlWCloseAskingToKeepTheDraft()
    {
        QFETCH(QKeySequence, keys);
        QFETCH(int, answer);
        QFETCH(bool, closes);
        QFETCH(bool, keeps);
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.show();
        QVERIFY(QTest::qWaitForWindowActive(&composer));
        QTest::keyClicks(composer.toField(), u"bob@example.org"_s);
        QSignalSpy kept(&composer, &ComposerWindow::closedWithDraft);
        QSignalSpy discarded(&composer, &ComposerWindow::discarded);
        bool asked = false;
        answerNextQuestion(QMessageBox::StandardButton(answer), &asked);
        QTest::keySequence(composer.toField(), keys);
        QVERIFY(asked);
        QCOMPARE(composer.isVisible(), !closes);
        QCOMPARE(kept.size(), keeps ? 1 : 0);
        QCOMPARE(discarded.size(), closes && !keeps ? 1 : 0);
        if (keeps)
            QCOMPARE(kept.first().first().value<OutgoingMessage>().to.first().address,
                     u"bob@example.org"_s);
    }

    void escapeClosesAnUntouchedComposerWithoutAsking()
    {
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.show();
        QVERIFY(QTest::qWaitForWindowActive(&composer));
        QSignalSpy discarded(&composer, &ComposerWindow::discarded);
        QTest::keyClick(composer.toField(), Qt::Key_Escape);
        QVERIFY(!composer.isVisible());
        QCOMPARE(discarded.size(), 1);
    }

    void ctrlEnterAsksBeforeSendingUntilToldNotTo()
    {
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.show();
        QVERIFY(QTest::qWaitForWindowActive(&composer));
        QVERIFY(composer.asksBeforeShortcutSend());
        QTest::keyClicks(composer.toField(), u"bob@example.org"_s);
        QSignalSpy send(&composer, &ComposerWindow::sendRequested);
        QSignalSpy askChanged(&composer, &ComposerWindow::askBeforeShortcutSendChanged);

        // Cancelled: nothing is sent.
        bool asked = false;
        answerNextBox(QMessageBox::RejectRole, false, &asked);
        QTest::keyClick(composer.toField(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(asked);
        QCOMPARE(send.size(), 0);

        // Confirmed with "do not ask again": sent, and the choice is handed out.
        composer.activateWindow(); // the question took the activation away
        QVERIFY(QTest::qWaitForWindowActive(&composer));
        asked = false;
        answerNextBox(QMessageBox::AcceptRole, true, &asked);
        QTest::keyClick(composer.toField(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(asked);
        QCOMPARE(send.size(), 1);
        QCOMPARE(askChanged.size(), 1);
        QCOMPARE(askChanged.first().first().toBool(), false);
        QVERIFY(!composer.asksBeforeShortcutSend());

        // From then on Ctrl+Enter sends at once.
        composer.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&composer));
        asked = false;
        answerNextBox(QMessageBox::RejectRole, false, &asked);
        QTest::keyClick(composer.bodyEditor(), Qt::Key_Enter, Qt::ControlModifier);
        QCOMPARE(send.size(), 2);
        QVERIFY(!asked);
        QTest::qWait(10); // the pending answer runs now and finds no box
    }

    void attachmentReminder_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<bool>("attached");
        QTest::addColumn<bool>("asks");
        QTest::newRow("english") << u"The report is attached."_s << false << true;
        QTest::newRow("enclosed") << u"Please find enclosed the plan"_s << false << true;
        QTest::newRow("anbei") << u"Anbei die Unterlagen."_s << false << true;
        QTest::newRow("angehängt") << u"Ich habe dir die Datei angehängt"_s << false << true;
        QTest::newRow("french") << u"Voir la pièce jointe"_s << false << true;
        QTest::newRow("with attachment") << u"The report is attached."_s << true << false;
        QTest::newRow("no mention") << u"See you at noon."_s << false << false;
        QTest::newRow("only in the quote")
                << u"Thanks!\n\nBob wrote:\n> I attached the file"_s << false << false;
        QTest::newRow("only in a forwarded message")
                << u"FYI\n\n-------- Forwarded Message --------\nSee the attachment"_s << false
                << false;
        QTest::newRow("not a word start") << u"He was reattaching nothing"_s << false << false;
    }

    void attachmentReminder()
    {
        QFETCH(QString, body);
        QFETCH(bool, attached);
        QFETCH(bool, asks);
        QTemporaryDir dir;
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.toField()->setText(u"bob@example.org"_s);
        composer.bodyEditor()->setPlainText(body);
        if (attached)
            QVERIFY(composer.addAttachment(writeFile(dir, u"report.pdf"_s, 10)));
        QSignalSpy send(&composer, &ComposerWindow::sendRequested);
        // Asked: Cancel keeps the message open, unsent.
        bool asked = false;
        answerNextBox(QMessageBox::RejectRole, false, &asked);
        composer.sendAction()->trigger();
        QCOMPARE(asked, asks);
        QCOMPARE(send.size(), asks ? 0 : 1);
        if (!asks)
            return;
        // "Send Anyway" sends it as it is.
        asked = false;
        answerNextBox(QMessageBox::AcceptRole, false, &asked);
        composer.sendAction()->trigger();
        QVERIFY(asked);
        QCOMPARE(send.size(), 1);
    }

    void toolbarSendDoesNotAsk()
    {
        ComposerWindow composer;
        composer.setAccounts({account()});
        QTest::keyClicks(composer.toField(), u"bob@example.org"_s);
        QSignalSpy send(&composer, &ComposerWindow::sendRequested);
        composer.sendAction()->trigger();
        QCOMPARE(send.size(), 1);
    }

    void openedDraftIsUnchangedUntilEdited()
    {
        ComposerDraft draft;
        draft.to = u"Bob <bob@example.org>"_s;
        draft.subject = u"Plans"_s;
        draft.body = u"Half written"_s;
        const OutboxFollowUp copy {OutboxFollowUp::Action::DeleteDraft, u"acct"_s, 12, 34};
        draft.followUps = {copy};
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.openDraft(draft);
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        QCOMPARE(composer.serverDraft(), copy);
        QCOMPARE(composer.followUps(), QList<OutboxFollowUp> {copy});
        QVERIFY(!composer.isModified());
        QCOMPARE(composer.focusWidget(), composer.bodyEditor());
        QCOMPARE(composer.message().subject, u"Plans"_s);
        QTest::keyClicks(composer.bodyEditor(), u" more"_s);
        QVERIFY(composer.isModified());
        QCOMPARE(composer.draft().followUps, QList<OutboxFollowUp> {copy});
    }

    void forwardAsAttachment()
    {
        const QByteArray forwarded = "From: Bob Sender <bob@example.org>\r\nTo: ann@example.org\r\n"
                                     "Subject: Re: Lunch\r\nMessage-ID: <m2@example.org>\r\n"
                                     "Content-Type: text/plain; charset=utf-8\r\n"
                                     "Content-Transfer-Encoding: 8bit\r\n\r\n"
                                     "Shall we meet? Caf\xc3\xa9 at noon.\r\n";
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.startForwardAsAttachment(u"Re: Lunch"_s, forwarded);
        QTest::keyClicks(composer.toField(), u"carol@example.org"_s);
        QCOMPARE(composer.subjectField()->text(), u"Fwd: Re: Lunch"_s);
        QCOMPARE(composer.attachmentList()->topLevelItemCount(), 1);
        QCOMPARE(composer.attachmentList()->topLevelItem(0)->text(0), u"Re_ Lunch.eml"_s);
        QVERIFY(composer.validationError().isEmpty());

        // What Send hands out builds into a message with the original attached whole.
        MailError error;
        const QByteArray built = MessageBuilder(composer.message()).build(&error);
        QVERIFY2(!error, qPrintable(error.toString()));
        const MimePart root = MimePart::parse(built);
        QCOMPARE(root.decodedHeader("Subject"), u"Fwd: Re: Lunch"_s);
        QCOMPARE(root.mimeType(), QByteArray("multipart/mixed"));
        QCOMPARE(root.children().size(), 2);
        const MimePart &attached = root.children().at(1);
        QCOMPARE(attached.mimeType(), QByteArray("message/rfc822"));
        QCOMPARE(attached.header("Content-Transfer-Encoding"), QByteArray("8bit"));
        QCOMPARE(attached.fileName(), u"Re_ Lunch.eml"_s);
        QCOMPARE(attached.rawBody(), forwarded);
        QVERIFY(attached.isMessage());
        QCOMPARE(attached.children().first().header("Message-ID"), QByteArray("<m2@example.org>"));

        // A draft keeps the attached message, and a composer restored from it sends it again.
        const ComposerDraft draft = ComposerDraft::fromJson(composer.draft().toJson());
        QCOMPARE(draft.dataAttachments.size(), 1);
        QCOMPARE(draft.dataAttachments.first().data, forwarded);
        ComposerWindow restored;
        restored.setAccounts({account()});
        restored.restoreDraft(draft);
        QCOMPARE(restored.message().attachments, composer.message().attachments);

        // Removed like any attachment.
        composer.attachmentList()->topLevelItem(0)->setSelected(true);
        composer.attachmentList()->removeSelected();
        QVERIFY(composer.message().attachments.isEmpty());
    }

    // Forward as Attachment of a file of the cache (what AppController does): the composer holds
    // the outbox's hard link of it, named as it is sent. The cache dropping its file later (the
    // message moved or deleted) neither stops the send nor renames the draft's attachment.
    void forwardedCacheFileOutlivesTheCache()
    {
        QTemporaryDir dir;
        const QByteArray forwarded = "From: Bob <bob@example.org>\r\nSubject: Report\r\n"
                                     "Message-ID: <r1@example.org>\r\n\r\nThe report.\r\n";
        const QString cached = dir.filePath(u"part-12-3"_s);
        {
            QFile file(cached);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(forwarded);
        }
        OutboxStore outbox(dir.filePath(u"outbox"_s));
        QVERIFY(!outbox.open());
        const QString kept = outbox.keepAttachment(cached, ComposerWindow::attachedMessageFileName(
                                                                   u"Report"_s));
        QVERIFY(!kept.isEmpty());
        ComposerWindow composer;
        composer.setAccounts({account()});
        composer.startForwardAsAttachment(u"Report"_s, MessageSource::fromFile(kept));
        QTest::keyClicks(composer.toField(), u"carol@example.org"_s);
        QVERIFY(QFile::remove(cached));

        const ComposerDraft draft = ComposerDraft::fromJson(composer.draft().toJson());
        QCOMPARE(draft.attachments, QStringList {kept});
        ComposerWindow restored;
        restored.setAccounts({account()});
        restored.restoreDraft(draft);
        QCOMPARE(restored.attachmentList()->topLevelItemCount(), 1);
        QCOMPARE(restored.attachmentList()->topLevelItem(0)->text(0), u"Report.eml"_s);
        for (ComposerWindow *window : {&composer, &restored}) {
            MailError error;
            const QByteArray built = MessageBuilder(window->message()).build(&error);
            QVERIFY2(!error, qPrintable(error.toString()));
            const MimePart root = MimePart::parse(built);
            QCOMPARE(root.children().size(), 2);
            QCOMPARE(root.children().at(1).fileName(), u"Report.eml"_s);
            QCOMPARE(root.children().at(1).rawBody(), forwarded);
        }
    }

    void attachedMessageFileNames_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("fileName");
        QTest::newRow("plain") << u"Plans for Friday"_s << u"Plans for Friday.eml"_s;
        QTest::newRow("unsafe") << u"a/b\\c: \"d\"?"_s << u"a_b_c_ _d__.eml"_s;
        QTest::newRow("dots") << u"..hidden"_s << u"hidden.eml"_s;
        QTest::newRow("empty") << QString() << u"Forwarded message.eml"_s;
        QTest::newRow("unicode") << u"Grüße aus Köln"_s << u"Grüße aus Köln.eml"_s;
    }

    void attachedMessageFileNames()
    {
        QFETCH(QString, subject);
        QTEST(ComposerWindow::attachedMessageFileName(subject), "fileName");
    }
};

QTEST_MAIN(TestComposerWindow)
#include "tst_composerwindow.moc"
