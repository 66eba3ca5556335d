// What the account layer does on servers with fewer extensions, against the IMAP server in the
// test process (FakeImapServer with chosen capabilities): HIGHESTMODSEQ trusted only with
// CONDSTORE or QRESYNC advertised; without UIDPLUS no plain EXPUNGE that would also remove
// messages another client marked \Deleted, unless the user, asked, wants them all removed;
// subscriptions from LSUB without LIST-EXTENDED; special folders by their usual names without
// SPECIAL-USE; the one question which folder is Trash when none is found; and a new top-level
// folder inside the server's personal name space ("INBOX." on some servers).
#include "accounts/memorysecretstore.h"
#include "imap/imapconnection.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "service/accountservice.h"
#include "service/specialfoldernames.h"
#include "store/messagestore.h"

#include "fakeimapserver.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

const QString accountId = QStringLiteral("acct1");
// A server of the IMAP4rev1 era: no UIDPLUS, MOVE, CONDSTORE, LIST-EXTENDED or SPECIAL-USE.
const QByteArray minimalCapabilities = "IMAP4rev1 SASL-IR AUTH=PLAIN IDLE NAMESPACE";

Account testAccount()
{
    Account account;
    account.setId(accountId);
    account.setDisplayName(QStringLiteral("Alice"));
    account.setAddress(QStringLiteral("alice@example.test"));
    account.setImapHost(QStringLiteral("imap.example.test"));
    account.setImapPort(993);
    account.setImapSecurity(Security::ImplicitTls);
    return account;
}

using Use = FolderRecord::SpecialUse;

} // namespace

class TestServerRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void specialFolderNames_data();
    void specialFolderNames();
    void modSeqTrustedOnlyWhenAdvertised_data();
    void modSeqTrustedOnlyWhenAdvertised();
    void deleteWithoutUidplus_data();
    void deleteWithoutUidplus();
    void moveWithoutUidplus_data();
    void moveWithoutUidplus();
    void expungeQuestionWithdrawnWhenTheConnectionGoes();
    void subscriptionsFromLsub_data();
    void subscriptionsFromLsub();
    void specialFoldersByName_data();
    void specialFoldersByName();
    void trashAskedOnceWhenNoneFound_data();
    void trashAskedOnceWhenNoneFound();
    void trashChoiceKeptInTheAccount();
    void trashQuestionClosedDeletesNothing();
    void newTopLevelFolderInPersonalNamespace_data();
    void newTopLevelFolderInPersonalNamespace();

private:
    // A service over the fake server, online with the Inbox open and synchronised.
    bool startOnline(const Account &account = testAccount());
    qint64 folder(Use use) const { return m_service->folderId(use); }
    QString pathOf(Use use) const
    {
        const qint64 id = folder(use);
        return id ? m_service->store()->folder(id).value().path : QString();
    }
    // Waits for the next synchronisation of the open folder to end; true when it did without
    // error.
    bool resync();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeImapServer> m_server;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<AccountService> m_service;
    QList<quint32> m_inbox;
};

void TestServerRules::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<FakeImapServer>();
    m_inbox.clear();
    for (const char *subject : {"First", "Second", "Third"})
        m_inbox.append(m_server->addMessage("INBOX", subject));
    m_secrets = std::make_unique<MemorySecretStore>();
}

void TestServerRules::cleanup()
{
    m_service.reset();
    m_secrets.reset();
    m_server.reset();
    m_dir.reset();
}

