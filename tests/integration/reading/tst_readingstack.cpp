// Reading on the real stack: messages of every kind are stored in a folder of carol's, then each
// is selected and shown through AccountService, MessagePresenter and MessageViewer as the
// application does. Checks the decoded text and the attachment list, and the IMAP commands
// sent: the display never fetches a whole message or an attachment; an attachment is fetched
// only when asked for.
#include "accounts/memorysecretstore.h"
#include "imap/imapconnection.h"
#include "imap/tasks/imapappendtask.h"
#include "imap/tasks/imapmailboxtask.h"
#include "mailstackinfo.h"
#include "net/ssltransport.h"
#include "readingcorpus.h"
#include "service/accountservice.h"
#include "store/messagestore.h"
#include "viewer/attachmentlistwidget.h"
#include "viewer/longmessagebar.h"
#include "viewer/messagepresenter.h"
#include "viewer/messageviewer.h"
#include "viewer/remotecontentbar.h"
#include "viewer/safetextbrowser.h"

#include <QFile>
#include <QLoggingCategory>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

namespace {

QStringList g_commands;
QtMessageHandler g_previousHandler = nullptr;
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

// The IMAP trace: every command the connections send is logged as "C: tag command".
void recordCommands(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (qstrcmp(context.category, "mail.imap") == 0) {
        if (message.startsWith(QLatin1String("C:")))
            g_commands.append(message);
        return;
    }
    g_previousHandler(type, context, message);
}

// Categories that exist when the filter is installed keep the rules they were given then.
void enableImapTrace(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (qstrcmp(category->categoryName(), "mail.imap") == 0)
        category->setEnabled(QtDebugMsg, true);
}

QStringList commandsContaining(const QString &text)
{
    QStringList found;
    for (const QString &command : std::as_const(g_commands)) {
        if (command.contains(text))
            found.append(command);
    }
    return found;
}

} // namespace

class TestReadingStack : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void showsEveryKind_data();
    void showsEveryKind();
    void attachmentIsFetchedOnlyWhenAsked();
    void secondDisplayComesFromTheCache();

private:
    bool show(quint32 uid);
    quint32 uidOf(const QString &name) const { return m_uids.value(name); }

    MailStackInfo m_stack;
    QTemporaryDir m_dir;
    MemorySecretStore m_secrets;
    QString m_folder;
    QHash<QString, quint32> m_uids;
    std::unique_ptr<AccountService> m_service;
    std::unique_ptr<MessageViewer> m_viewer;
    std::unique_ptr<MessagePresenter> m_display;
};

