// The whole application against the local Dovecot and Postfix, driven as a user would: add two
// accounts through the account dialog, read Alice's Inbox, write to Bob in the composer, see it
// arrive in Bob's Inbox, answer from Bob, and check the answer's threading headers; Bob forwards
// the message as an attachment and Alice gets it whole. A submission certificate that no longer
// matches its pin is asked about at send time; refused, the message stays in the Outbox.
#include "accountdialog.h"
#include "accountlistdialog.h"
#include "appcontroller.h"
#include "apptesthome.h"
#include "certificatedialog.h"
#include "composerequest.h"
#include "composerwindow.h"
#include "connectiontestpanel.h"
#include "mailstackinfo.h"
#include "mainwindow.h"
#include "mime/messagecontent.h"
#include "mime/mimepart.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "models/outboxmodel.h"
#include "outbox/outboxentry.h"
#include "outboxview.h"
#include "recipientfield.h"
#include "viewer/messageviewer.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTreeView>
#include <QUuid>

namespace {

void typeInto(QLineEdit *field, const QString &text)
{
    field->clear();
    QTest::keyClicks(field, text);
}

void chooseSecurity(QComboBox *box, Security security)
{
    box->setCurrentIndex(box->findData(int(security)));
}

template<typename T>
QList<T *> visibleWindows()
{
    QList<T *> found;
    for (QWidget *widget : QApplication::topLevelWidgets())
        if (auto *window = qobject_cast<T *>(widget); window && window->isVisible())
            found.append(window);
    return found;
}

} // namespace

class TestAppEndToEnd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void addReadSendAndReply();
    void untrustedCertificatesAreAskedAboutAndPinned();
    void changedSubmissionCertificateIsAskedAboutAtSend();

private:
    // With trustCa false the account has no CA file: the stack's certificate is unknown to it.
    // With typePassword false the password field stays empty: the app asks when connecting.
    void addAccountThroughDialog(const QString &user, const QString &name, bool trustCa = true,
                                 bool typePassword = true);
    // Waits for the certificate question about host and trusts it; its pin state before.
    CertificateDialog::PinState trustCertificate();
    QStringList pinsOf(const QString &user, const char *server) const;
    QModelIndex inboxOf(const QString &accountName) const;
    int inboxCount(const QString &user) const;
    // The message's header (field "hdr"), or what fetchField names ("text": the whole message).
    QJsonObject fetchBySubject(const QString &user, const QString &subject,
                               const QString &fetchField = QStringLiteral("hdr")) const;
    QModelIndex findMessage(const QString &subject) const;

    MailStackInfo m_stack;
    QTemporaryDir m_home;
    std::unique_ptr<AppController> m_app;
};

void TestAppEndToEnd::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    // Settings, cache and passwords of this run stay in a temporary home.
    const QString home = AppTestHome::enter(m_home, QStringLiteral("heron-e2e"));
    QVERIFY2(home.isEmpty(), qPrintable(home));
    m_app = std::make_unique<AppController>();
    m_app->mainWindow()->show();
}

void TestAppEndToEnd::cleanupTestCase()
{
    for (ComposerWindow *composer : visibleWindows<ComposerWindow>())
        delete composer;
    m_app.reset();
}

void TestAppEndToEnd::addAccountThroughDialog(const QString &user, const QString &name,
                                              bool trustCa, bool typePassword)
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
    chooseSecurity(dialog->imapSecurityBox(), Security::ImplicitTls);
    typeInto(dialog->imapPortField(), QString::number(m_stack.imapTlsPort()));
    typeInto(dialog->smtpHostField(), m_stack.host());
    chooseSecurity(dialog->smtpSecurityBox(), Security::StartTls);
    typeInto(dialog->smtpPortField(), QString::number(m_stack.smtpStartTlsPort()));
    typeInto(dialog->passwordField(), typePassword ? m_stack.password() : QString());
    auto *caFile = dialog->findChild<QLineEdit *>(QStringLiteral("caFile"));
    QVERIFY(caFile);
    typeInto(caFile, trustCa ? m_stack.caFile() : QString());

    // The real connection test, as the user would run it before saving.
    QTest::mouseClick(dialog->testPanel()->testButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->testPanel()->resultLabels().size(), 2, 30000);
    QTRY_VERIFY(!dialog->testPanel()->isRunning());
    const auto expected = trustCa ? ConnectionTestResult::Outcome::Success
                                  : ConnectionTestResult::Outcome::CertificateUntrusted;
    for (QLabel *label : dialog->testPanel()->resultLabels())
        QVERIFY2(label->property("outcome").toInt() == int(expected), qPrintable(label->text()));
    // Each untrusted server offers its certificate; it is not pinned here.
    QCOMPARE(dialog->testPanel()->certificateButtons().size(), trustCa ? 0 : 2);

    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!m_app->mainWindow()->findChild<AccountDialog *>());
}