bool TestServerRules::startOnline(const Account &account)
{
    m_service = std::make_unique<AccountService>(account, m_secrets.get(), m_server.get());
    if (m_service->openCache(m_dir->filePath(QStringLiteral("cache.sqlite"))))
        return false;
    bool written = false;
    m_secrets->writePassword(accountId, QStringLiteral("secret"), this,
                             [&](const SecretStore::Reply &) { written = true; });
    if (!QTest::qWaitFor([&] { return written; }, 5000))
        return false;
    m_service->connectToServer();
    return QTest::qWaitFor(
            [&] {
                const qint64 inbox = folder(Use::Inbox);
                return m_service->state() == AccountService::State::Online && inbox != 0
                       && m_service->currentFolderId() == inbox
                       && m_service->store()->messageCount(inbox).value()
                                  == m_server->uids("INBOX").size()
                       && m_service->connection()->isIdling();
            },
            15000);
}

bool TestServerRules::resync()
{
    QSignalSpy finished(m_service.get(), &AccountService::syncFinished);
    m_service->refresh();
    if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, 15000))
        return false;
    return !finished.last().at(1).value<MailError>().isError();
}

void TestServerRules::specialFolderNames_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QChar>("delimiter");
    QTest::addColumn<Use>("use");
    const QChar slash(u'/');
    const QChar dot(u'.');
    QTest::newRow("Sent") << u"Sent"_s << slash << Use::Sent;
    QTest::newRow("sent items, any case") << u"sent items"_s << slash << Use::Sent;
    QTest::newRow("Gesendet") << u"Gesendet"_s << slash << Use::Sent;
    QTest::newRow("Éléments envoyés") << u"Éléments envoyés"_s << slash << Use::Sent;
    QTest::newRow("Enviados") << u"Enviados"_s << slash << Use::Sent;
    QTest::newRow("INBOX.Sent") << u"INBOX.Sent"_s << dot << Use::Sent;
    QTest::newRow("Entwürfe") << u"Entwürfe"_s << slash << Use::Drafts;
    QTest::newRow("Brouillons") << u"Brouillons"_s << slash << Use::Drafts;
    QTest::newRow("Borradores") << u"Borradores"_s << slash << Use::Drafts;
    QTest::newRow("INBOX.Drafts") << u"INBOX.Drafts"_s << dot << Use::Drafts;
    QTest::newRow("Papierkorb") << u"Papierkorb"_s << slash << Use::Trash;
    QTest::newRow("Corbeille") << u"Corbeille"_s << slash << Use::Trash;
    QTest::newRow("Papelera") << u"Papelera"_s << slash << Use::Trash;
    QTest::newRow("Deleted Items") << u"Deleted Items"_s << slash << Use::Trash;
    QTest::newRow("Cestino") << u"Cestino"_s << slash << Use::Trash;
    QTest::newRow("Spam") << u"Spam"_s << slash << Use::Junk;
    QTest::newRow("Courrier indésirable") << u"Courrier indésirable"_s << slash << Use::Junk;
    QTest::newRow("Archiv") << u"Archiv"_s << slash << Use::Archive;
    // Decomposed "é" (e + U+0301) is the same name.
    QTest::newRow("decomposed accent")
            << QStringLiteral("E\u0301le\u0301ments envoye\u0301s") << slash << Use::Sent;
    QTest::newRow("deeper folder is not special") << u"Projects/Sent"_s << slash << Use::None;
    QTest::newRow("INBOX.Work.Sent is not special") << u"INBOX.Work.Sent"_s << dot << Use::None;
    QTest::newRow("ordinary") << u"Receipts"_s << slash << Use::None;
    QTest::newRow("prefix only") << u"Sent-old"_s << slash << Use::None;
    QTest::newRow("flat name space") << u"Trash"_s << QChar() << Use::Trash;
}

void TestServerRules::specialFolderNames()
{
    QFETCH(QString, path);
    QFETCH(QChar, delimiter);
    QFETCH(Use, use);
    QCOMPARE(SpecialFolderNames::roleOf(path, delimiter), use);
}

void TestServerRules::modSeqTrustedOnlyWhenAdvertised_data()
{
    QTest::addColumn<QByteArray>("capabilities");
    QTest::newRow("HIGHESTMODSEQ sent without CONDSTORE") << minimalCapabilities;
    QTest::newRow("HIGHESTMODSEQ sent with UIDPLUS MOVE only")
            << QByteArray("IMAP4rev1 SASL-IR AUTH=PLAIN UIDPLUS MOVE IDLE");
}

