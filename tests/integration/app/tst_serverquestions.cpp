// The whole application against Dovecot in reduced configurations, answering the questions such
// servers make Heron ask. Run as two CTest tests, each with the functions for its server:
// - tst_trashquestion, against Dovecot without SPECIAL-USE (mailstack_dovecot-nospecialuse),
//   where carol has no folder with a Trash name: deleting a message asks which folder is Trash.
//   Closing the question deletes nothing and remembers nothing; choosing a folder moves the
//   message there on the server and keeps the choice in the account's settings, so the next
//   deletion goes there unasked.
// - tst_expungequestion, against the minimal Dovecot (mailstack_dovecot-minimal: no UIDPLUS, no
//   MOVE), where another program marked a message of the Inbox \Deleted: deleting a message
//   (a move to Trash: copy, mark, expunge) asks whether to remove every marked message. "Only
//   Mark as Deleted" leaves both marked in the Inbox; "Remove All Marked Messages" removes both.
#include "accounts/accountstore.h"
#include "appcontroller.h"
#include "apptesthome.h"
#include "mailstackinfo.h"
#include "mainactions.h"
#include "mainwindow.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QInputDialog>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

namespace {

const QString user = QStringLiteral("carol");
const QString accountId = QStringLiteral("carol");
const QString trashChoice = QStringLiteral("Rubbish");

} // namespace

class TestServerQuestions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void closingTheQuestionDeletesNothing();
    void chosenFolderReceivesTheMessageAndIsKept();
    void expungeQuestion_data();
    void expungeQuestion();

private:
    QModelIndex inbox() const;
    // Selects the first message of the open folder; its Message-ID.
    QByteArray selectFirstMessage() const;
    // The question, once it is on screen; null when it did not come.
    QInputDialog *waitForQuestion() const;
    // The folder of carol's mailbox holding the message, by its Message-ID; empty when none does.
    QString mailboxOf(const QByteArray &messageId) const;
    // Where the message is: each of carol's folders holding it, with its flags there.
    QMap<QString, QString> placesOf(const QByteArray &messageId) const;
    // Marks a message of carol's Inbox \Deleted, as another program would.
    bool markDeletedElsewhere(const QByteArray &messageId) const;
    int markedInInbox() const;
    // The Message-IDs of the open folder's messages not marked \Deleted on the server, in order.
    QList<QByteArray> unmarkedMessages() const;
    void select(const QByteArray &messageId) const;
    // Deletes a message that another one, marked by another program, keeps company; the question
    // that comes, clicked with the button named button.
    void deleteBesideMarked(const char *button, QByteArray *deleted, QByteArray *other);
    QVariant storedTrashFolder() const;

    MailStackInfo m_stack;
    QTemporaryDir m_home;
    std::unique_ptr<AppController> m_app;
};

void TestServerQuestions::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    const QString home = AppTestHome::enter(m_home, QStringLiteral("heron-questions"));
    QVERIFY2(home.isEmpty(), qPrintable(home));
    const QString passwords = m_home.filePath(QStringLiteral("passwords"));

    // Three messages to delete, and an ordinary folder to name as Trash (made when missing;
    // a stack reused from an earlier run has them already, which changes nothing here).
    QString seeded = m_stack.seed(user, QStringLiteral("INBOX"), 4);
    QVERIFY2(seeded.isEmpty(), qPrintable(seeded));
    seeded = m_stack.seed(user, trashChoice, 1);
    QVERIFY2(seeded.isEmpty(), qPrintable(seeded));

    // Carol's account, as the account dialog would have saved it; no Trash chosen yet.
    {
        QSettings settings;
        AccountStore store(&settings);
        Account account;
        account.setId(accountId);
        account.setDisplayName(QStringLiteral("Carol"));
        account.setAddress(m_stack.address(user));
        account.setUserName(m_stack.address(user));
        Identity identity;
        identity.name = QStringLiteral("Carol");
        identity.address = m_stack.address(user);
        account.setIdentities({identity});
        account.setImapHost(m_stack.host());
        account.setImapPort(m_stack.imapTlsPort());
        account.setImapSecurity(Security::ImplicitTls);
        account.setSmtpHost(m_stack.host());
        account.setSmtpPort(m_stack.smtpStartTlsPort());
        account.setSmtpSecurity(Security::StartTls);
        account.setCaFilePath(m_stack.caFile());
        QVERIFY(!store.saveAccount(account));
    }
    QFile file(passwords);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
    file.write((accountId + QLatin1Char('=') + m_stack.password() + QLatin1Char('\n')).toUtf8());
    file.close();
    QVERIFY(!storedTrashFolder().isValid());

    m_app = std::make_unique<AppController>();
    m_app->mainWindow()->show();
    QTreeView *folders = m_app->mainWindow()->folderView();
    QTRY_VERIFY_WITH_TIMEOUT(inbox().isValid(), 30000);
    folders->setCurrentIndex(inbox());
    QAbstractItemView *messages = m_app->mainWindow()->messageView();
    QTRY_VERIFY_WITH_TIMEOUT(messages->model() && messages->model()->rowCount() >= 3, 30000);
}

