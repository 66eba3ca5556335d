// Writing mail through the whole application against the local Dovecot and Postfix: a forward
// carries the original's attachments on, byte for byte; the forwarded message gets $Forwarded
// and the answered one \Answered on the server once the answer has left; a draft filed in the
// server's Drafts opens in the composer from the message list, saving it again replaces the
// server's copy, and sending it deletes the copy; a reply kept as a draft and reopened still
// marks what it answers, and a forward kept as a draft what it forwards.
#include "accountdialog.h"
#include "accountlistdialog.h"
#include "appcontroller.h"
#include "apptesthome.h"
#include "composerequest.h"
#include "composerwindow.h"
#include "connectiontestpanel.h"
#include "mailstackinfo.h"
#include "mainwindow.h"
#include "mime/messagecontent.h"
#include "mime/mimepart.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "people/addressbook.h"
#include "recipientfield.h"
#include "settingsdialog.h"
#include "viewer/messageviewer.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTimer>
#include <QTreeView>
#include <QUuid>

namespace {

void typeInto(QLineEdit *field, const QString &text)
{
    field->clear();
    QTest::keyClicks(field, text);
}

QList<ComposerWindow *> visibleComposers()
{
    QList<ComposerWindow *> found;
    for (QWidget *widget : QApplication::topLevelWidgets())
        if (auto *window = qobject_cast<ComposerWindow *>(widget); window && window->isVisible())
            found.append(window);
    return found;
}

// Answers the next modal question (keep the draft?) with the given button.
void answerNext(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, [button] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->button(button)->click();
    });
}

} // namespace

class TestWritingEndToEnd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void forwardKeepsAttachmentsAndFlagsTheOriginal();
    void replyMarksTheOriginalAnswered();
    void draftReopensReplacesAndGoesWhenSent();
    void peopleWrittenToComplete();
    void undoSendReopensTheComposer();
    void reopenedReplyDraftMarksTheOriginalAnswered();
    void reopenedForwardDraftMarksTheOriginalForwarded();

private:
    void addAccount(const QString &user, const QString &name);
    QModelIndex folderOf(const QString &accountName, FolderRecord::SpecialUse use) const;
    QModelIndex findMessage(const QString &subject) const;
    // The messages of user's folder whose Subject contains text: each with the fields asked.
    QJsonArray fetch(const QString &user, const QString &folder, const QString &subject,
                     const QString &fields) const;
    QString flagsOf(const QString &user, const QString &subject) const;
    ComposerWindow *composerFrom(const QString &user);
    // Sets the undo-send delay as the user does: Settings → Sending, then OK.
    void setUndoSendDelay(int seconds);
    // Shows user's Inbox and the message with that subject in the viewer.
    void openInInbox(const QString &accountName, const QString &subject);

    MailStackInfo m_stack;
    QTemporaryDir m_home;
    std::unique_ptr<AppController> m_app;
    QString m_token;
    QString m_subject; // Alice's message to Bob, with two attachments
    QByteArray m_binary;
    QByteArray m_text;
};

void TestWritingEndToEnd::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    const QString home = AppTestHome::enter(m_home, QStringLiteral("heron-writing"));
    QVERIFY2(home.isEmpty(), qPrintable(home));
    // Sent at once here; undoSendReopensTheComposer() sets a delay of its own.
    QSettings().setValue(QStringLiteral("composer/undoSendSeconds"), 0);
    m_app = std::make_unique<AppController>();
    m_app->mainWindow()->show();
    m_token = QUuid::createUuid().toString(QUuid::Id128).left(10);
    addAccount(QStringLiteral("alice"), QStringLiteral("Alice"));
    QTRY_VERIFY_WITH_TIMEOUT(folderOf(QStringLiteral("Alice"), FolderRecord::SpecialUse::Inbox)
                                     .isValid(),
                             30000);
    addAccount(QStringLiteral("bob"), QStringLiteral("Bob"));
    QTRY_VERIFY_WITH_TIMEOUT(folderOf(QStringLiteral("Bob"), FolderRecord::SpecialUse::Inbox)
                                     .isValid(),
                             30000);
}