CertificateDialog::PinState TestAppEndToEnd::trustCertificate()
{
    CertificateDialog *dialog = nullptr;
    const bool asked = QTest::qWaitFor(
            [&] {
                dialog = m_app->mainWindow()->findChild<CertificateDialog *>();
                return dialog && dialog->isVisible();
            },
            30000);
    if (!asked)
        return CertificateDialog::PinState::Matches; // never asked: the caller's check fails
    const CertificateDialog::PinState state = dialog->pinState();
    dialog->trustButton()->click();
    return state;
}

QStringList TestAppEndToEnd::pinsOf(const QString &user, const char *server) const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("accounts"));
    for (const QString &id : settings.childGroups()) {
        if (settings.value(id + QStringLiteral("/address")).toString() == m_stack.address(user))
            return settings
                    .value(id + QLatin1Char('/') + QLatin1String(server)
                           + QStringLiteral("/pinnedSha256"))
                    .toStringList();
    }
    return {};
}

QModelIndex TestAppEndToEnd::inboxOf(const QString &accountName) const
{
    const QAbstractItemModel *model = m_app->mainWindow()->folderView()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex account = model->index(row, 0);
        if (account.data().toString() != accountName)
            continue;
        const QModelIndexList inbox = model->match(model->index(0, 0, account),
                                                   FolderTreeModel::SpecialUseRole,
                                                   int(FolderRecord::SpecialUse::Inbox), 1,
                                                   Qt::MatchExactly);
        if (!inbox.isEmpty())
            return inbox.first();
    }
    return {};
}

int TestAppEndToEnd::inboxCount(const QString &user) const
{
    const QByteArray out = m_stack.doveadm({QStringLiteral("mailbox"), QStringLiteral("status"),
                                            QStringLiteral("-u"), m_stack.address(user),
                                            QStringLiteral("messages"), QStringLiteral("INBOX")});
    return QString::fromLatin1(out).section(QLatin1Char('='), 1).trimmed().toInt();
}

QJsonObject TestAppEndToEnd::fetchBySubject(const QString &user, const QString &subject,
                                            const QString &fetchField) const
{
    const QByteArray out = m_stack.doveadm(
            {QStringLiteral("-f"), QStringLiteral("json"), QStringLiteral("fetch"),
             QStringLiteral("-u"), m_stack.address(user), fetchField, QStringLiteral("mailbox"),
             QStringLiteral("INBOX"), QStringLiteral("header"), QStringLiteral("Subject"), subject});
    const QJsonArray found = QJsonDocument::fromJson(out).array();
    return found.isEmpty() ? QJsonObject() : found.first().toObject();
}

QModelIndex TestAppEndToEnd::findMessage(const QString &subject) const
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

