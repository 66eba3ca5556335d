// The composer's From list and signatures: the identities of every account, the one a reply or
// forward is sent as, and the signature block put under the new text, replaced when the sender
// changes, never twice and never inside the quote.
#include "composerdraft.h"
#include "composerequest.h"
#include "composersignature.h"
#include "composerwindow.h"
#include "messagequoter.h"
#include "mime/messagebuilder.h"
#include "originalmessage.h"

#include <QComboBox>
#include <QTest>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextEdit>

using namespace Qt::StringLiterals;

namespace {

Account work()
{
    Account a;
    a.setId(u"work"_s);
    a.setDisplayName(u"Work"_s);
    a.setAddress(u"ann@work.example"_s);
    a.setIdentities({Identity {u"Ann Example"_s, u"ann@work.example"_s, u"Ann\nWork Ltd."_s},
                     Identity {u"Sales Team"_s, u"sales@work.example"_s, u"The sales team"_s,
                               u"orders@work.example"_s},
                     Identity {u"Ann (no signature)"_s, u"ann.plain@work.example"_s, {}}});
    return a;
}

Account home()
{
    Account a;
    a.setId(u"home"_s);
    a.setDisplayName(u"Home"_s);
    a.setAddress(u"ann@home.example"_s);
    // Typed with its own separator: it still gets only one.
    a.setIdentities({Identity {u"Ann"_s, u"ann@home.example"_s, u"-- \nAnn at home\n"_s}});
    return a;
}

OriginalMessage original(const QString &accountId, const QList<MailAddress> &to)
{
    OriginalMessage o;
    o.accountId = accountId;
    o.from = {u"Bob"_s, u"bob@example.org"_s};
    o.to = to;
    o.subject = u"Order"_s;
    o.date = QDateTime(QDate(2026, 3, 14), QTime(12, 30));
    o.plainBody = u"Please send the offer.\n-- \nBob's signature\n"_s;
    o.messageId = "<m1@example.org>";
    return o;
}

int fromIndex(const ComposerWindow &composer, const QString &address)
{
    for (int i = 0; i < composer.fromCombo()->count(); ++i)
        if (composer.fromCombo()->itemText(i).contains(address))
            return i;
    return -1;
}

QString body(const ComposerWindow &composer)
{
    return composer.bodyEditor()->toPlainText();
}

} // namespace

