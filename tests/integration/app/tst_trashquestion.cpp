// The whole application against a Dovecot without SPECIAL-USE (the fixture
// mailstack_dovecot-nospecialuse), where carol has no folder with a Trash name: deleting a
// message asks which folder is Trash. Closing the question deletes nothing and remembers
// nothing; choosing a folder moves the message there on the server and keeps the choice in the
// account's settings, so the next deletion goes there unasked.
#include "accounts/accountstore.h"
#include "appcontroller.h"
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
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

namespace {

const QString user = QStringLiteral("carol");
const QString accountId = QStringLiteral("carol");
const QString trashChoice = QStringLiteral("Rubbish");

} // namespace

class TestTrashQuestion : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void closingTheQuestionDeletesNothing();
    void chosenFolderReceivesTheMessageAndIsKept();

private:
    QModelIndex inbox() const;
    // Selects the first message of the open folder; its Message-ID.
    QByteArray selectFirstMessage() const;
    // The question, once it is on screen; null when it did not come.
    QInputDialog *waitForQuestion() const;
    // The folder of carol's mailbox holding the message, by its Message-ID; empty when none does.
    QString mailboxOf(const QByteArray &messageId) const;
    QVariant storedTrashFolder() const;

    MailStackInfo m_stack;
    QTemporaryDir m_home;
    std::unique_ptr<AppController> m_app;
};

void TestTrashQuestion::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toLocal8Bit());
    qputenv("XDG_CACHE_HOME", m_home.filePath(QStringLiteral("cache")).toLocal8Bit());
    const QString passwords = m_home.filePath(QStringLiteral("passwords"));
    qputenv("HERON_DEMO_PASSWORD_FILE", passwords.toLocal8Bit());
    QCoreApplication::setOrganizationName(QStringLiteral("HeronTest"));
    QCoreApplication::setApplicationName(QStringLiteral("heron-trash"));
    QVERIFY(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                    .startsWith(m_home.path()));

    // Three messages to delete, and an ordinary folder to name as Trash (made when missing;
    // a stack reused from an earlier run has them already, which changes nothing here).
    QString seeded = m_stack.seed(user, QStringLiteral("INBOX"), 3);
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
    // No folder of carol's is Trash: the server marks none, and none has a Trash name.
    const QAbstractItemModel *model = folders->model();
    QVERIFY(model->match(model->index(0, 0), FolderTreeModel::SpecialUseRole,
                         int(FolderRecord::SpecialUse::Trash), 1,
                         Qt::MatchExactly | Qt::MatchRecursive)
                    .isEmpty());
    QTreeView *messages = m_app->mainWindow()->messageView();
    QTRY_VERIFY_WITH_TIMEOUT(messages->model() && messages->model()->rowCount() >= 3, 30000);
}

void TestTrashQuestion::cleanupTestCase()
{
    m_app.reset();
}

QModelIndex TestTrashQuestion::inbox() const
{
    const QAbstractItemModel *model = m_app->mainWindow()->folderView()->model();
    const QModelIndexList found = model->match(model->index(0, 0), FolderTreeModel::SpecialUseRole,
                                               int(FolderRecord::SpecialUse::Inbox), 1,
                                               Qt::MatchExactly | Qt::MatchRecursive);
    return found.value(0);
}

QByteArray TestTrashQuestion::selectFirstMessage() const
{
    QTreeView *messages = m_app->mainWindow()->messageView();
    const QModelIndex first = messages->model()->index(0, 0);
    messages->setCurrentIndex(first);
    messages->selectionModel()->select(first, QItemSelectionModel::ClearAndSelect
                                                      | QItemSelectionModel::Rows);
    return first.data(MessageListModel::MessageIdRole).toByteArray();
}

QInputDialog *TestTrashQuestion::waitForQuestion() const
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

QString TestTrashQuestion::mailboxOf(const QByteArray &messageId) const
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

QVariant TestTrashQuestion::storedTrashFolder() const
{
    QSettings settings;
    return settings.value(QStringLiteral("accounts/") + accountId
                          + QStringLiteral("/imap/trashFolder"));
}

void TestTrashQuestion::closingTheQuestionDeletesNothing()
{
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

void TestTrashQuestion::chosenFolderReceivesTheMessageAndIsKept()
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

QTEST_MAIN(TestTrashQuestion)
#include "tst_trashquestion.moc"