void TestServerQuestions::cleanupTestCase()
{
    m_app.reset();
}

QModelIndex TestServerQuestions::inbox() const
{
    const QAbstractItemModel *model = m_app->mainWindow()->folderView()->model();
    const QModelIndexList found = model->match(model->index(0, 0), FolderTreeModel::SpecialUseRole,
                                               int(FolderRecord::SpecialUse::Inbox), 1,
                                               Qt::MatchExactly | Qt::MatchRecursive);
    return found.value(0);
}

QByteArray TestServerQuestions::selectFirstMessage() const
{
    QAbstractItemView *messages = m_app->mainWindow()->messageView();
    const QModelIndex first = messages->model()->index(0, 0);
    messages->setCurrentIndex(first);
    messages->selectionModel()->select(first, QItemSelectionModel::ClearAndSelect
                                                      | QItemSelectionModel::Rows);
    return first.data(MessageListModel::MessageIdRole).toByteArray();
}

QInputDialog *TestServerQuestions::waitForQuestion() const
{
    QInputDialog *question = nullptr;
    const bool asked = QTest::qWaitFor(
            [&] {
                question = m_app->mainWindow()->findChild<QInputDialog *>(
                        QStringLiteral("trashFolderPrompt"));
                return question && question->isVisible();
            },
            10000);
    return asked ? question : nullptr;
}

QString TestServerQuestions::mailboxOf(const QByteArray &messageId) const
{
    // "mailbox=NAME" lines, one per message found in any of carol's folders.
    const QByteArray out = m_stack.doveadm({QStringLiteral("-f"), QStringLiteral("flow"),
                                            QStringLiteral("fetch"), QStringLiteral("-u"),
                                            m_stack.address(user), QStringLiteral("mailbox"),
                                            QStringLiteral("header"), QStringLiteral("Message-ID"),
                                            QString::fromLatin1(messageId)});
    const QByteArray line = out.trimmed();
    if (!line.startsWith("mailbox=") || line.contains('\n'))
        return QString();
    return QString::fromUtf8(line.mid(int(qstrlen("mailbox="))));
}

QVariant TestServerQuestions::storedTrashFolder() const
{
    QSettings settings;
    return settings.value(QStringLiteral("accounts/") + accountId
                          + QStringLiteral("/imap/trashFolder"));
}

void TestServerQuestions::closingTheQuestionDeletesNothing()
{
    // No folder of carol's is Trash: the server marks none, and none has a Trash name.
    const QAbstractItemModel *model = m_app->mainWindow()->folderView()->model();
    QVERIFY(model->match(model->index(0, 0), FolderTreeModel::SpecialUseRole,
                         int(FolderRecord::SpecialUse::Trash), 1,
                         Qt::MatchExactly | Qt::MatchRecursive)
                    .isEmpty());
    const QByteArray messageId = selectFirstMessage();
    QVERIFY(!messageId.isEmpty());
    QCOMPARE(mailboxOf(messageId), QStringLiteral("INBOX"));
    const int rows = m_app->mainWindow()->messageView()->model()->rowCount();

    m_app->mainWindow()->actions()->deleteMessage()->trigger();
    QPointer<QInputDialog> question = waitForQuestion();
    QVERIFY(question);
    QVERIFY2(question->labelText().contains(QStringLiteral("Carol")),
             qPrintable(question->labelText()));
    // The candidates: carol's ordinary folders only, not the Inbox nor the ones found by name.
    const QStringList items = question->comboBoxItems();
    QVERIFY2(items.contains(trashChoice), qPrintable(items.join(u',')));
    for (const char *taken : {"INBOX", "Gesendet", "Spam", "Archiv"})
        QVERIFY2(!items.contains(QLatin1String(taken)), taken);

    question->reject();
    QTRY_VERIFY(!question || !question->isVisible());
    // Nothing happened: the message is where it was, on the server and in the list, and no
    // Trash is kept in the settings.
    QCOMPARE(m_app->mainWindow()->messageView()->model()->rowCount(), rows);
    QCOMPARE(mailboxOf(messageId), QStringLiteral("INBOX"));
    QVERIFY(!storedTrashFolder().isValid());
}