// The server sends the same HIGHESTMODSEQ on every SELECT although flags changed: a client that
// believed it would see "nothing changed" and miss the other client's changes.
void TestServerRules::modSeqTrustedOnlyWhenAdvertised()
{
    QFETCH(QByteArray, capabilities);
    m_server->setCapabilities(capabilities);
    m_server->setSelectModSeq(42);
    QVERIFY(startOnline());
    const qint64 inbox = folder(Use::Inbox);
    QCOMPARE(m_service->store()->folder(inbox).value().highestModSeq, 0u);

    m_server->setFlags("INBOX", m_inbox.at(1), {"\\Flagged", "\\Seen"});
    QVERIFY(resync());
    const MessageRecord::Flags flags
            = m_service->store()->message(inbox, m_inbox.at(1)).value().flags;
    QVERIFY(flags & MessageRecord::Flagged);
    QVERIFY(flags & MessageRecord::Seen);
    QCOMPARE(m_service->store()->folder(inbox).value().highestModSeq, 0u);
}

namespace {

// How the user answers the question whether to remove every message marked \Deleted.
enum class Answer { NotAsked, OnlyMark, ExpungeAll };

} // namespace

void TestServerRules::deleteWithoutUidplus_data()
{
    QTest::addColumn<bool>("othersDeleted");
    QTest::addColumn<Answer>("answer");
    QTest::newRow("nothing else is marked") << false << Answer::NotAsked;
    QTest::newRow("another client's message is marked, the user keeps it")
            << true << Answer::OnlyMark;
    QTest::newRow("another client's message is marked, the user removes all")
            << true << Answer::ExpungeAll;
}

// In a folder without Trash (the user said there is none), a deletion marks and expunges; without
// UIDPLUS a plain EXPUNGE would take another client's \Deleted message with it: it goes only when
// nothing else is marked, or when the user, asked, wants them all removed.
void TestServerRules::deleteWithoutUidplus()
{
    QFETCH(bool, othersDeleted);
    QFETCH(Answer, answer);
    m_server->setCapabilities(minimalCapabilities);
    if (othersDeleted)
        m_server->setFlags("INBOX", m_inbox.at(2), {"\\Deleted"});
    Account account = testAccount();
    account.setTrashFolder(QString()); // asked before: no Trash
    QVERIFY(startOnline(account));
    QSignalSpy notices(m_service.get(), &AccountService::notice);
    QSignalSpy asked(m_service.get(), &AccountService::expungeAllRequested);
    const qint64 inbox = folder(Use::Inbox);

    m_service->deleteMessages(inbox, {m_inbox.at(0)});
    if (answer != Answer::NotAsked) {
        // Marked, then the question; nothing is expunged while it is open.
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 10000);
        QCOMPARE(asked.first().at(0).toLongLong(), inbox);
        QCOMPARE(asked.first().at(1).toInt(), 1);
        QCOMPARE(asked.first().at(2).toInt(), 1);
        QVERIFY(m_service->isAwaitingExpungeAnswer());
        QCOMPARE(m_service->pendingOperationCount(), 1);
        QVERIFY(m_server->flags("INBOX", m_inbox.at(0)).contains("\\Deleted"));
        QVERIFY(!m_server->commands().contains("EXPUNGE"));
        m_service->answerExpungeAll(answer == Answer::ExpungeAll);
        QVERIFY(!m_service->isAwaitingExpungeAnswer());
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingOperationCount(), 0, 10000);
    const bool plainExpunge = answer != Answer::OnlyMark;
    QCOMPARE(m_server->commands().contains("EXPUNGE"), plainExpunge);
    QVERIFY(!m_server->commands().contains("UID EXPUNGE " + QByteArray::number(m_inbox.at(0))));
    QCOMPARE(asked.size(), answer == Answer::NotAsked ? 0 : 1);
    // Removed, or left marked.
    QCOMPARE(m_server->uids("INBOX").contains(m_inbox.at(0)), !plainExpunge);
    if (!plainExpunge)
        QVERIFY(m_server->flags("INBOX", m_inbox.at(0)).contains("\\Deleted"));
    // The other client's message: still there and marked, unless the user removed them all;
    // the cache follows.
    const bool othersKept = answer != Answer::ExpungeAll;
    QCOMPARE(m_server->uids("INBOX").contains(m_inbox.at(2)), othersKept);
    QCOMPARE(m_server->flags("INBOX", m_inbox.at(2)).contains("\\Deleted"),
             othersDeleted && othersKept);
    QCOMPARE(bool(m_service->store()->message(inbox, m_inbox.at(2))), othersKept);
    QVERIFY(!m_service->store()->message(inbox, m_inbox.at(0)));
    QCOMPARE(m_server->uids("INBOX").contains(m_inbox.at(1)), true);
    bool told = false;
    for (const QList<QVariant> &notice : std::as_const(notices))
        told = told || notice.first().toString().contains(QStringLiteral("marked as deleted"));
    QCOMPARE(told, answer == Answer::OnlyMark);
}