void TestAppEndToEnd::addReadSendAndReply()
{
    // With no account yet, Accounts opens the account dialog at once.
    addAccountThroughDialog(QStringLiteral("alice"), QStringLiteral("Alice"));

    // The first account's Inbox opens by itself with the seeded mail.
    QTreeView *folders = m_app->mainWindow()->folderView();
    QTRY_VERIFY_WITH_TIMEOUT(inboxOf(QStringLiteral("Alice")).isValid(), 30000);
    QTRY_COMPARE(folders->currentIndex(), inboxOf(QStringLiteral("Alice")));
    const int aliceCount = inboxCount(QStringLiteral("alice"));
    QVERIFY(aliceCount >= 200);
    QAbstractItemView *messages = m_app->mainWindow()->messageView();
    QTRY_VERIFY_WITH_TIMEOUT(messages->model() && messages->model()->rowCount() >= aliceCount,
                             60000);

    addAccountThroughDialog(QStringLiteral("bob"), QStringLiteral("Bob"));
    QTRY_VERIFY_WITH_TIMEOUT(inboxOf(QStringLiteral("Bob")).isValid(), 30000);

    // Alice writes to Bob in the composer.
    const QString token = QUuid::createUuid().toString(QUuid::Id128).left(10);
    const QString subject = QStringLiteral("End to end ") + token;
    ComposerWindow *composer = m_app->openComposer(ComposeRequest());
    QVERIFY(composer);
    QVERIFY(QTest::qWaitForWindowExposed(composer));
    const int aliceIdentity = composer->fromCombo()->findText(QStringLiteral("alice@"),
                                                              Qt::MatchContains);
    QVERIFY(aliceIdentity >= 0);
    composer->fromCombo()->setCurrentIndex(aliceIdentity);
    QTest::keyClicks(composer->toField(), m_stack.address(QStringLiteral("bob")));
    QTest::keyClicks(composer->subjectField(), subject);
    QTest::keyClicks(composer->bodyEditor(),
                     QStringLiteral("Hello Bob, this came through the app."));
    QVERIFY2(composer->validationError().isEmpty(), qPrintable(composer->validationError()));
    QPointer<ComposerWindow> sentComposer = composer;
    composer->sendAction()->trigger();
    QTRY_VERIFY(sentComposer.isNull() || !sentComposer->isVisible());

    // It arrives in Bob's Inbox, as the app shows it.
    QTRY_VERIFY_WITH_TIMEOUT(!fetchBySubject(QStringLiteral("bob"), subject).isEmpty(), 30000);
    folders->setCurrentIndex(inboxOf(QStringLiteral("Bob")));
    QModelIndex arrived;
    QTRY_VERIFY_WITH_TIMEOUT((arrived = findMessage(subject)).isValid(), 30000);
    QCOMPARE(arrived.data(MessageListModel::SenderAddressRole).toString(),
             m_stack.address(QStringLiteral("alice")));
    const QByteArray originalId = arrived.data(MessageListModel::MessageIdRole).toByteArray();
    QVERIFY(!originalId.isEmpty());

    // Bob answers from the app; the composer opens filled in by the reply path.
    messages->setCurrentIndex(arrived);
    const auto replyComposer = [&]() -> ComposerWindow * {
        const QList<ComposerWindow *> open = visibleWindows<ComposerWindow>();
        if (!open.isEmpty())
            return open.first();
        Q_EMIT m_app->mainWindow()->replyRequested(messages->currentIndex());
        return nullptr;
    };
    QTRY_VERIFY_WITH_TIMEOUT(replyComposer() != nullptr, 30000);
    ComposerWindow *reply = replyComposer();
    QVERIFY(reply->subjectField()->text().endsWith(subject));
    QVERIFY(reply->bodyEditor()->toPlainText().contains(QStringLiteral("> Hello Bob")));
    const int bobIdentity = reply->fromCombo()->findText(QStringLiteral("bob@"), Qt::MatchContains);
    QVERIFY(bobIdentity >= 0);
    reply->fromCombo()->setCurrentIndex(bobIdentity);
    QVERIFY2(reply->validationError().isEmpty(), qPrintable(reply->validationError()));
    reply->sendAction()->trigger();

    // Alice receives the answer, threaded under her message.
    QJsonObject answer;
    QTRY_VERIFY_WITH_TIMEOUT(!(answer = fetchBySubject(QStringLiteral("alice"),
                                                       QStringLiteral("Re: ") + subject))
                                      .isEmpty(),
                             30000);
    const QString headers = answer.value(QStringLiteral("hdr")).toString();
    QString id = QString::fromLatin1(originalId).trimmed();
    if (!id.startsWith(QLatin1Char('<')))
        id = QLatin1Char('<') + id + QLatin1Char('>');
    QVERIFY2(headers.contains(QStringLiteral("In-Reply-To: ") + id, Qt::CaseInsensitive),
             qPrintable(headers));
    QVERIFY2(headers.contains(QStringLiteral("References: ") + id, Qt::CaseInsensitive),
             qPrintable(headers));
    QVERIFY2(headers.contains(m_stack.address(QStringLiteral("bob"))), qPrintable(headers));

    // Bob forwards Alice's message to Alice as an attachment: the whole message, as it came.
    QTRY_VERIFY(visibleWindows<ComposerWindow>().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_app->mainWindow()->messageViewer()->message().subject, subject,
                              30000);
    auto *forwardAction = m_app->mainWindow()->findChild<QAction *>(
            QStringLiteral("forwardAsAttachment"));
    QVERIFY(forwardAction);
    QCOMPARE(forwardAction->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    forwardAction->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(visibleWindows<ComposerWindow>().size(), 1, 30000);
    ComposerWindow *forward = visibleWindows<ComposerWindow>().first();
    QCOMPARE(forward->subjectField()->text(), QStringLiteral("Fwd: ") + subject);
    QCOMPARE(forward->message().attachments.size(), 1);
    QCOMPARE(forward->message().attachments.first().mimeType, QByteArray("message/rfc822"));
    forward->fromCombo()->setCurrentIndex(
            forward->fromCombo()->findText(QStringLiteral("bob@"), Qt::MatchContains));
    QTest::keyClicks(forward->toField(), m_stack.address(QStringLiteral("alice")));
    QVERIFY2(forward->validationError().isEmpty(), qPrintable(forward->validationError()));
    forward->sendAction()->trigger();

    QJsonObject forwarded;
    QTRY_VERIFY_WITH_TIMEOUT(!(forwarded = fetchBySubject(QStringLiteral("alice"),
                                                          QStringLiteral("Fwd: ") + subject,
                                                          QStringLiteral("text")))
                                      .isEmpty(),
                             30000);
    const MimePart received = MimePart::parse(
            forwarded.value(QStringLiteral("text")).toString().toUtf8());
    QCOMPARE(received.mimeType(), QByteArray("multipart/mixed"));
    QCOMPARE(received.children().size(), 2);
    const MimePart &attached = received.children().at(1);
    QCOMPARE(attached.mimeType(), QByteArray("message/rfc822"));
    QCOMPARE(attached.fileName(), ComposerWindow::attachedMessageFileName(subject));
    QVERIFY(attached.isMessage());
    const MimePart &inner = attached.children().first();
    QCOMPARE(inner.decodedHeader("Subject"), subject);
    QCOMPARE(inner.header("Message-ID").trimmed(), id.toLatin1());
    QVERIFY(MessageContent::fromMessage(inner).bodies().first().text.contains(
            QStringLiteral("Hello Bob, this came through the app.")));
}

void TestAppEndToEnd::untrustedCertificatesAreAskedAboutAndPinned()
{
    // Carol's account knows nothing of the stack's CA: the connection test says so, and the
    // session asks before it logs in.
    // Carol's password was not typed either: the app asks for it, then connects.
    addAccountThroughDialog(QStringLiteral("carol"), QStringLiteral("Carol"), false, false);
    QInputDialog *prompt = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((prompt = m_app->mainWindow()->findChild<QInputDialog *>(
                                      QStringLiteral("passwordPrompt")))
                                     && prompt->isVisible(),
                             30000);
    QVERIFY(prompt->labelText().contains(m_stack.address(QStringLiteral("carol"))));
    QCOMPARE(prompt->textEchoMode(), QLineEdit::Password);
    prompt->setTextValue(m_stack.password());
    prompt->accept();
    QCOMPARE(trustCertificate(), CertificateDialog::PinState::NotPinned);
    QTRY_VERIFY_WITH_TIMEOUT(inboxOf(QStringLiteral("Carol")).isValid(), 30000);
    QTRY_COMPARE(pinsOf(QStringLiteral("carol"), "imap").size(), 1);
    QVERIFY(pinsOf(QStringLiteral("carol"), "smtp").isEmpty());

    // The submission server's certificate is asked about in the middle of a send, which goes on.
    const QString subject = QStringLiteral("Trusted on send ")
                            + QUuid::createUuid().toString(QUuid::Id128).left(10);
    ComposerWindow *composer = m_app->openComposer(ComposeRequest());
    composer->fromCombo()->setCurrentIndex(
            composer->fromCombo()->findText(QStringLiteral("carol@"), Qt::MatchContains));
    QVERIFY(composer->fromCombo()->currentText().contains(QStringLiteral("carol@")));
    QTest::keyClicks(composer->toField(), m_stack.address(QStringLiteral("bob")));
    QTest::keyClicks(composer->subjectField(), subject);
    QTest::keyClicks(composer->bodyEditor(), QStringLiteral("Sent after trusting."));
    composer->sendAction()->trigger();
    QCOMPARE(trustCertificate(), CertificateDialog::PinState::NotPinned);
    QTRY_VERIFY_WITH_TIMEOUT(!fetchBySubject(QStringLiteral("bob"), subject).isEmpty(), 30000);
    // Pinned for the submission server: the same certificate as IMAP's here, one server apart.
    QTRY_COMPARE(pinsOf(QStringLiteral("carol"), "smtp").size(), 1);
    QCOMPARE(pinsOf(QStringLiteral("carol"), "smtp"), pinsOf(QStringLiteral("carol"), "imap"));

    // A second message leaves without a question.
    const QString second = subject + QStringLiteral(" again");
    composer = m_app->openComposer(ComposeRequest());
    composer->fromCombo()->setCurrentIndex(
            composer->fromCombo()->findText(QStringLiteral("carol@"), Qt::MatchContains));
    QTest::keyClicks(composer->toField(), m_stack.address(QStringLiteral("bob")));
    QTest::keyClicks(composer->subjectField(), second);
    composer->sendAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!fetchBySubject(QStringLiteral("bob"), second).isEmpty(), 30000);
    QVERIFY(!m_app->mainWindow()->findChild<CertificateDialog *>());
}