void TestWritingEndToEnd::cleanupTestCase()
{
    for (ComposerWindow *composer : visibleComposers())
        delete composer;
    m_app.reset();
}

void TestWritingEndToEnd::addAccount(const QString &user, const QString &name)
{
    m_app->openAccounts();
    auto *list = m_app->mainWindow()->findChild<AccountListDialog *>();
    QVERIFY(list);
    if (!m_app->mainWindow()->findChild<AccountDialog *>())
        list->addAccount();
    AccountDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_app->mainWindow()->findChild<AccountDialog *>()) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    typeInto(dialog->accountNameField(), name);
    typeInto(dialog->nameField(), name);
    typeInto(dialog->addressField(), m_stack.address(user));
    typeInto(dialog->imapHostField(), m_stack.host());
    dialog->imapSecurityBox()->setCurrentIndex(
            dialog->imapSecurityBox()->findData(int(Security::ImplicitTls)));
    typeInto(dialog->imapPortField(), QString::number(m_stack.imapTlsPort()));
    typeInto(dialog->smtpHostField(), m_stack.host());
    dialog->smtpSecurityBox()->setCurrentIndex(
            dialog->smtpSecurityBox()->findData(int(Security::StartTls)));
    typeInto(dialog->smtpPortField(), QString::number(m_stack.smtpStartTlsPort()));
    typeInto(dialog->passwordField(), m_stack.password());
    auto *caFile = dialog->findChild<QLineEdit *>(QStringLiteral("caFile"));
    QVERIFY(caFile);
    typeInto(caFile, m_stack.caFile());
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!m_app->mainWindow()->findChild<AccountDialog *>());
}

QModelIndex TestWritingEndToEnd::folderOf(const QString &accountName,
                                          FolderRecord::SpecialUse use) const
{
    const QAbstractItemModel *model = m_app->mainWindow()->folderView()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex account = model->index(row, 0);
        if (account.data().toString() != accountName)
            continue;
        const QModelIndexList found = model->match(model->index(0, 0, account),
                                                   FolderTreeModel::SpecialUseRole, int(use), 1,
                                                   Qt::MatchExactly);
        if (!found.isEmpty())
            return found.first();
    }
    return {};
}

QModelIndex TestWritingEndToEnd::findMessage(const QString &subject) const
{
    const QAbstractItemModel *model = m_app->mainWindow()->messageView()->model();
    if (!model)
        return {};
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(MessageListModel::SubjectRole).toString() == subject)
            return index;
    }
    return {};
}

QJsonArray TestWritingEndToEnd::fetch(const QString &user, const QString &folder,
                                      const QString &subject, const QString &fields) const
{
    const QByteArray out = m_stack.doveadm(
            {QStringLiteral("-f"), QStringLiteral("json"), QStringLiteral("fetch"),
             QStringLiteral("-u"), m_stack.address(user), fields, QStringLiteral("mailbox"), folder,
             QStringLiteral("header"), QStringLiteral("Subject"), subject});
    return QJsonDocument::fromJson(out).array();
}

QString TestWritingEndToEnd::flagsOf(const QString &user, const QString &subject) const
{
    const QJsonArray found = fetch(user, QStringLiteral("INBOX"), subject,
                                   QStringLiteral("hdr.subject flags"));
    for (const QJsonValue &value : found) {
        const QJsonObject message = value.toObject();
        if (message.value(QStringLiteral("hdr.subject")).toString().trimmed() == subject)
            return message.value(QStringLiteral("flags")).toString();
    }
    return {};
}