void TestServerRules::moveWithoutUidplus_data()
{
    QTest::addColumn<Answer>("answer");
    QTest::newRow("the user keeps the other client's message") << Answer::OnlyMark;
    QTest::newRow("the user removes all marked messages") << Answer::ExpungeAll;
}

// A move without MOVE and UIDPLUS copies, marks and would expunge: with another client's message
// marked \Deleted in the source, the user chooses.
void TestServerRules::moveWithoutUidplus()
{
    QFETCH(Answer, answer);
    m_server->setCapabilities(minimalCapabilities);
    m_server->addMailbox("Archive");
    m_server->setFlags("INBOX", m_inbox.at(2), {"\\Deleted"});
    QVERIFY(startOnline());
    QSignalSpy asked(m_service.get(), &AccountService::expungeAllRequested);
    const qint64 inbox = folder(Use::Inbox);
    const qint64 archive = m_service->store()->folderByPath(QStringLiteral("Archive")).value().id;

    m_service->moveMessages(inbox, {m_inbox.at(0)}, archive);
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 10000);
    QCOMPARE(asked.first().at(0).toLongLong(), inbox);
    QCOMPARE(m_server->uids("Archive").size(), 1);
    QVERIFY(m_server->commands().contains("UID SEARCH DELETED"));
    QVERIFY(!m_server->commands().contains("EXPUNGE"));
    QCOMPARE(m_service->pendingOperationCount(), 1);

    m_service->answerExpungeAll(answer == Answer::ExpungeAll);
    QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingOperationCount(), 0, 10000);
    const bool all = answer == Answer::ExpungeAll;
    QCOMPARE(m_server->commands().contains("EXPUNGE"), all);
    QCOMPARE(m_server->uids("INBOX").contains(m_inbox.at(2)), !all);
    QCOMPARE(m_server->uids("INBOX").contains(m_inbox.at(0)), !all);
    if (!all)
        QVERIFY(m_server->flags("INBOX", m_inbox.at(0)).contains("\\Deleted"));
    QCOMPARE(bool(m_service->store()->message(inbox, m_inbox.at(2))), !all);
    QCOMPARE(m_server->uids("Archive").size(), 1);
}

