// The composer in HTML mode: the switch and the account's default, the formatting tools, the
// HTML and plain alternative handed to sending, inline images, pasting and HTML signatures.
#include "accountdialog.h"
#include "composerdraft.h"
#include "composerequest.h"
#include "composerformatbar.h"
#include "composerhtmlwriter.h"
#include "composerwindow.h"
#include "htmlcomposereditor.h"
#include "identitylisteditor.h"
#include "mime/messagebuilder.h"
#include "originalmessage.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QImage>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

Account account(bool html)
{
    Account a;
    a.setId(u"acc"_s);
    a.setDisplayName(u"Ann Example"_s);
    a.setAddress(u"ann@example.org"_s);
    a.setComposesHtml(html);
    a.setIdentities({Identity {u"Ann Example"_s,
                               u"ann@example.org"_s,
                               u"Ann\nExample Ltd"_s,
                               {},
                               u"<b>Ann</b> of <a href=\"https://example.org\">Example</a>"_s},
                     Identity {u"Ann at Work"_s,
                               u"ann@work.example"_s,
                               u"Ann at work"_s,
                               {},
                               u"<i>Ann</i> at work"_s},
                     Identity {u"Ann Plain"_s, u"ann.plain@example.org"_s, u"Only plain"_s}});
    return a;
}

OriginalMessage original()
{
    OriginalMessage o;
    o.from = {u"Bob"_s, u"bob@example.org"_s};
    o.to = {{u"Ann Example"_s, u"ann@example.org"_s}};
    o.subject = u"Lunch"_s;
    o.date = QDateTime(QDate(2026, 3, 14), QTime(12, 30));
    o.plainBody = u"Shall we meet?"_s;
    o.messageId = "<m1@example.org>";
    return o;
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

// Answers the next message box named name with the button of role (or Cancel); records it.
void answerNext(const QString &name, QMessageBox::ButtonRole role, QString *asked)
{
    QTimer::singleShot(0, [name, role, asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        *asked = box->objectName();
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == role) {
                button->click();
                return;
            }
        }
        box->button(QMessageBox::Cancel)->click();
        Q_UNUSED(name);
    });
}

void selectAll(QTextEdit *editor)
{
    QTextCursor cursor = editor->textCursor();
    cursor.select(QTextCursor::Document);
    editor->setTextCursor(cursor);
}

} // namespace