ComposerWindow *TestWritingEndToEnd::composerFrom(const QString &user)
{
    ComposerWindow *composer = m_app->openComposer(ComposeRequest());
    const int identity = composer->fromCombo()->findText(user + QLatin1Char('@'), Qt::MatchContains);
    if (identity < 0)
        return nullptr;
    composer->fromCombo()->setCurrentIndex(identity);
    return composer;
}

void TestWritingEndToEnd::openInInbox(const QString &accountName, const QString &subject)
{
    m_app->mainWindow()->folderView()->setCurrentIndex(
            folderOf(accountName, FolderRecord::SpecialUse::Inbox));
    QModelIndex arrived;
    QTRY_VERIFY_WITH_TIMEOUT((arrived = findMessage(subject)).isValid(), 30000);
    m_app->mainWindow()->messageView()->setCurrentIndex(arrived);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->mainWindow()->messageViewer()->message().subject, subject,
                              30000);
}

void TestWritingEndToEnd::forwardKeepsAttachmentsAndFlagsTheOriginal()
{
    // Alice sends Bob a message with a binary file (every byte value) and a text file.
    m_binary.resize(300 * 1024);
    for (qsizetype i = 0; i < m_binary.size(); ++i)
        m_binary[i] = char(i % 256 == 0 ? QRandomGenerator::global()->bounded(256) : i % 256);
    m_text = "line one\r\nline two without end";
    const QString binaryPath = m_home.filePath(QStringLiteral("measurements.bin"));
    const QString textPath = m_home.filePath(QStringLiteral("notes.txt"));
    for (const auto &[path, bytes] : {std::pair {binaryPath, m_binary}, {textPath, m_text}}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }
    m_subject = QStringLiteral("Writing ") + m_token;
    ComposerWindow *composer = composerFrom(QStringLiteral("alice"));
    QVERIFY(composer);
    QTest::keyClicks(composer->toField(), m_stack.address(QStringLiteral("bob")));
    QTest::keyClicks(composer->subjectField(), m_subject);
    QTest::keyClicks(composer->bodyEditor(), QStringLiteral("The figures are attached."));
    QVERIFY(composer->addAttachment(binaryPath));
    QVERIFY(composer->addAttachment(textPath));
    composer->sendAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!flagsOf(QStringLiteral("bob"), m_subject).isNull(), 30000);

    // Bob forwards it inline (Forward, not as an attachment) to Alice.
    openInInbox(QStringLiteral("Bob"), m_subject);
    auto *forward = m_app->mainWindow()->findChild<QAction *>(QStringLiteral("forward"));
    QVERIFY(forward);
    forward->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(visibleComposers().size(), 1, 30000);
    ComposerWindow *forwarding = visibleComposers().first();
    QCOMPARE(forwarding->subjectField()->text(), QStringLiteral("Fwd: ") + m_subject);
    QVERIFY(forwarding->bodyEditor()->toPlainText().contains(
            QStringLiteral("The figures are attached.")));
    QCOMPARE(forwarding->message().attachments.size(), 2);
    forwarding->fromCombo()->setCurrentIndex(
            forwarding->fromCombo()->findText(QStringLiteral("bob@"), Qt::MatchContains));
    QTest::keyClicks(forwarding->toField(), m_stack.address(QStringLiteral("alice")));
    // Not flagged before the forward has left.
    QVERIFY(!flagsOf(QStringLiteral("bob"), m_subject).contains(QStringLiteral("$Forwarded")));
    forwarding->sendAction()->trigger();

    // Alice gets both files, byte for byte as she attached them.
    const QString forwardedSubject = QStringLiteral("Fwd: ") + m_subject;
    QJsonArray found;
    QTRY_VERIFY_WITH_TIMEOUT(!(found = fetch(QStringLiteral("alice"), QStringLiteral("INBOX"),
                                             forwardedSubject, QStringLiteral("text")))
                                      .isEmpty(),
                             30000);
    const MimePart received = MimePart::parse(
            found.first().toObject().value(QStringLiteral("text")).toString().toUtf8());
    const MessageContent content = MessageContent::fromMessage(received);
    const QList<MessageContent::Attachment> attachments = content.attachments();
    QCOMPARE(attachments.size(), 2);
    QCOMPARE(attachments.at(0).fileName, QStringLiteral("measurements.bin"));
    QCOMPARE(received.findSection(attachments.at(0).section)->decodedBody(), m_binary);
    QCOMPARE(attachments.at(1).fileName, QStringLiteral("notes.txt"));
    QCOMPARE(received.findSection(attachments.at(1).section)->decodedBody(), m_text);
    QVERIFY(content.bodies().first().text.contains(QStringLiteral("The figures are attached.")));

    // Bob's original is marked forwarded on the server, and not answered.
    QTRY_VERIFY_WITH_TIMEOUT(flagsOf(QStringLiteral("bob"), m_subject)
                                     .contains(QStringLiteral("$Forwarded")),
                             30000);
    QVERIFY(!flagsOf(QStringLiteral("bob"), m_subject).contains(QStringLiteral("\\Answered")));
}