void TestReadingStack::initTestCase()
{
    g_previousHandler = qInstallMessageHandler(recordCommands);
    g_previousFilter = QLoggingCategory::installFilter(enableImapTrace);
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    m_folder = QStringLiteral("Reading-") + QUuid::createUuid().toString(QUuid::Id128).left(8);

    // Store the corpus through a connection of its own.
    SslTransport transport;
    transport.setCaCertificates(m_stack.caCertificates());
    ImapConnection connection(&transport);
    ImapConnectionSettings settings;
    settings.host = m_stack.host();
    settings.port = m_stack.imapTlsPort();
    settings.security = Security::ImplicitTls;
    settings.username = m_stack.address(QStringLiteral("carol"));
    settings.password = m_stack.password();
    connection.open(settings);
    auto run = [](ImapTask *task) {
        QSignalSpy finished(task, &ImapTask::finished);
        task->start();
        return (finished.wait(60000) || !finished.isEmpty()) && !task->error();
    };
    ImapMailboxTask create(&connection, ImapMailboxTask::Operation::Create, m_folder.toUtf8());
    QVERIFY2(run(&create), qPrintable(create.error().toString()));
    for (const ReadingCorpus::Case &c : ReadingCorpus::cases()) {
        ImapAppendTask append(&connection, m_folder.toUtf8(), c.message);
        QVERIFY2(run(&append), qPrintable(append.error().toString()));
        QVERIFY(append.uid() != 0);
        m_uids.insert(c.name, append.uid());
    }
    connection.close();

    Account account;
    account.setId(QStringLiteral("carol-reading"));
    account.setDisplayName(QStringLiteral("carol"));
    account.setAddress(m_stack.address(QStringLiteral("carol")));
    account.setUserName(m_stack.address(QStringLiteral("carol")));
    account.setImapHost(m_stack.host());
    account.setImapPort(m_stack.imapTlsPort());
    account.setImapSecurity(Security::ImplicitTls);
    account.setCaFilePath(m_stack.caFile());
    m_secrets.writePassword(account.id(), m_stack.password(), this,
                            [](const SecretStore::Reply &) {});
    m_service = std::make_unique<AccountService>(account, &m_secrets);
    QVERIFY(!m_service->openCache(m_dir.filePath(QStringLiteral("carol.sqlite"))));
    QSignalSpy synced(m_service.get(), &AccountService::syncFinished);
    m_service->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 30000);
    const StoreResult<FolderRecord> folder = m_service->store()->folderByPath(m_folder);
    QVERIFY(folder);
    synced.clear();
    m_service->openFolder(folder.value().id);
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 30000);
    QCOMPARE(synced.last().at(0).toLongLong(), folder.value().id);
    QVERIFY(!synced.last().at(1).value<MailError>());

    m_viewer = std::make_unique<MessageViewer>();
    m_viewer->resize(900, 700);
    m_viewer->show();
    m_display = std::make_unique<MessagePresenter>(m_viewer.get());
}

void TestReadingStack::cleanupTestCase()
{
    m_display.reset();
    m_viewer.reset();
    m_service.reset();
    qInstallMessageHandler(g_previousHandler);
    QLoggingCategory::installFilter(g_previousFilter);
}

bool TestReadingStack::show(quint32 uid)
{
    QSignalSpy shown(m_display.get(), &MessagePresenter::shown);
    QSignalSpy failed(m_display.get(), &MessagePresenter::failed);
    m_display->show(m_service.get(), m_service->currentFolderId(), uid);
    if (!QTest::qWaitFor([&] { return !shown.isEmpty() || !failed.isEmpty(); }, 30000))
        return false;
    if (!failed.isEmpty())
        qWarning() << failed.first().first().toString();
    return !shown.isEmpty() && m_display->uid() == uid;
}

void TestReadingStack::showsEveryKind_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("plain");
    QTest::addColumn<QStringList>("html");
    QTest::addColumn<QStringList>("attachments");
    QTest::addColumn<QStringList>("images");
    for (const ReadingCorpus::Case &c : ReadingCorpus::cases())
        QTest::newRow(qPrintable(c.name))
                << c.name << c.plainContains << c.htmlContains << c.attachments << c.inlineImages;
}