void TestServerQuestions::chosenFolderReceivesTheMessageAndIsKept()
{
    // Not answered before: the next deletion asks again.
    const QByteArray messageId = selectFirstMessage();
    m_app->mainWindow()->actions()->deleteMessage()->trigger();
    QPointer<QInputDialog> question = waitForQuestion();
    QVERIFY(question);
    auto *choices = question->findChild<QComboBox *>();
    QVERIFY(choices);
    choices->setCurrentIndex(choices->findText(trashChoice));
    QCOMPARE(question->textValue(), trashChoice);
    auto *buttons = question->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(mailboxOf(messageId), trashChoice, 30000);
    QTRY_COMPARE(storedTrashFolder().toString(), trashChoice);
    // The folder list now shows it as Trash.
    const QAbstractItemModel *folders = m_app->mainWindow()->folderView()->model();
    const QModelIndexList trash = folders->match(folders->index(0, 0),
                                                 FolderTreeModel::SpecialUseRole,
                                                 int(FolderRecord::SpecialUse::Trash), 1,
                                                 Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(trash.size(), 1);
    QCOMPARE(trash.first().data(FolderTreeModel::PathRole).toString(), trashChoice);

    // Asked once: the next deletion goes to the same folder without a question.
    QTRY_VERIFY(!question || !question->isVisible());
    const QByteArray next = selectFirstMessage();
    QVERIFY(next != messageId);
    m_app->mainWindow()->actions()->deleteMessage()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(mailboxOf(next), trashChoice, 30000);
    const auto *again = m_app->mainWindow()->findChild<QInputDialog *>(
            QStringLiteral("trashFolderPrompt"));
    QVERIFY(!again || !again->isVisible());
}

QMap<QString, QString> TestServerQuestions::placesOf(const QByteArray &messageId) const
{
    // "mailbox=NAME flags=..." lines.
    const QByteArray out = m_stack.doveadm({QStringLiteral("-f"), QStringLiteral("flow"),
                                            QStringLiteral("fetch"), QStringLiteral("-u"),
                                            m_stack.address(user), QStringLiteral("mailbox flags"),
                                            QStringLiteral("header"), QStringLiteral("Message-ID"),
                                            QString::fromLatin1(messageId)});
    QMap<QString, QString> places;
    for (const QByteArray &line : out.split('\n')) {
        const qsizetype flags = line.indexOf(" flags=");
        if (!line.startsWith("mailbox=") || flags < 0)
            continue;
        places.insert(QString::fromUtf8(line.mid(8, flags - 8)),
                      QString::fromUtf8(line.mid(flags + 7)));
    }
    return places;
}

bool TestServerQuestions::markDeletedElsewhere(const QByteArray &messageId) const
{
    return !m_stack.doveadm({QStringLiteral("flags"), QStringLiteral("add"), QStringLiteral("-u"),
                             m_stack.address(user), QStringLiteral("\\Deleted"),
                             QStringLiteral("mailbox"), QStringLiteral("INBOX"),
                             QStringLiteral("header"), QStringLiteral("Message-ID"),
                             QString::fromLatin1(messageId)})
                    .isNull();
}

int TestServerQuestions::markedInInbox() const
{
    const QByteArray out = m_stack.doveadm({QStringLiteral("search"), QStringLiteral("-u"),
                                            m_stack.address(user), QStringLiteral("mailbox"),
                                            QStringLiteral("INBOX"), QStringLiteral("deleted")});
    return int(out.trimmed().isEmpty() ? 0 : out.trimmed().count('\n') + 1);
}

QList<QByteArray> TestServerQuestions::unmarkedMessages() const
{
    QList<QByteArray> found;
    const QAbstractItemModel *model = m_app->mainWindow()->messageView()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QByteArray id
                = model->index(row, 0).data(MessageListModel::MessageIdRole).toByteArray();
        if (!id.isEmpty() && !placesOf(id).value(QStringLiteral("INBOX")).contains(u"Deleted"))
            found.append(id);
    }
    return found;
}