void TestWritingEndToEnd::replyMarksTheOriginalAnswered()
{
    QVERIFY(!m_subject.isEmpty());
    QTRY_VERIFY(visibleComposers().isEmpty());
    openInInbox(QStringLiteral("Bob"), m_subject);
    auto *reply = m_app->mainWindow()->findChild<QAction *>(QStringLiteral("reply"));
    QVERIFY(reply);
    reply->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(visibleComposers().size(), 1, 30000);
    ComposerWindow *answering = visibleComposers().first();
    answering->fromCombo()->setCurrentIndex(
            answering->fromCombo()->findText(QStringLiteral("bob@"), Qt::MatchContains));
    // The cursor waits in the text, above the quote.
    QCOMPARE(answering->focusWidget(), answering->bodyEditor());
    QTest::keyClicks(answering->bodyEditor(), QStringLiteral("Thanks, got them."));
    answering->sendAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!fetch(QStringLiteral("alice"), QStringLiteral("INBOX"),
                                    QStringLiteral("Re: ") + m_subject, QStringLiteral("uid"))
                                      .isEmpty(),
                             30000);
    QTRY_VERIFY_WITH_TIMEOUT(flagsOf(QStringLiteral("bob"), m_subject)
                                     .contains(QStringLiteral("\\Answered")),
                             30000);
}