// The connection goes while the question is open: the messages stay marked, the question is
// withdrawn, and the change is done with (not copied again on the next connection).
void TestServerRules::expungeQuestionWithdrawnWhenTheConnectionGoes()
{
    m_server->setCapabilities(minimalCapabilities);
    m_server->addMailbox("Archive");
    m_server->setFlags("INBOX", m_inbox.at(2), {"\\Deleted"});
    QVERIFY(startOnline());
    QSignalSpy asked(m_service.get(), &AccountService::expungeAllRequested);
    QSignalSpy withdrawn(m_service.get(), &AccountService::expungeQuestionWithdrawn);
    const qint64 inbox = folder(Use::Inbox);
    const qint64 archive = m_service->store()->folderByPath(QStringLiteral("Archive")).value().id;
    m_service->moveMessages(inbox, {m_inbox.at(0)}, archive);
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 10000);

    m_server->setReachable(false);
    QTRY_COMPARE_WITH_TIMEOUT(withdrawn.size(), 1, 10000);
    QVERIFY(!m_service->isAwaitingExpungeAnswer());
    QCOMPARE(m_service->pendingOperationCount(), 0);
    m_service->answerExpungeAll(true); // too late: nothing happens
    m_server->setReachable(true);
    m_service->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(m_service->state(), AccountService::State::Online, 15000);
    QVERIFY(!m_server->commands().contains("EXPUNGE"));
    QCOMPARE(m_server->uids("Archive").size(), 1);
    QVERIFY(m_server->uids("INBOX").contains(m_inbox.at(2)));
    QVERIFY(m_server->flags("INBOX", m_inbox.at(0)).contains("\\Deleted"));
}

void TestServerRules::subscriptionsFromLsub_data()
{
    QTest::addColumn<QByteArray>("capabilities");
    QTest::addColumn<bool>("lsub");
    QTest::newRow("LSUB without LIST-EXTENDED") << minimalCapabilities << true;
    QTest::newRow("RETURN (SUBSCRIBED) with LIST-EXTENDED")
            << QByteArray(minimalCapabilities + " LIST-EXTENDED") << false;
}

void TestServerRules::subscriptionsFromLsub()
{
    QFETCH(QByteArray, capabilities);
    QFETCH(bool, lsub);
    m_server->setCapabilities(capabilities);
    m_server->addMailbox("Lists");
    m_server->addMailbox("Old");
    m_server->setSubscribed("Old", false);
    QVERIFY(startOnline());
    MessageStore *store = m_service->store();
    QVERIFY(store->folderByPath(QStringLiteral("Lists")).value().subscribed);
    QVERIFY(store->folderByPath(QStringLiteral("INBOX")).value().subscribed);
    QVERIFY(!store->folderByPath(QStringLiteral("Old")).value().subscribed);
    bool sentLsub = false;
    for (const QByteArray &command : m_server->commands())
        sentLsub = sentLsub || command.startsWith("LSUB");
    QCOMPARE(sentLsub, lsub);
}

void TestServerRules::specialFoldersByName_data()
{
    QTest::addColumn<QByteArrayList>("mailboxes"); // wire names, "name=attribute"
    QTest::addColumn<char>("delimiter");
    QTest::addColumn<QStringList>("expected"); // Sent, Drafts, Trash, Junk paths
    QTest::newRow("German") << QByteArrayList {"Gesendet", "Entw&APw-rfe", "Papierkorb", "Spam"}
                            << '/'
                            << QStringList {u"Gesendet"_s, u"Entwürfe"_s, u"Papierkorb"_s,
                                            u"Spam"_s};
    QTest::newRow("French") << QByteArrayList {"&AMk-l&AOk-ments envoy&AOk-s", "Brouillons",
                                               "Corbeille", "Courrier ind&AOk-sirable"}
                            << '/'
                            << QStringList {u"Éléments envoyés"_s, u"Brouillons"_s, u"Corbeille"_s,
                                            u"Courrier indésirable"_s};
    QTest::newRow("Spanish") << QByteArrayList {"Enviados", "Borradores", "Papelera", "Spam"} << '/'
                             << QStringList {u"Enviados"_s, u"Borradores"_s, u"Papelera"_s,
                                             u"Spam"_s};
    QTest::newRow("under INBOX, dot separator")
            << QByteArrayList {"INBOX.Sent", "INBOX.Drafts", "INBOX.Trash", "INBOX.Junk"} << '.'
            << QStringList {u"INBOX.Sent"_s, u"INBOX.Drafts"_s, u"INBOX.Trash"_s, u"INBOX.Junk"_s};
    // An attribute wins over a name: "Trash" is an ordinary folder here.
    QTest::newRow("attribute first")
            << QByteArrayList {"Sent", "Drafts", "Trash", "Bin=\\Trash", "Junk"} << '/'
            << QStringList {u"Sent"_s, u"Drafts"_s, u"Bin"_s, u"Junk"_s};
    QTest::newRow("none") << QByteArrayList {"Work", "Receipts"} << '/'
                          << QStringList {QString(), QString(), QString(), QString()};
}