class TestHtmlComposer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accountDecidesTheStartingFormat_data()
    {
        QTest::addColumn<bool>("html");
        QTest::newRow("plain account") << false;
        QTest::newRow("HTML account") << true;
    }
    void accountDecidesTheStartingFormat()
    {
        QFETCH(bool, html);
        ComposerWindow composer;
        composer.setAccounts({account(html)});
        composer.show();
        QCOMPARE(composer.isRichText(), html);
        QCOMPARE(composer.formatBar()->htmlAction()->isChecked(), html);
        QCOMPARE(composer.formatBar()->isVisible(), html);
        QCOMPARE(composer.formatBar()->boldAction()->isEnabled(), html);
        composer.bodyEditor()->setPlainText(u"Hi"_s);
        composer.toField()->setText(u"bob@example.org"_s);
        QCOMPARE(composer.message().htmlBody.isEmpty(), !html);
    }

    void replyFollowsTheAccountOfTheMessage()
    {
        ComposerWindow composer;
        Account plain = account(false);
        Account html = account(true);
        html.setId(u"html"_s);
        html.setIdentities({Identity {u"Ann"_s, u"ann@html.example"_s, u"sig"_s}});
        composer.setAccounts({plain, html});
        QVERIFY(!composer.isRichText());
        OriginalMessage o = original();
        o.accountId = u"html"_s;
        o.to = {{u"Ann"_s, u"ann@html.example"_s}};
        composer.startReply(o, false);
        QVERIFY(composer.isRichText());
        QVERIFY(composer.message().htmlBody.contains(u"<blockquote"_s));
    }

    void switchIsInTheMenuAndToolbarWithShortcut()
    {
        ComposerWindow composer;
        composer.setAccounts({account(false)});
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        QAction *html = composer.formatBar()->htmlAction();
        QCOMPARE(html->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
        QVERIFY(!html->toolTip().isEmpty());
        auto *menu = composer.findChild<QMenu *>(u"formatMenu"_s);
        QVERIFY(composer.menuBar()->actions().contains(menu->menuAction()));
        QVERIFY(menu);
        QVERIFY(menu->actions().contains(html));
        auto *mainBar = composer.findChild<QToolBar *>(u"composerToolBar"_s);
        QVERIFY(mainBar->actions().contains(html));

        composer.bodyEditor()->setFocus();
        QTest::keyClick(composer.bodyEditor(), Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(composer.isRichText());
        QVERIFY(composer.formatBar()->isVisible());
        // Back without formatting: nothing to lose, nothing asked.
        html->trigger();
        QVERIFY(!composer.isRichText());
        QVERIFY(!composer.formatBar()->isVisible());
    }

    void switchingToPlainWarnsAndConverts()
    {
        ComposerWindow composer;
        composer.setAccounts({account(true)});
        composer.show();
        composer.bodyEditor()->setHtml(u"<p>Intro <b>bold</b></p><ul><li>one</li><li>two</li>"
                                       "</ul><blockquote><p>quoted</p></blockquote><p>See <a "
                                       "href=\"https://heron.example/\">the site</a></p>"_s);
        QString asked;
        answerNext(u"plainTextWarning"_s, QMessageBox::RejectRole, &asked);
        composer.formatBar()->htmlAction()->trigger();
        QCOMPARE(asked, u"plainTextWarning"_s);
        QVERIFY(composer.isRichText()); // cancelled: nothing changed
        QVERIFY(composer.formatBar()->htmlAction()->isChecked());

        asked.clear();
        answerNext(u"plainTextWarning"_s, QMessageBox::AcceptRole, &asked);
        composer.formatBar()->htmlAction()->trigger();
        QCOMPARE(asked, u"plainTextWarning"_s);
        QVERIFY(!composer.isRichText());
        QCOMPARE(composer.bodyEditor()->toPlainText(),
                 u"Intro bold\n- one\n- two\n> quoted\nSee the site <https://heron.example/>"_s);
        QVERIFY(composer.message().htmlBody.isEmpty());
    }

    void formattingTools_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QKeySequence>("keys");
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("plain");
        QTest::newRow("bold") << u"bold"_s << QKeySequence(QKeySequence::Bold)
                              << u"<div><b>word</b></div>"_s << u"word"_s;
        QTest::newRow("italic") << u"italic"_s << QKeySequence(QKeySequence::Italic)
                                << u"<div><i>word</i></div>"_s << u"word"_s;
        QTest::newRow("underline") << u"underline"_s << QKeySequence(QKeySequence::Underline)
                                   << u"<div><u>word</u></div>"_s << u"word"_s;
        QTest::newRow("bullets") << u"bulletList"_s
                                 << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_8)
                                 << u"<ul><li>word</li></ul>"_s << u"- word"_s;
        QTest::newRow("numbers") << u"numberedList"_s
                                 << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_7)
                                 << u"<ol><li>word</li></ol>"_s << u"1. word"_s;
        QTest::newRow("quote") << u"quoteMore"_s << QKeySequence(Qt::CTRL | Qt::Key_BracketRight)
                               << u"<blockquote type=\"cite\""_s << u"> word"_s;
    }
    void formattingTools()
    {
        QFETCH(QString, action);
        QFETCH(QKeySequence, keys);
        QFETCH(QString, html);
        QFETCH(QString, plain);
        for (const bool byKey : {false, true}) {
            ComposerWindow composer;
            composer.setAccounts({account(true)});
            composer.fromCombo()->setCurrentIndex(2); // no HTML signature: only "Only plain"
            composer.show();
            QVERIFY(QTest::qWaitForWindowActive(&composer));
            auto *tool = composer.formatBar()->findChild<QAction *>(action);
            QVERIFY(tool);
            QCOMPARE(tool->shortcut(), keys);
            QVERIFY2(tool->toolTip().contains(keys.toString(QKeySequence::NativeText)),
                     qPrintable(tool->toolTip()));
            composer.bodyEditor()->setPlainText(u"word"_s);
            composer.bodyEditor()->setFocus();
            selectAll(composer.bodyEditor());
            if (byKey)
                QTest::keySequence(composer.bodyEditor(), keys);
            else
                tool->trigger();
            const OutgoingMessage m = composer.message();
            QVERIFY2(m.htmlBody.contains(html), qPrintable(m.htmlBody));
            QVERIFY2(m.plainBody.startsWith(plain), qPrintable(m.plainBody));
        }
    }

    void quoteLevelsNestAndGoBack()
    {
        ComposerWindow composer;
        composer.setAccounts({account(true)});
        composer.fromCombo()->setCurrentIndex(2);
        composer.bodyEditor()->setPlainText(u"top\nmiddle\ndeep"_s);
        QTextCursor cursor(composer.bodyEditor()->document()->findBlockByNumber(1));
        cursor.movePosition(QTextCursor::NextBlock, QTextCursor::KeepAnchor);
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        composer.bodyEditor()->setTextCursor(cursor);
        composer.formatBar()->quoteMoreAction()->trigger();
        composer.bodyEditor()->setTextCursor(
                QTextCursor(composer.bodyEditor()->document()->findBlockByNumber(2)));
        composer.formatBar()->quoteMoreAction()->trigger();
        QVERIFY(composer.message().plainBody.startsWith(u"top\n> middle\n> > deep"_s));
        composer.formatBar()->quoteLessAction()->trigger();
        composer.formatBar()->quoteLessAction()->trigger();
        composer.formatBar()->quoteLessAction()->trigger(); // not below zero
        QVERIFY(composer.message().plainBody.startsWith(u"top\n> middle\ndeep"_s));
    }

    void plainQuotesBecomeQuoteLevelsAndComeBack()
    {
        // Plain to HTML: "> " lines become quotes (nested for "> > " and ">>"), not text that
        // begins with ">"; HTML to plain gives the "> " lines back.
        ComposerWindow composer;
        composer.setAccounts({account(false)});
        composer.fromCombo()->setCurrentIndex(2);
        composer.show();
        QVERIFY(!composer.isRichText());
        const QString plain = u"Fine by me.\n\nBob wrote:\n> Shall we meet?\n>> When?\n> > At noon."
                              "\n>\n> Bob\nThanks"_s;
        composer.bodyEditor()->setPlainText(plain);
        composer.formatBar()->htmlAction()->trigger();
        QVERIFY(composer.isRichText());

        QStringList texts;
        QList<int> levels;
        const QTextDocument *document = composer.bodyEditor()->document();
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
            texts.append(block.text());
            levels.append(ComposerHtmlWriter::quoteLevel(block.blockFormat()));
        }
        QCOMPARE(texts.mid(0, 9),
                 (QStringList {u"Fine by me."_s, QString(), u"Bob wrote:"_s, u"Shall we meet?"_s,
                               u"When?"_s, u"At noon."_s, QString(), u"Bob"_s, u"Thanks"_s}));
        QCOMPARE(levels.mid(0, 9), (QList<int> {0, 0, 0, 1, 2, 2, 1, 1, 0}));
        const OutgoingMessage m = composer.message();
        QVERIFY2(!m.htmlBody.contains(u"&gt;"_s), qPrintable(m.htmlBody));
        QVERIFY2(m.htmlBody.contains(u"<blockquote type=\"cite\"><div>Shall we meet?</div>"
                                     "<blockquote type=\"cite\"><div>When?</div>"_s),
                 qPrintable(m.htmlBody));
        const QString quoted = u"Fine by me.\n\nBob wrote:\n> Shall we meet?\n> > When?\n> > At "
                               "noon.\n>\n> Bob\nThanks"_s;
        QVERIFY2(m.plainBody.startsWith(quoted), qPrintable(m.plainBody));

        // Back to plain text: the quotes are "> " lines again.
        QString asked;
        answerNext(u"plainTextWarning"_s, QMessageBox::AcceptRole, &asked);
        composer.formatBar()->htmlAction()->trigger();
        QVERIFY(!composer.isRichText());
        QVERIFY2(composer.bodyEditor()->toPlainText().startsWith(quoted),
                 qPrintable(composer.bodyEditor()->toPlainText()));
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next())
            QCOMPARE(ComposerHtmlWriter::quoteLevel(block.blockFormat()), 0);

        // And to HTML once more: the same quotes.
        composer.formatBar()->htmlAction()->trigger();
        QVERIFY(composer.isRichText());
        QCOMPARE(ComposerHtmlWriter::quoteLevel(document->findBlockByNumber(4).blockFormat()), 2);
        QCOMPARE(document->findBlockByNumber(4).text(), u"When?"_s);
    }

    void nestedListsStayNested()
    {
        ComposerWindow composer;
        composer.setAccounts({account(true)});
        composer.fromCombo()->setCurrentIndex(2);
        composer.bodyEditor()->setHtml(u"<ol><li>one<ul><li>inner</li><li>again</li></ul></li>"
                                       "<li>two</li></ol><p>end</p>"_s);
        const OutgoingMessage m = composer.message();
        QVERIFY2(m.htmlBody.contains(u"<ol><li>one<ul><li>inner</li><li>again</li></ul></li>"
                                     "<li>two</li></ol><div>end</div>"_s),
                 qPrintable(m.htmlBody));
        QVERIFY2(m.plainBody.contains(u"1. one\n  - inner\n  - again\n2. two"_s),
                 qPrintable(m.plainBody));
    }

    void linkDialogMakesALink()
    {
        ComposerWindow composer;
        composer.setAccounts({account(true)});
        composer.fromCombo()->setCurrentIndex(2);
        composer.show();
        QVERIFY(QTest::qWaitForWindowActive(&composer));
        composer.bodyEditor()->setPlainText(u"Read the docs"_s);
        QTextCursor cursor = composer.bodyEditor()->textCursor();
        cursor.setPosition(5);
        cursor.setPosition(13, QTextCursor::KeepAnchor);
        composer.bodyEditor()->setTextCursor(cursor);
        bool filled = false;
        QTimer::singleShot(0, this, [&filled] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!dialog || dialog->objectName() != u"linkDialog"_s)
                return;
            QCOMPARE(dialog->findChild<QLineEdit *>(u"linkText"_s)->text(), u"the docs"_s);
            dialog->findChild<QLineEdit *>(u"linkAddress"_s)->setText(u"heron.example/docs"_s);
            filled = true;
            dialog->accept();
        });
        QTest::keyClick(composer.bodyEditor(), Qt::Key_L, Qt::ControlModifier);
        QVERIFY(filled);
        const OutgoingMessage m = composer.message();
        QVERIFY2(m.htmlBody.contains(u"Read <a href=\"https://heron.example/docs\">the docs</a>"_s),
                 qPrintable(m.htmlBody));
        QVERIFY(m.plainBody.startsWith(u"Read the docs <https://heron.example/docs>"_s));
    }

    void inlineImageIsSentAsRelatedPart()
    {
        ComposerWindow composer;
        composer.setAccounts({account(true)});
        composer.fromCombo()->setCurrentIndex(2);
        composer.toField()->setText(u"bob@example.org"_s);
        composer.bodyEditor()->setPlainText(u"Look: "_s);
        composer.bodyEditor()->moveCursor(QTextCursor::End);
        const QByteArray png = pngBytes(Qt::red);
        const QByteArray cid = composer.htmlEditor()->insertImage(png, u"red.png"_s);
        QVERIFY(!cid.isEmpty());
        QVERIFY(composer.htmlEditor()->insertImage("not a picture", u"x.png"_s).isEmpty());
        OutgoingMessage m = composer.message();
        QVERIFY2(m.htmlBody.contains(u"<img src=\"cid:"_s + QString::fromLatin1(cid)),
                 qPrintable(m.htmlBody));
        QCOMPARE(m.attachments.size(), 1);
        QCOMPARE(m.attachments.at(0).contentId, cid);
        QVERIFY(m.attachments.at(0).isInline);
        QCOMPARE(m.attachments.at(0).mimeType, QByteArray("image/png"));
        QCOMPARE(m.attachments.at(0).data, png);

        MessageBuilder builder(m);
        const QByteArray bytes = builder.build();
        QVERIFY(bytes.contains("multipart/alternative"));
        QVERIFY(bytes.contains("multipart/related"));
        QVERIFY(bytes.contains("Content-ID: <" + cid + ">"));

        // Taken out of the text, it is not sent.
        composer.bodyEditor()->setPlainText(u"No picture"_s);
        QVERIFY2(composer.message().attachments.isEmpty(), qPrintable(composer.message().htmlBody));
    }

    void draftKeepsFormattingAndImages()
    {
        ComposerWindow first;
        first.setAccounts({account(true)});
        first.fromCombo()->setCurrentIndex(2);
        first.bodyEditor()->setHtml(u"<p><b>bold</b></p><blockquote><p>q</p><blockquote><p>qq</p>"
                                    "</blockquote></blockquote>"_s);
        first.bodyEditor()->moveCursor(QTextCursor::Start);
        const QByteArray cid = first.htmlEditor()->insertImage(pngBytes(Qt::blue), u"b.png"_s);
        const ComposerDraft draft = ComposerDraft::fromJson(first.draft().toJson());
        QCOMPARE(draft.inlineImages.size(), 1);

        ComposerWindow second;
        second.setAccounts({account(false)});
        second.restoreDraft(draft);
        QVERIFY(second.isRichText());
        const OutgoingMessage m = second.message();
        QCOMPARE(m.htmlBody, first.message().htmlBody);
        QVERIFY(m.plainBody.contains(u"> q\n> > qq"_s));
        QCOMPARE(m.attachments.size(), 1);
        QCOMPARE(m.attachments.at(0).contentId, cid);
    }

    void pasteFromABrowserKeepsStructureOnly()
    {
        ComposerWindow composer;
        composer.setAccounts({account(true)});
        composer.fromCombo()->setCurrentIndex(2);
        composer.bodyEditor()->setPlainText(QString());
        auto *mime = new QMimeData;
        mime->setHtml(
                u"<meta charset=\"utf-8\"><h2 style=\"color:#333;font-family:Georgia\">Release"
                "</h2><p style=\"margin:0 0 1em\">The <strong>new</strong> version is <a href="
                "\"https://heron.example/r\" onclick=\"track()\">out</a>.</p><ul class=\"x\"><li>"
                "Fast <span style=\"font-weight:700\">search</span></li><li>Offline</li></ul>"
                "<script>alert('x')</script><p><img src=\"https://cdn.example/chart.png\" alt="
                "\"Chart of speed\"><img src=\"https://t.example/pixel.gif\" width=\"1\"></p>"
                "<p style=\"background:url(https://evil.example/bg.png)\">end</p>"_s);
        mime->setText(u"Release The new version is out."_s);
        QApplication::clipboard()->setMimeData(mime);
        composer.bodyEditor()->paste();
        const OutgoingMessage m = composer.message();
        QVERIFY2(m.htmlBody.contains(u"<b>new</b>"_s), qPrintable(m.htmlBody));
        QVERIFY(m.htmlBody.contains(u"<a href=\"https://heron.example/r\">out</a>"_s));
        QVERIFY(m.htmlBody.contains(u"<li>Fast <b>search</b></li>"_s));
        QVERIFY(m.htmlBody.contains(u"Chart of speed"_s));
        for (const QString &gone : {u"script"_s, u"alert"_s, u"onclick"_s, u"cdn.example"_s,
                                    u"t.example"_s, u"evil.example"_s, u"Georgia"_s, u"<img"_s})
            QVERIFY2(!m.htmlBody.contains(gone), qPrintable(gone));
        QVERIFY(m.plainBody.contains(u"- Fast search\n- Offline"_s));
        QVERIFY(m.plainBody.contains(u"The new version is out <https://heron.example/r>."_s));

        // In plain text a paste is its text.
        composer.setRichText(false);
        composer.bodyEditor()->setPlainText(QString());
        composer.bodyEditor()->paste();
        QCOMPARE(composer.bodyEditor()->toPlainText(), u"Release The new version is out."_s);
    }

    void pastedPictureBecomesAnInlineImage()
    {
        ComposerWindow composer;
        composer.setAccounts({account(true)});
        composer.fromCombo()->setCurrentIndex(2);
        composer.bodyEditor()->setPlainText(u"Screenshot: "_s);
        composer.bodyEditor()->moveCursor(QTextCursor::End);
        QImage image(5, 4, QImage::Format_RGB32);
        image.fill(Qt::green);
        auto *mime = new QMimeData;
        mime->setImageData(image);
        mime->setHtml(u"<img src=\"https://cdn.example/shot.png\">"_s);
        QApplication::clipboard()->setMimeData(mime);
        composer.bodyEditor()->paste();
        const OutgoingMessage m = composer.message();
        QCOMPARE(m.attachments.size(), 1);
        QVERIFY(m.attachments.at(0).isInline);
        QVERIFY(m.htmlBody.contains(u"src=\"cid:"_s
                                    + QString::fromLatin1(m.attachments.at(0).contentId)));
        QVERIFY(!m.htmlBody.contains(u"cdn.example"_s));
        QImage sent;
        QVERIFY(sent.loadFromData(m.attachments.at(0).data));
        QCOMPARE(sent.size(), image.size());
        QCOMPARE(sent.pixelColor(2, 2), QColor(Qt::green));
    }

    void htmlSignatureInHtmlMode()
    {
        ComposerWindow composer;
        composer.setAccounts({account(true)});
        composer.applyRequest(ComposeRequest());
        QString html = composer.message().htmlBody;
        QVERIFY2(html.contains(u"<div>--&nbsp;</div>"_s) || html.contains(u"<div>-- </div>"_s),
                 qPrintable(html));
        QVERIFY2(html.contains(u"<b>Ann</b> of <a href=\"https://example.org\">Example</a>"_s),
                 qPrintable(html));
        QCOMPARE(composer.message().plainBody, u"\n\n-- \nAnn of Example <https://example.org>"_s);

        // Another identity: its HTML signature replaces the first, once.
        composer.fromCombo()->setCurrentIndex(1);
        html = composer.message().htmlBody;
        QVERIFY(!html.contains(u"Example</a>"_s));
        QCOMPARE(html.count(u"<i>Ann</i> at work"_s), 1);
        // One without an HTML signature: the plain one.
        composer.fromCombo()->setCurrentIndex(2);
        QCOMPARE(composer.message().plainBody, u"\n\n-- \nOnly plain"_s);
        composer.fromCombo()->setCurrentIndex(0);
        QCOMPARE(composer.message().htmlBody.count(u"<b>Ann</b>"_s), 1);
    }

    void signatureAboveTheQuoteOfAnHtmlReply()
    {
        ComposerWindow composer;
        composer.setAccounts({account(true)});
        composer.startReply(original(), false);
        const QString html = composer.message().htmlBody;
        const qsizetype signature = html.indexOf(u"<b>Ann</b>"_s);
        const qsizetype quote = html.indexOf(u"<blockquote"_s);
        QVERIFY(signature > 0);
        QVERIFY(quote > signature);
        QCOMPARE(html.count(u"<b>Ann</b>"_s), 1);
        QVERIFY(!html.mid(quote).contains(u"Ann</b>"_s));
        // The quote header keeps a line of its own below the signature.
        QVERIFY2(composer.message().plainBody.contains(
                         u"Ann of Example <https://example.org>\nOn "_s),
                 qPrintable(composer.message().plainBody));
    }

    void switchingFormatSwapsTheSignature()
    {
        ComposerWindow composer;
        composer.setAccounts({account(false)});
        composer.applyRequest(ComposeRequest());
        QCOMPARE(composer.bodyEditor()->toPlainText(), u"\n\n-- \nAnn\nExample Ltd"_s);
        composer.bodyEditor()->moveCursor(QTextCursor::Start);
        composer.bodyEditor()->insertPlainText(u"Hello"_s);
        composer.formatBar()->htmlAction()->trigger();
        QVERIFY(composer.isRichText());
        QString html = composer.message().htmlBody;
        QCOMPARE(html.count(u"<b>Ann</b>"_s), 1);
        QVERIFY(!html.contains(u"Example Ltd"_s));
        QVERIFY(html.indexOf(u"Hello"_s) < html.indexOf(u"<b>Ann</b>"_s));

        QString asked;
        answerNext(u"plainTextWarning"_s, QMessageBox::AcceptRole, &asked);
        composer.formatBar()->htmlAction()->trigger();
        QVERIFY(!composer.isRichText());
        QCOMPARE(composer.bodyEditor()->toPlainText(), u"Hello\n\n-- \nAnn\nExample Ltd"_s);
        // Still tracked: another sender replaces it.
        composer.fromCombo()->setCurrentIndex(1);
        QCOMPARE(composer.bodyEditor()->toPlainText(), u"Hello\n\n-- \nAnn at work"_s);
    }

    void identityEditorKeepsTheHtmlSignature()
    {
        IdentityListEditor editor;
        editor.setIdentities(account(true).identities());
        QVERIFY(editor.htmlSignatureField()->toPlainText().contains(u"Ann of Example"_s));
        editor.setCurrentIndex(2);
        QVERIFY(editor.htmlSignatureField()->toPlainText().isEmpty());
        editor.htmlSignatureField()->setHtml(u"<p><b>Plain</b> no more</p>"_s);
        QList<Identity> identities = editor.identities();
        QVERIFY2(identities.at(2).htmlSignature.contains(u"<b>Plain</b> no more"_s),
                 qPrintable(identities.at(2).htmlSignature));
        QCOMPARE(identities.at(2).signature, u"Only plain"_s);
        // Unchanged ones stay as they were.
        QCOMPARE(identities.at(0).htmlSignature, account(true).identities().at(0).htmlSignature);
        editor.htmlSignatureField()->clear();
        QVERIFY(editor.identities().at(2).htmlSignature.isEmpty());
    }

    void signatureEditorHasTheFormatToolsAndKeepsPictures()
    {
        // The identity's HTML signature is written with the composer's own formatting tools
        // (the same ComposerFormatBar), without the HTML switch.
        IdentityListEditor editor;
        editor.setIdentities(account(true).identities());
        editor.setCurrentIndex(2);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        ComposerFormatBar *bar = editor.htmlSignatureFormatBar();
        QVERIFY(bar);
        QCOMPARE(editor.findChildren<ComposerFormatBar *>(), QList<ComposerFormatBar *> {bar});
        QVERIFY(bar->isVisible());
        QVERIFY(!bar->actions().contains(bar->htmlAction()));
        for (QAction *action : bar->formatActions()) {
            QVERIFY2(action->isEnabled(), qPrintable(action->objectName()));
            // Each shown as a button, none behind the bar's overflow arrow.
            QVERIFY2(bar->widgetForAction(action) && bar->widgetForAction(action)->isVisible(),
                     qPrintable(action->objectName()));
        }

        // Bold by the toolbar, italic by its key while the signature has the focus.
        HtmlComposerEditor *signature = editor.htmlSignatureField();
        signature->setFocus();
        QTRY_VERIFY(signature->hasFocus());
        bar->boldAction()->trigger();
        QTest::keyClicks(signature, u"Ann"_s);
        bar->boldAction()->trigger();
        QTest::keySequence(signature, QKeySequence::Italic);
        QTest::keyClicks(signature, u" Plain"_s);
        QTest::keySequence(signature, QKeySequence::Italic);
        signature->moveCursor(QTextCursor::End);
        const QByteArray png = pngBytes(Qt::blue);
        QVERIFY(!signature->insertImage(png, u"logo.png"_s).isEmpty());
        const Identity kept = editor.identities().at(2);
        QVERIFY2(kept.htmlSignature.contains(u"<b>Ann</b>"_s), qPrintable(kept.htmlSignature));
        QVERIFY2(kept.htmlSignature.contains(u"<i> Plain</i>"_s), qPrintable(kept.htmlSignature));
        // The picture is kept in the signature itself.
        QVERIFY2(kept.htmlSignature.contains(u"src=\"data:image/png;base64,"_s
                                             + QString::fromLatin1(png.toBase64())),
                 qPrintable(kept.htmlSignature));
        QVERIFY(!kept.htmlSignature.contains(u"cid:"_s));
        // The keys of the tools do nothing in the dialog's other fields.
        editor.nameField()->setFocus();
        QTRY_VERIFY(editor.nameField()->hasFocus());
        QTest::keySequence(editor.nameField(), QKeySequence::Bold);
        QCOMPARE(editor.identities().at(2).htmlSignature, kept.htmlSignature);

        // Shown again (the dialog opened once more), the picture is there.
        IdentityListEditor again;
        QList<Identity> identities = account(true).identities();
        identities[2] = kept;
        again.setIdentities(identities);
        again.setCurrentIndex(2);
        const QList<OutgoingAttachment> shown = again.htmlSignatureField()->inlineImages();
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().data, png);
        QCOMPARE(again.identities().at(2).htmlSignature, kept.htmlSignature);

        // Composed with it, the picture goes as an inline part the HTML references.
        Account a = account(true);
        a.setIdentities(identities);
        ComposerWindow composer;
        composer.setAccounts({a});
        composer.fromCombo()->setCurrentIndex(2);
        composer.applyRequest(ComposeRequest());
        composer.toField()->setText(u"bob@example.org"_s);
        QVERIFY(composer.isRichText());
        const OutgoingMessage m = composer.message();
        QCOMPARE(m.attachments.size(), 1);
        const OutgoingAttachment part = m.attachments.first();
        QVERIFY(part.isInline);
        QCOMPARE(part.data, png);
        QCOMPARE(part.mimeType, QByteArray("image/png"));
        QVERIFY2(m.htmlBody.contains(u"<img src=\"cid:"_s + QString::fromLatin1(part.contentId)),
                 qPrintable(m.htmlBody));
        QVERIFY2(m.htmlBody.contains(u"<b>Ann</b>"_s), qPrintable(m.htmlBody));
        QVERIFY(!m.htmlBody.contains(u"data:"_s));
        // Another sender takes the block and its picture away.
        composer.fromCombo()->setCurrentIndex(1);
        QVERIFY(composer.message().attachments.isEmpty());
        QVERIFY(composer.message().htmlBody.contains(u"<i>Ann</i> at work"_s));
    }

    void accountDialogComposeInHtml()
    {
        AccountDialog dialog;
        dialog.setAccount(account(false));
        QVERIFY(!dialog.composeHtmlBox()->isChecked());
        dialog.composeHtmlBox()->setChecked(true);
        QVERIFY(dialog.account().composesHtml());
        dialog.setAccount(account(true));
        QVERIFY(dialog.composeHtmlBox()->isChecked());
        dialog.composeHtmlBox()->setChecked(false);
        QVERIFY(!dialog.account().composesHtml());
        QCOMPARE(dialog.account().identities().at(1).htmlSignature, u"<i>Ann</i> at work"_s);
    }
};

QTEST_MAIN(TestHtmlComposer)
#include "tst_htmlcomposer.moc"