void TestWritingEndToEnd::draftReopensReplacesAndGoesWhenSent()
{
    QTRY_VERIFY(visibleComposers().isEmpty());
    const QString first = QStringLiteral("Draft ") + m_token;
    const QString second = first + QStringLiteral(" revised");
    const QString draftsOf = QStringLiteral("Drafts");
    const auto draftSubjects = [&] {
        QStringList subjects;
        for (const QJsonValue &value :
             fetch(QStringLiteral("bob"), draftsOf, first, QStringLiteral("hdr.subject")))
            subjects.append(
                    value.toObject().value(QStringLiteral("hdr.subject")).toString().trimmed());
        return subjects;
    };

    // Bob starts a message and closes it with Esc, keeping the draft: it goes to Drafts.
    ComposerWindow *composer = composerFrom(QStringLiteral("bob"));
    QVERIFY(composer);
    QVERIFY(QTest::qWaitForWindowExposed(composer));
    QTest::keyClicks(composer->toField(), m_stack.address(QStringLiteral("alice")));
    QTest::keyClicks(composer->subjectField(), first);
    QTest::keyClicks(composer->bodyEditor(), QStringLiteral("Half a thought"));
    answerNext(QMessageBox::Save);
    composer->closeAsking();
    QTRY_COMPARE_WITH_TIMEOUT(draftSubjects(), QStringList {first}, 30000);

    // In Bob's Drafts folder, Enter on it opens it in the composer.
    QAbstractItemView *messages = m_app->mainWindow()->messageView();
    m_app->mainWindow()->folderView()->setCurrentIndex(
            folderOf(QStringLiteral("Bob"), FolderRecord::SpecialUse::Drafts));
    QModelIndex draft;
    QTRY_VERIFY_WITH_TIMEOUT((draft = findMessage(first)).isValid(), 30000);
    messages->setCurrentIndex(draft);
    messages->setFocus();
    QTest::keyClick(messages, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(visibleComposers().size(), 1, 30000);
    composer = visibleComposers().first();
    QCOMPARE(composer->subjectField()->text(), first);
    QVERIFY(composer->toField()->text().contains(m_stack.address(QStringLiteral("alice"))));
    QVERIFY(composer->bodyEditor()->toPlainText().contains(QStringLiteral("Half a thought")));
    QVERIFY(composer->fromCombo()->currentText().contains(QStringLiteral("bob@")));
    QVERIFY(!composer->isModified());

    // Saved again, the new copy replaces the old one on the server.
    composer->subjectField()->setText(second);
    answerNext(QMessageBox::Save);
    composer->closeAsking();
    QTRY_COMPARE_WITH_TIMEOUT(draftSubjects(), QStringList {second}, 30000);

    // Opened by a double-click and sent, it leaves Drafts and reaches Alice.
    QTRY_VERIFY_WITH_TIMEOUT((draft = findMessage(second)).isValid(), 30000);
    QVERIFY(!findMessage(first).isValid());
    messages->scrollTo(draft);
    const QPoint centre = messages->visualRect(draft).center();
    QTest::mouseClick(messages->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(messages->viewport(), Qt::LeftButton, {}, centre);
    QTRY_COMPARE_WITH_TIMEOUT(visibleComposers().size(), 1, 30000);
    composer = visibleComposers().first();
    QCOMPARE(composer->subjectField()->text(), second);
    composer->sendAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!fetch(QStringLiteral("alice"), QStringLiteral("INBOX"), second,
                                    QStringLiteral("uid"))
                                      .isEmpty(),
                             30000);
    QTRY_VERIFY_WITH_TIMEOUT(draftSubjects().isEmpty(), 30000);
}

void TestWritingEndToEnd::peopleWrittenToComplete()
{
    // Everyone written to above, from either account, is in the one address book.
    AddressBook *book = m_app->addressBook();
    QVERIFY(book);
    const Contact alice = book->contact(m_stack.address(QStringLiteral("alice")));
    QVERIFY(alice.uses >= 3); // the forward, the answer, the draft sent at last
    QCOMPARE(book->contact(m_stack.address(QStringLiteral("bob"))).uses, 1);

    // A new message completes her from a few letters.
    ComposerWindow *composer = composerFrom(QStringLiteral("bob"));
    QVERIFY(composer);
    QVERIFY(QTest::qWaitForWindowExposed(composer));
    composer->toField()->setFocus();
    QTest::keyClicks(composer->toField(), QStringLiteral("ali"));
    QTRY_VERIFY(composer->toField()->completer()->popup()->isVisible());
    const QString offered
            = composer->toField()->completer()->popup()->model()->index(0, 0).data().toString();
    QVERIFY2(offered.contains(m_stack.address(QStringLiteral("alice"))), qPrintable(offered));

    // Exported and imported as vCard; an imported name completes with its accents folded.
    const QString exported = m_home.filePath(QStringLiteral("contacts.vcf"));
    QVERIFY(m_app->exportContacts(exported).contains(exported));
    QFile file(exported);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray cards = file.readAll();
    QVERIFY(cards.contains("EMAIL:" + m_stack.address(QStringLiteral("alice")).toUtf8()));
    const QString imported = m_home.filePath(QStringLiteral("friends.vcf"));
    QFile friends(imported);
    QVERIFY(friends.open(QIODevice::WriteOnly));
    friends.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:J\xc3\xbcrgen Stra\xc3\x9f"
                  "e\r\n"
                  "EMAIL;TYPE=INTERNET:juergen@example.test\r\nEND:VCARD\r\n");
    friends.close();
    QVERIFY(m_app->importContacts(imported).contains(QStringLiteral("1")));
    composer->toField()->clear();
    QTest::keyClicks(composer->toField(), QStringLiteral("jurgen str"));
    QTRY_VERIFY(composer->toField()->completer()->popup()->isVisible());
    QCOMPARE(composer->toField()->completer()->popup()->model()->index(0, 0).data().toString(),
             QString::fromUtf8("J\xc3\xbcrgen Stra\xc3\x9f"
                               "e <juergen@example.test>"));
    answerNext(QMessageBox::Discard);
    composer->discardAction()->trigger();
    QTRY_VERIFY(visibleComposers().isEmpty());
}