void TestReadingStack::showsEveryKind()
{
    QFETCH(QString, name);
    QFETCH(QStringList, plain);
    QFETCH(QStringList, html);
    QFETCH(QStringList, attachments);
    QFETCH(QStringList, images);
    g_commands.clear();
    QVERIFY(show(uidOf(name)));
    const ViewerMessage &message = m_viewer->message();
    QCOMPARE(message.from.address, QStringLiteral("alice@example.test"));
    QVERIFY(!message.subject.isEmpty());
    for (const QString &text : plain)
        QVERIFY2(message.plainText.contains(text), qPrintable(message.plainText));
    for (const QString &text : html)
        QVERIFY2(message.html.contains(text), qPrintable(message.html));
    QStringList names;
    for (const ViewerMessage::Attachment &a : message.attachments)
        names.append(a.fileName);
    QCOMPARE(names, attachments);
    QCOMPARE(QStringList(message.inlineImages.keys()), images);
    for (const QString &id : images)
        QVERIFY(message.inlineImages.value(id).data.startsWith("\x89PNG"));
    // What is on screen: the viewer's own text, and nothing asked from the network.
    const QString shown = m_viewer->browser()->toPlainText();
    const QString first = plain.isEmpty() ? html.first() : plain.first();
    QVERIFY2(m_viewer->isShowingHtml() || shown.contains(first), qPrintable(shown));
    QCOMPARE(m_viewer->browser()->networkRequestCount(), 0);
    // The tracking pixel is blocked and the bar says so; nothing else is remote.
    const bool remote = name == QLatin1String("html with remote image");
    QCOMPARE(m_viewer->remoteContentBar()->blockedCount(), remote ? 1 : 0);
    // A long body is cut for display, with the bar offering the whole.
    const bool large = name == QLatin1String("large html");
    QCOMPARE(m_viewer->isBodyCut(), large);
    QCOMPARE(m_viewer->longMessageBar()->isVisible(), large);
    // For a person to look at: run under a real display (Xvfb) with HERON_SCREENSHOT_DIR set.
    const QString screenshots = qEnvironmentVariable("HERON_SCREENSHOT_DIR");
    if (!screenshots.isEmpty()) {
        QTest::qWait(300);
        const QString file = QStringLiteral("reading-%1.png").arg(name).replace(u' ', u'-');
        QVERIFY(m_viewer->screen()->grabWindow(0).save(screenshots + u'/' + file));
    }
    // The display fetched parts, never the whole message.
    QVERIFY(!commandsContaining(QStringLiteral("PEEK[HEADER]")).isEmpty());
    QVERIFY2(commandsContaining(QStringLiteral("PEEK[]")).isEmpty(),
             qPrintable(g_commands.join(u'\n')));
}

void TestReadingStack::attachmentIsFetchedOnlyWhenAsked()
{
    const quint32 uid = uidOf(QStringLiteral("attachments"));
    const qint64 folder = m_service->currentFolderId();
    g_commands.clear();
    QVERIFY(show(uid));
    // big.bin is part 2: listed with about its size, not downloaded.
    const ViewerMessage::Attachment big = m_viewer->message().attachments.first();
    QCOMPARE(big.partId, QStringLiteral("2"));
    QVERIFY2(qAbs(big.size - 5 * 1024 * 1024) < 64 * 1024, qPrintable(QString::number(big.size)));
    QVERIFY2(commandsContaining(QStringLiteral("[2]")).isEmpty(),
             qPrintable(g_commands.join(u'\n')));
    QVERIFY(!m_service->store()->bodyPart(folder, uid, "2"));

    // Saving asks for it, with progress, and gets the bytes that were sent.
    const QString target = m_dir.filePath(QStringLiteral("big.bin"));
    m_viewer->setSavePathChooser([target](const QString &) { return target; });
    QSignalSpy progress(m_service.get(), &AccountService::partProgress);
    QSignalSpy saved(m_viewer.get(), &MessageViewer::attachmentSaved);
    QSignalSpy failed(m_viewer.get(), &MessageViewer::attachmentFailed);
    m_viewer->saveAttachment(big.partId);
    QTRY_VERIFY_WITH_TIMEOUT(!saved.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(1).toString()));
    QVERIFY(progress.size() >= 2);
    QVERIFY(!commandsContaining(QStringLiteral("PEEK[2]")).isEmpty());
    QVERIFY(commandsContaining(QStringLiteral("[3]")).isEmpty());
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), ReadingCorpus::bigAttachment(5 * 1024 * 1024));
}

void TestReadingStack::secondDisplayComesFromTheCache()
{
    const quint32 uid = uidOf(QStringLiteral("alternative"));
    QVERIFY(show(uid));
    g_commands.clear();
    QVERIFY(show(uid));
    QVERIFY(m_viewer->message().plainText.contains(QStringLiteral("Plain version")));
    QVERIFY2(commandsContaining(QStringLiteral("FETCH")).isEmpty(),
             qPrintable(g_commands.join(u'\n')));
}

QTEST_MAIN(TestReadingStack)
#include "tst_readingstack.moc"