void TestServerRules::specialFoldersByName()
{
    QFETCH(QByteArrayList, mailboxes);
    QFETCH(char, delimiter);
    QFETCH(QStringList, expected);
    m_server->setCapabilities(minimalCapabilities);
    m_server->setDelimiter(delimiter);
    for (const QByteArray &mailbox : mailboxes) {
        const QList<QByteArray> parts = mailbox.split('=');
        m_server->addMailbox(parts.at(0), parts.value(1));
    }
    QVERIFY(startOnline());
    QAbstractItemModelTester tester(m_service->folderModel());
    QCOMPARE(QStringList({pathOf(Use::Sent), pathOf(Use::Drafts), pathOf(Use::Trash),
                          pathOf(Use::Junk)}),
             expected);
}

void TestServerRules::trashAskedOnceWhenNoneFound_data()
{
    QTest::addColumn<QString>("answer");
    QTest::newRow("the user names a folder") << u"Rubbish"_s;
    QTest::newRow("the user says there is none") << QString();
}

void TestServerRules::trashAskedOnceWhenNoneFound()
{
    QFETCH(QString, answer);
    m_server->setCapabilities(minimalCapabilities + " UIDPLUS");
    m_server->addMailbox("Rubbish");
    m_server->addMailbox("Work");
    m_server->addMailbox("Sent"); // found by its name: no candidate for Trash
    QVERIFY(startOnline());
    QSignalSpy asked(m_service.get(), &AccountService::trashFolderRequested);
    QSignalSpy chosen(m_service.get(), &AccountService::trashFolderChosen);
    const qint64 inbox = folder(Use::Inbox);
    QCOMPARE(folder(Use::Trash), 0);

    // Nothing is removed before the answer; a second deletion meanwhile waits too, unasked.
    m_service->deleteMessages(inbox, {m_inbox.at(0)});
    m_service->deleteMessages(inbox, {m_inbox.at(1)});
    QCOMPARE(asked.size(), 1);
    QVERIFY(m_service->isAwaitingTrashFolder());
    QStringList candidates = asked.first().first().toStringList();
    candidates.sort();
    QCOMPARE(candidates, QStringList({u"Rubbish"_s, u"Work"_s}));
    QTest::qWait(200);
    QCOMPARE(m_server->uids("INBOX").size(), 3);

    m_service->answerTrashFolder(answer);
    QVERIFY(!m_service->isAwaitingTrashFolder());
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.first().first().toString(), answer);
    QCOMPARE(m_service->account().trashFolder(), std::optional<QString>(answer));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->uids("INBOX").size(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingOperationCount(), 0, 10000);
    QCOMPARE(m_server->uids("Rubbish").size(), answer.isEmpty() ? 0 : 2);

    // Asked once: the next deletion goes the same way without a question.
    m_service->deleteMessages(inbox, {m_inbox.at(2)});
    QTRY_COMPARE_WITH_TIMEOUT(m_server->uids("INBOX").size(), 0, 10000);
    QCOMPARE(m_server->uids("Rubbish").size(), answer.isEmpty() ? 0 : 3);
    QCOMPARE(asked.size(), 1);
}