void TestWritingEndToEnd::setUndoSendDelay(int seconds)
{
    m_app->openSettings();
    auto *dialog = m_app->mainWindow()->findChild<SettingsDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->undoSendField());
    dialog->undoSendField()->setValue(seconds);
    dialog->accept();
    QTRY_VERIFY(!m_app->mainWindow()->findChild<SettingsDialog *>());
}

void TestWritingEndToEnd::undoSendReopensTheComposer()
{
    // The delay chosen in the settings dialog is the one the sender waits.
    setUndoSendDelay(120);
    QCOMPARE(QSettings().value(QStringLiteral("composer/undoSendSeconds")).toInt(), 120);
    const QString subject = QStringLiteral("Taken back ") + m_token;
    ComposerWindow *composer = composerFrom(QStringLiteral("alice"));
    QVERIFY(composer);
    QTest::keyClicks(composer->toField(), m_stack.address(QStringLiteral("bob")));
    QTest::keyClicks(composer->subjectField(), subject);
    QTest::keyClicks(composer->bodyEditor(), QStringLiteral("Second thoughts."));
    composer->sendAction()->trigger();
    QTRY_VERIFY(visibleComposers().isEmpty());

    // It waits in the Outbox; Undo names it and takes it back into a composer.
    QVERIFY(m_app->hasUnsentMail());
    auto *undo = m_app->mainWindow()->findChild<QAction *>(QStringLiteral("undo"));
    QVERIFY(undo);
    QTRY_VERIFY(undo->isEnabled());
    QVERIFY2(undo->text().contains(subject), qPrintable(undo->text()));
    undo->trigger();
    QTRY_COMPARE(visibleComposers().size(), 1);
    composer = visibleComposers().first();
    QCOMPARE(composer->subjectField()->text(), subject);
    QCOMPARE(composer->bodyEditor()->toPlainText(), QStringLiteral("Second thoughts."));
    QVERIFY(composer->fromCombo()->currentText().contains(QStringLiteral("alice@")));
    QVERIFY(!m_app->hasUnsentMail());
    QVERIFY(!undo->isEnabled());

    // Sent again with the delay turned off in the dialog, it goes at once and arrives once.
    setUndoSendDelay(0);
    composer->sendAction()->trigger();
    QTRY_VERIFY(visibleComposers().isEmpty());
    QVERIFY(!undo->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!fetch(QStringLiteral("bob"), QStringLiteral("INBOX"), subject,
                                    QStringLiteral("uid"))
                                      .isEmpty(),
                             30000);
    QCOMPARE(fetch(QStringLiteral("bob"), QStringLiteral("INBOX"), subject, QStringLiteral("uid"))
                     .size(),
             1);
}