void TestServerQuestions::select(const QByteArray &messageId) const
{
    QAbstractItemView *messages = m_app->mainWindow()->messageView();
    const QAbstractItemModel *model = messages->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(MessageListModel::MessageIdRole).toByteArray() == messageId) {
            messages->setCurrentIndex(index);
            messages->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect
                                                              | QItemSelectionModel::Rows);
            return;
        }
    }
}

void TestServerQuestions::deleteBesideMarked(const char *button, QByteArray *deleted,
                                             QByteArray *other)
{
    const QList<QByteArray> unmarked = unmarkedMessages();
    QVERIFY(unmarked.size() >= 2);
    *other = unmarked.at(0);
    *deleted = unmarked.at(1);
    QVERIFY(markDeletedElsewhere(*other));
    const int marked = markedInInbox();
    QVERIFY(marked >= 1);

    select(*deleted);
    QCOMPARE(m_app->mainWindow()
                     ->messageView()
                     ->currentIndex()
                     .data(MessageListModel::MessageIdRole)
                     .toByteArray(),
             *deleted);
    m_app->mainWindow()->actions()->deleteMessage()->trigger();
    QPointer<QMessageBox> question;
    QTRY_VERIFY_WITH_TIMEOUT((question = m_app->mainWindow()->findChild<QMessageBox *>(
                                      QStringLiteral("expungeAllPrompt")))
                                     && question->isVisible(),
                             30000);
    // It says how many others are marked, and nothing is removed while it is open: the message
    // is copied to Trash and marked in the Inbox, the other one too.
    QVERIFY2(question->text().contains(QString::number(marked) + QStringLiteral(" other message")),
             qPrintable(question->text()));
    const QMap<QString, QString> meanwhile = placesOf(*deleted);
    QVERIFY(meanwhile.value(QStringLiteral("INBOX")).contains(u"Deleted"));
    QVERIFY(meanwhile.contains(QStringLiteral("Trash")));
    QVERIFY(placesOf(*other).contains(QStringLiteral("INBOX")));

    auto *choice = question->findChild<QPushButton *>(QLatin1String(button));
    QVERIFY(choice);
    QTest::mouseClick(choice, Qt::LeftButton);
    QTRY_VERIFY(!question || !question->isVisible());
}

void TestServerQuestions::expungeQuestion_data()
{
    QTest::addColumn<QByteArray>("button");
    QTest::addColumn<bool>("removeAll");
    QTest::newRow("only mark as deleted") << QByteArray("onlyMark") << false;
    QTest::newRow("remove all marked messages") << QByteArray("expungeAll") << true;
}

void TestServerQuestions::expungeQuestion()
{
    QFETCH(QByteArray, button);
    QFETCH(bool, removeAll);
    QByteArray deleted;
    QByteArray other;
    deleteBesideMarked(button.constData(), &deleted, &other);
    if (QTest::currentTestFailed())
        return;
    if (removeAll) {
        // Every marked message left the Inbox: the deleted one lives on in Trash alone, and the
        // list no longer shows the other program's message.
        QTRY_COMPARE_WITH_TIMEOUT(placesOf(other).size(), 0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(placesOf(deleted).keys(), QStringList {QStringLiteral("Trash")},
                                  30000);
        QCOMPARE(markedInInbox(), 0);
        QTRY_VERIFY(!unmarkedMessages().contains(other) && [&] {
            const QAbstractItemModel *model = m_app->mainWindow()->messageView()->model();
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->index(row, 0).data(MessageListModel::MessageIdRole).toByteArray()
                    == other)
                    return false;
            }
            return true;
        }());
        return;
    }
    // Both stay in the Inbox, marked; the deleted one has its copy in Trash. Nothing is expunged
    // later either: the next change reaches the server after this one was done with.
    const QByteArray next = unmarkedMessages().value(0);
    QVERIFY(!next.isEmpty());
    select(next);
    m_app->mainWindow()->actions()->flag()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(placesOf(next).value(QStringLiteral("INBOX")).contains(u"Flagged"),
                             30000);
    const QMap<QString, QString> places = placesOf(deleted);
    QVERIFY(places.value(QStringLiteral("INBOX")).contains(u"Deleted"));
    QVERIFY(places.contains(QStringLiteral("Trash")));
    QVERIFY(placesOf(other).value(QStringLiteral("INBOX")).contains(u"Deleted"));
}

QTEST_MAIN(TestServerQuestions)
#include "tst_serverquestions.moc"