// The choice is the account's: a session started with it does not ask, and files into it.
void TestServerRules::trashChoiceKeptInTheAccount()
{
    m_server->setCapabilities(minimalCapabilities + " UIDPLUS");
    m_server->addMailbox("Rubbish");
    Account account = testAccount();
    account.setTrashFolder(u"Rubbish"_s);
    QVERIFY(startOnline(account));
    QSignalSpy asked(m_service.get(), &AccountService::trashFolderRequested);
    QCOMPARE(pathOf(Use::Trash), u"Rubbish"_s);
    m_service->deleteMessages(folder(Use::Inbox), {m_inbox.at(0)});
    QTRY_COMPARE_WITH_TIMEOUT(m_server->uids("Rubbish").size(), 1, 10000);
    QCOMPARE(asked.size(), 0);
}

void TestServerRules::trashQuestionClosedDeletesNothing()
{
    m_server->setCapabilities(minimalCapabilities + " UIDPLUS");
    m_server->addMailbox("Rubbish");
    QVERIFY(startOnline());
    QSignalSpy asked(m_service.get(), &AccountService::trashFolderRequested);
    QSignalSpy chosen(m_service.get(), &AccountService::trashFolderChosen);
    const qint64 inbox = folder(Use::Inbox);
    m_service->deleteMessages(inbox, {m_inbox.at(0)});
    QCOMPARE(asked.size(), 1);
    m_service->cancelTrashQuestion();
    QVERIFY(!m_service->isAwaitingTrashFolder());
    QCOMPARE(m_service->pendingOperationCount(), 0);
    QCOMPARE(m_service->messageModel()->rowCount(), 3);
    QCOMPARE(chosen.size(), 0);
    QVERIFY(!m_service->account().trashFolder());
    // Not answered: the next deletion asks again.
    m_service->deleteMessages(inbox, {m_inbox.at(1)});
    QCOMPARE(asked.size(), 2);
    QTest::qWait(100);
    QCOMPARE(m_server->uids("INBOX").size(), 3);
}

void TestServerRules::newTopLevelFolderInPersonalNamespace_data()
{
    QTest::addColumn<QByteArray>("capabilities");
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<char>("delimiter");
    QTest::addColumn<QByteArray>("created");
    QTest::newRow("INBOX. name space")
            << minimalCapabilities << QByteArray("INBOX.") << '.' << QByteArray("INBOX.Projects");
    QTest::newRow("empty prefix") << minimalCapabilities << QByteArray() << '/'
                                  << QByteArray("Projects");
    QTest::newRow("no NAMESPACE") << QByteArray("IMAP4rev1 SASL-IR AUTH=PLAIN IDLE")
                                  << QByteArray("INBOX.") << '.' << QByteArray("Projects");
}

void TestServerRules::newTopLevelFolderInPersonalNamespace()
{
    QFETCH(QByteArray, capabilities);
    QFETCH(QByteArray, prefix);
    QFETCH(char, delimiter);
    QFETCH(QByteArray, created);
    m_server->setCapabilities(capabilities);
    m_server->setPersonalNamespace(prefix);
    m_server->setDelimiter(delimiter);
    QVERIFY(startOnline());
    QSignalSpy changed(m_service.get(), &AccountService::folderChanged);
    QVERIFY(!m_service->createFolder(0, u"Projects"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 10000);
    QCOMPARE(changed.at(0).at(2).toString(), QString::fromLatin1(created));
    QByteArrayList creates;
    for (const QByteArray &command : m_server->commands()) {
        if (command.startsWith("CREATE "))
            creates.append(command.mid(7));
    }
    QCOMPARE(creates.size(), 1);
    QCOMPARE(creates.at(0), created); // an atom, unquoted
}

QTEST_GUILESS_MAIN(TestServerRules)
#include "tst_serverrules.moc"