void TestWritingEndToEnd::reopenedReplyDraftMarksTheOriginalAnswered()
{
    QTRY_VERIFY(visibleComposers().isEmpty());
    // Alice writes to Bob.
    const QString subject = QStringLiteral("Answer later ") + m_token;
    ComposerWindow *composer = composerFrom(QStringLiteral("alice"));
    QVERIFY(composer);
    QTest::keyClicks(composer->toField(), m_stack.address(QStringLiteral("bob")));
    QTest::keyClicks(composer->subjectField(), subject);
    QTest::keyClicks(composer->bodyEditor(), QStringLiteral("No hurry."));
    composer->sendAction()->trigger();
    QTRY_VERIFY(visibleComposers().isEmpty());

    // Bob starts an answer and keeps it as a draft on the server, threading headers and all.
    openInInbox(QStringLiteral("Bob"), subject);
    auto *reply = m_app->mainWindow()->findChild<QAction *>(QStringLiteral("reply"));
    QVERIFY(reply);
    reply->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(visibleComposers().size(), 1, 30000);
    composer = visibleComposers().first();
    composer->fromCombo()->setCurrentIndex(
            composer->fromCombo()->findText(QStringLiteral("bob@"), Qt::MatchContains));
    const QByteArray answered = composer->message().inReplyTo;
    QVERIFY(!answered.isEmpty());
    QTest::keyClicks(composer->bodyEditor(), QStringLiteral("Later, then."));
    answerNext(QMessageBox::Save);
    composer->closeAsking();
    const QString replySubject = QStringLiteral("Re: ") + subject;
    QJsonArray kept;
    QTRY_VERIFY_WITH_TIMEOUT(!(kept = fetch(QStringLiteral("bob"), QStringLiteral("Drafts"),
                                            replySubject, QStringLiteral("hdr.in-reply-to")))
                                      .isEmpty(),
                             30000);
    QCOMPARE(kept.first().toObject().value(QStringLiteral("hdr.in-reply-to")).toString().trimmed(),
             QString::fromLatin1(answered));
    QVERIFY(!flagsOf(QStringLiteral("bob"), subject).contains(QStringLiteral("\\Answered")));

    // Reopened from Drafts (a new composer knows nothing of the first one), it still knows
    // what it answers; sent, the original is answered and the draft goes.
    m_app->mainWindow()->folderView()->setCurrentIndex(
            folderOf(QStringLiteral("Bob"), FolderRecord::SpecialUse::Drafts));
    QModelIndex draft;
    QTRY_VERIFY_WITH_TIMEOUT((draft = findMessage(replySubject)).isValid(), 30000);
    QAbstractItemView *messages = m_app->mainWindow()->messageView();
    messages->setCurrentIndex(draft);
    messages->setFocus();
    QTest::keyClick(messages, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(visibleComposers().size(), 1, 30000);
    composer = visibleComposers().first();
    QCOMPARE(composer->message().inReplyTo, answered);
    bool marks = false;
    for (const OutboxFollowUp &followUp : composer->followUps())
        marks = marks || followUp.action == OutboxFollowUp::Action::MarkAnswered;
    QVERIFY(marks);
    composer->sendAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!fetch(QStringLiteral("alice"), QStringLiteral("INBOX"), replySubject,
                                    QStringLiteral("uid"))
                                      .isEmpty(),
                             30000);
    QTRY_VERIFY_WITH_TIMEOUT(flagsOf(QStringLiteral("bob"), subject)
                                     .contains(QStringLiteral("\\Answered")),
                             30000);
    QTRY_VERIFY_WITH_TIMEOUT(fetch(QStringLiteral("bob"), QStringLiteral("Drafts"), replySubject,
                                   QStringLiteral("uid"))
                                     .isEmpty(),
                             30000);
}