void TestAppEndToEnd::changedSubmissionCertificateIsAskedAboutAtSend()
{
    // Carol's submission server was pinned above; the pin no longer matches its certificate (as
    // after the server's certificate was replaced). The app starts again with that account.
    const QStringList imapPins = pinsOf(QStringLiteral("carol"), "imap");
    QCOMPARE(imapPins.size(), 1);
    const QString stalePin = QString(64, QLatin1Char('a'));
    QVERIFY(!imapPins.contains(stalePin));
    for (ComposerWindow *composer : visibleWindows<ComposerWindow>())
        delete composer;
    m_app.reset();
    {
        QSettings settings;
        settings.beginGroup(QStringLiteral("accounts"));
        for (const QString &id : settings.childGroups()) {
            if (settings.value(id + QStringLiteral("/address")).toString()
                == m_stack.address(QStringLiteral("carol")))
                settings.setValue(id + QStringLiteral("/smtp/pinnedSha256"), QStringList {stalePin});
        }
    }
    QCOMPARE(pinsOf(QStringLiteral("carol"), "smtp"), QStringList {stalePin});
    m_app = std::make_unique<AppController>();
    m_app->mainWindow()->show();
    // Passwords given in the first run were kept for that run only (the demo's password file is
    // never written, and here it does not exist): each of the three accounts asks again, saying
    // why, and gets its password.
    QList<QInputDialog *> prompts;
    QTRY_COMPARE_WITH_TIMEOUT((prompts = visibleWindows<QInputDialog>()).size(), 3, 30000);
    for (QInputDialog *prompt : std::as_const(prompts)) {
        QVERIFY2(prompt->labelText().contains(QStringLiteral("does not exist")),
                 qPrintable(prompt->labelText()));
        prompt->setTextValue(m_stack.password());
        prompt->accept();
    }
    // IMAP still matches its pin: Carol's folders come without a question.
    QTRY_VERIFY_WITH_TIMEOUT(inboxOf(QStringLiteral("Carol")).isValid(), 30000);

    const QString subject = QStringLiteral("Changed certificate ")
                            + QUuid::createUuid().toString(QUuid::Id128).left(10);
    ComposerWindow *composer = m_app->openComposer(ComposeRequest());
    composer->fromCombo()->setCurrentIndex(
            composer->fromCombo()->findText(QStringLiteral("carol@"), Qt::MatchContains));
    QVERIFY(composer->fromCombo()->currentText().contains(QStringLiteral("carol@")));
    QTest::keyClicks(composer->toField(), m_stack.address(QStringLiteral("bob")));
    QTest::keyClicks(composer->subjectField(), subject);
    QTest::keyClicks(composer->bodyEditor(), QStringLiteral("Must not leave unasked."));
    composer->sendAction()->trigger();

    // Sending stops and asks, saying that the certificate changed since it was trusted.
    CertificateDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_app->mainWindow()->findChild<CertificateDialog *>())
                                     && dialog->isVisible(),
                             30000);
    QCOMPARE(dialog->pinState(), CertificateDialog::PinState::Changed);
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("has changed")),
             qPrintable(dialog->statusLabel()->text()));
    // The pin it had is shown as a fingerprint, "AA:AA:...".
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("AA:AA:AA:AA")),
             qPrintable(dialog->statusLabel()->text()));
    QVERIFY(dialog->windowTitle().contains(m_stack.host()));
    dialog->reject();

    // Refused: the message stays in the Outbox, failed, and nothing reached Bob.
    const QAbstractItemModel *outbox = m_app->mainWindow()->outboxView()->list()->model();
    QVERIFY(outbox);
    QModelIndex entry;
    QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int row = 0; row < outbox->rowCount(); ++row) {
                    const QModelIndex index = outbox->index(row, OutboxModel::SubjectColumn);
                    if (index.data().toString() == subject
                        && index.data(OutboxModel::StateRole).toInt()
                                   == int(OutboxEntry::State::Failed)) {
                        entry = index;
                        return true;
                    }
                }
                return false;
            }(),
            30000);
    QVERIFY(entry.data(OutboxModel::CanRetryRole).toBool());
    QVERIFY(!entry.data(OutboxModel::ErrorRole).toString().isEmpty());
    QVERIFY(fetchBySubject(QStringLiteral("bob"), subject).isEmpty());
    // The stale pin was not replaced by the refused certificate.
    QCOMPARE(pinsOf(QStringLiteral("carol"), "smtp"), QStringList {stalePin});
}

QTEST_MAIN(TestAppEndToEnd)
#include "tst_appendtoend.moc"