class TestComposerIdentities : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromListShowsEveryIdentity()
    {
        ComposerWindow composer;
        composer.setAccounts({work(), home()});
        QCOMPARE(composer.fromCombo()->count(), 4);
        QCOMPARE(composer.fromCombo()->itemText(1), u"Sales Team <sales@work.example>"_s);
        composer.fromCombo()->setCurrentIndex(1);
        QCOMPARE(composer.selectedAccountId(), u"work"_s);
        QCOMPARE(composer.message().from.address, u"sales@work.example"_s);
        composer.fromCombo()->setCurrentIndex(3);
        QCOMPARE(composer.selectedAccountId(), u"home"_s);
    }

    void signatureBlock_data()
    {
        QTest::addColumn<QString>("signature");
        QTest::addColumn<QString>("block");
        QTest::addRow("plain") << u"Ann"_s << u"\n\n-- \nAnn"_s;
        QTest::addRow("own separator") << u"-- \nAnn\n\n"_s << u"\n\n-- \nAnn"_s;
        QTest::addRow("CRLF") << u"Ann\r\nWork"_s << u"\n\n-- \nAnn\nWork"_s;
        QTest::addRow("empty") << QString() << QString();
        QTest::addRow("blank") << u" \n"_s << QString();
        QTest::addRow("separator alone") << u"-- "_s << QString();
    }

    void signatureBlock()
    {
        QFETCH(QString, signature);
        QTEST(ComposerSignature::block(signature), "block");
    }

    void newMessageSignatureFollowsTheSender()
    {
        ComposerWindow composer;
        composer.setAccounts({work(), home()});
        composer.applyRequest(ComposeRequest());
        QCOMPARE(body(composer), u"\n\n-- \nAnn\nWork Ltd."_s);
        QCOMPARE(composer.bodyEditor()->textCursor().position(), 0);

        QTest::keyClicks(composer.bodyEditor(), u"Hello"_s);
        QCOMPARE(body(composer), u"Hello\n\n-- \nAnn\nWork Ltd."_s);
        composer.fromCombo()->setCurrentIndex(1);
        QCOMPARE(body(composer), u"Hello\n\n-- \nThe sales team"_s);
        // Typing goes on where it was.
        QTest::keyClicks(composer.bodyEditor(), u" Bob"_s);
        QCOMPARE(body(composer), u"Hello Bob\n\n-- \nThe sales team"_s);
        // An identity without a signature takes the block away; the next one puts it back.
        composer.fromCombo()->setCurrentIndex(2);
        QCOMPARE(body(composer), u"Hello Bob"_s);
        composer.fromCombo()->setCurrentIndex(3);
        QCOMPARE(body(composer), u"Hello Bob\n\n-- \nAnn at home"_s);
        QCOMPARE(composer.message().plainBody.count(u"-- \n"_s), 1);
    }

    void requestBodyComesFirst()
    {
        ComposerWindow composer;
        composer.setAccounts({work()});
        ComposeRequest request;
        request.body = u"From the mailto link"_s;
        composer.applyRequest(request);
        QCOMPARE(body(composer), u"From the mailto link\n\n-- \nAnn\nWork Ltd."_s);
    }

    void signatureTheUserEditedStays()
    {
        ComposerWindow composer;
        composer.setAccounts({work()});
        composer.applyRequest(ComposeRequest());
        QTextCursor cursor = composer.bodyEditor()->textCursor();
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(u" (on leave)"_s);
        composer.fromCombo()->setCurrentIndex(1);
        QCOMPARE(body(composer), u"\n\n-- \nAnn\nWork Ltd. (on leave)"_s);
        QCOMPARE(body(composer).count(u"-- \n"_s), 1);
    }

    void replyIsSentAsTheAddressedIdentity_data()
    {
        QTest::addColumn<QString>("accountId");
        QTest::addColumn<QStringList>("to");
        QTest::addColumn<QStringList>("cc");
        QTest::addColumn<QString>("from");
        QTest::addRow("addressed to the second identity")
                << u"work"_s << QStringList {u"SALES@work.example"_s} << QStringList {}
                << u"sales@work.example"_s;
        QTest::addRow("in Cc") << u"work"_s << QStringList {u"someone@example.org"_s}
                               << QStringList {u"ann.plain@work.example"_s}
                               << u"ann.plain@work.example"_s;
        QTest::addRow("another account's identity")
                << u"work"_s << QStringList {u"ann@home.example"_s} << QStringList {}
                << u"ann@home.example"_s;
        QTest::addRow("not addressed to any: the holding account's default")
                << u"home"_s << QStringList {u"list@example.org"_s} << QStringList {}
                << u"ann@home.example"_s;
    }

    void replyIsSentAsTheAddressedIdentity()
    {
        QFETCH(QString, accountId);
        QFETCH(QStringList, to);
        QFETCH(QStringList, cc);
        QFETCH(QString, from);
        OriginalMessage o = original(accountId, {});
        for (const QString &address : to)
            o.to.append({{}, address});
        for (const QString &address : cc)
            o.cc.append({{}, address});
        ComposerWindow composer;
        composer.setAccounts({work(), home()});
        composer.applyRequest(ComposeRequest());
        composer.startReply(o, false);
        QCOMPARE(composer.message().from.address, from);
        QCOMPARE(composer.fromCombo()->currentIndex(), fromIndex(composer, from));
    }

    void replySignatureIsAboveTheQuote()
    {
        ComposerWindow composer;
        composer.setAccounts({work()});
        composer.applyRequest(ComposeRequest());
        const OriginalMessage o = original(u"work"_s, {{{}, u"sales@work.example"_s}});
        composer.startReply(o, false);
        const QString quote = MessageQuoter::quotePlain(o);
        QCOMPARE(body(composer), u"\n\n-- \nThe sales team\n\n"_s + quote);
        QCOMPARE(composer.bodyEditor()->textCursor().position(), 0);
        // Another sender: the block above the quote changes, the quoted signature does not.
        composer.fromCombo()->setCurrentIndex(0);
        QCOMPARE(body(composer), u"\n\n-- \nAnn\nWork Ltd.\n\n"_s + quote);
        QVERIFY(quote.contains(u"> -- "_s));
        const QString sent = composer.message().plainBody;
        QCOMPARE(sent.count(u"\n-- \n"_s), 1);
        QVERIFY(sent.indexOf(u"\n-- \n"_s) < sent.indexOf(u"> Please send"_s));
    }

    void replyInHtmlGetsTheSignatureOnce()
    {
        ComposerWindow composer;
        composer.setAccounts({work()});
        composer.setRichText(true);
        composer.applyRequest(ComposeRequest());
        composer.startReply(original(u"work"_s, {{{}, u"ann@work.example"_s}}), false);
        composer.fromCombo()->setCurrentIndex(1);
        const QString text = body(composer);
        QCOMPARE(text.count(u"The sales team"_s), 1);
        QCOMPARE(text.count(u"Work Ltd."_s), 0);
        QVERIFY(text.indexOf(u"The sales team"_s) < text.indexOf(u"Please send"_s));
    }

    void forwardSignatureIsAboveTheForwardedMessage()
    {
        ComposerWindow composer;
        composer.setAccounts({work(), home()});
        composer.applyRequest(ComposeRequest());
        const OriginalMessage o = original(u"home"_s, {{{}, u"ann@home.example"_s}});
        composer.startForward(o);
        QCOMPARE(composer.message().from.address, u"ann@home.example"_s);
        QCOMPARE(body(composer), u"\n\n-- \nAnn at home\n\n"_s + MessageQuoter::forwardPlain(o));
    }

    void replyToOfTheIdentityIsWritten()
    {
        ComposerWindow composer;
        composer.setAccounts({work()});
        composer.fromCombo()->setCurrentIndex(1);
        OutgoingMessage m = composer.message();
        QCOMPARE(m.replyTo, (QList<MailAddress> {{{}, u"orders@work.example"_s}}));
        m.to = {{u"Bob"_s, u"bob@example.org"_s}};
        MailError error;
        const QByteArray bytes = MessageBuilder(m).build(&error);
        QVERIFY(!error);
        QVERIFY2(bytes.contains("\r\nReply-To: orders@work.example\r\n"), bytes.constData());
        composer.fromCombo()->setCurrentIndex(0);
        QVERIFY(composer.message().replyTo.isEmpty());
    }

    void restoredDraftKeepsOneSignature()
    {
        ComposerWindow first;
        first.setAccounts({work()});
        first.applyRequest(ComposeRequest());
        QTest::keyClicks(first.bodyEditor(), u"Draft text"_s);
        const ComposerDraft draft = first.draft();

        ComposerWindow second;
        second.setAccounts({work()});
        second.restoreDraft(draft);
        QCOMPARE(body(second), u"Draft text\n\n-- \nAnn\nWork Ltd."_s);
        second.fromCombo()->setCurrentIndex(1);
        QCOMPARE(body(second), u"Draft text\n\n-- \nThe sales team"_s);
    }

    void restoredDraftNeverChangesTheQuote_data()
    {
        QTest::addColumn<bool>("forward");
        QTest::addColumn<bool>("rich");
        QTest::addRow("plain reply") << false << false;
        QTest::addRow("rich reply") << false << true;
        QTest::addRow("plain forward") << true << false;
        QTest::addRow("rich forward") << true << true;
    }

    // The user deleted their own signature; the quoted or forwarded message ends with the same
    // one. Restored from the draft, a change of sender finds no block of its own to replace:
    // the quoted copy is never taken for it.
    void restoredDraftNeverChangesTheQuote()
    {
        QFETCH(bool, forward);
        QFETCH(bool, rich);
        OriginalMessage o = original(u"work"_s, {{{}, u"sales@work.example"_s}});
        o.plainBody = u"Please send the offer.\n\n-- \nThe sales team\n"_s;
        ComposerWindow first;
        first.setAccounts({work()});
        first.setRichText(rich);
        first.applyRequest(ComposeRequest());
        if (forward) {
            first.startForward(o);
            first.fromCombo()->setCurrentIndex(1);
        } else {
            first.startReply(o, false);
        }
        QCOMPARE(first.message().from.address, u"sales@work.example"_s);
        QCOMPARE(body(first).count(u"The sales team"_s), 2);
        // The user's own block, above the quote, is deleted.
        QTextDocument *document = first.bodyEditor()->document();
        const QTextCursor separator = document->find(u"-- "_s);
        const QTextCursor signature = document->find(u"The sales team"_s);
        QVERIFY(!separator.isNull() && !signature.isNull());
        QTextCursor cursor(document);
        cursor.setPosition(separator.selectionStart());
        cursor.setPosition(signature.selectionEnd(), QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
        const ComposerDraft draft = first.draft();

        ComposerWindow second;
        second.setAccounts({work()});
        second.restoreDraft(draft);
        const QString restored = body(second);
        QCOMPARE(restored.count(u"The sales team"_s), 1);
        second.fromCombo()->setCurrentIndex(0);
        QCOMPARE(body(second), restored);
        QCOMPARE(body(second).count(u"Work Ltd."_s), 0);
    }
};

QTEST_MAIN(TestComposerIdentities)
#include "tst_composeridentities.moc"