void TestWritingEndToEnd::reopenedForwardDraftMarksTheOriginalForwarded()
{
    QTRY_VERIFY(visibleComposers().isEmpty());
    // Alice writes to Bob.
    const QString subject = QStringLiteral("Pass it on ") + m_token;
    ComposerWindow *composer = composerFrom(QStringLiteral("alice"));
    QVERIFY(composer);
    QTest::keyClicks(composer->toField(), m_stack.address(QStringLiteral("bob")));
    QTest::keyClicks(composer->subjectField(), subject);
    QTest::keyClicks(composer->bodyEditor(), QStringLiteral("Worth reading."));
    composer->sendAction()->trigger();
    QTRY_VERIFY(visibleComposers().isEmpty());

    // Bob starts forwarding it and keeps the forward as a draft on the server.
    openInInbox(QStringLiteral("Bob"), subject);
    const QJsonArray original = fetch(QStringLiteral("bob"), QStringLiteral("INBOX"), subject,
                                      QStringLiteral("hdr.message-id"));
    QCOMPARE(original.size(), 1);
    const QString forwardedId = original.first()
                                        .toObject()
                                        .value(QStringLiteral("hdr.message-id"))
                                        .toString()
                                        .trimmed();
    QVERIFY(!forwardedId.isEmpty());
    auto *forward = m_app->mainWindow()->findChild<QAction *>(QStringLiteral("forward"));
    QVERIFY(forward);
    forward->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(visibleComposers().size(), 1, 30000);
    composer = visibleComposers().first();
    composer->fromCombo()->setCurrentIndex(
            composer->fromCombo()->findText(QStringLiteral("bob@"), Qt::MatchContains));
    QTest::keyClicks(composer->bodyEditor(), QStringLiteral("See below."));
    answerNext(QMessageBox::Save);
    composer->closeAsking();
    const QString forwardSubject = QStringLiteral("Fwd: ") + subject;
    QJsonArray kept;
    QTRY_VERIFY_WITH_TIMEOUT(!(kept = fetch(QStringLiteral("bob"), QStringLiteral("Drafts"),
                                            forwardSubject,
                                            QStringLiteral("hdr.x-forwarded-message-id")))
                                      .isEmpty(),
                             30000);
    const QString keptId = kept.first()
                                   .toObject()
                                   .value(QStringLiteral("hdr.x-forwarded-message-id"))
                                   .toString()
                                   .trimmed();
    QCOMPARE(keptId, forwardedId);
    QVERIFY(!flagsOf(QStringLiteral("bob"), subject).contains(QStringLiteral("$Forwarded")));

    // Reopened from Drafts by a new composer, it still knows what it forwards; sent, the
    // original is marked $Forwarded (not \Answered) and the draft goes.
    m_app->mainWindow()->folderView()->setCurrentIndex(
            folderOf(QStringLiteral("Bob"), FolderRecord::SpecialUse::Drafts));
    QModelIndex draft;
    QTRY_VERIFY_WITH_TIMEOUT((draft = findMessage(forwardSubject)).isValid(), 30000);
    QAbstractItemView *messages = m_app->mainWindow()->messageView();
    messages->setCurrentIndex(draft);
    messages->setFocus();
    QTest::keyClick(messages, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(visibleComposers().size(), 1, 30000);
    composer = visibleComposers().first();
    bool marks = false;
    for (const OutboxFollowUp &followUp : composer->followUps())
        marks = marks || followUp.action == OutboxFollowUp::Action::MarkForwarded;
    QVERIFY(marks);
    QTest::keyClicks(composer->toField(), m_stack.address(QStringLiteral("alice")));
    composer->sendAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!fetch(QStringLiteral("alice"), QStringLiteral("INBOX"),
                                    forwardSubject, QStringLiteral("uid"))
                                      .isEmpty(),
                             30000);
    QTRY_VERIFY_WITH_TIMEOUT(flagsOf(QStringLiteral("bob"), subject)
                                     .contains(QStringLiteral("$Forwarded")),
                             30000);
    QVERIFY(!flagsOf(QStringLiteral("bob"), subject).contains(QStringLiteral("\\Answered")));
    QTRY_VERIFY_WITH_TIMEOUT(fetch(QStringLiteral("bob"), QStringLiteral("Drafts"), forwardSubject,
                                   QStringLiteral("uid"))
                                     .isEmpty(),
                             30000);
}

QTEST_MAIN(TestWritingEndToEnd)
#include "tst_writingendtoend.moc"
