// One suite, every IMAP server of the matrix: the same flows against whichever server the CTest
// fixture started (HERON_MAILSTACK_DIR finds it, HERON_MATRIX_SERVER names it). Everything is
// checked through IMAP itself, from a second connection where another client is meant, never
// through a server's own tools, so the flows run unchanged against Dovecot in its reduced
// configurations and against Cyrus. Each flow is one test function; CTest runs each as
// matrix_<server>_<flow>. What a server is expected to offer is stated per server below.
#include "accounts/memorysecretstore.h"
#include "imap/imapconnection.h"
#include "imap/tasks/imapappendtask.h"
#include "imap/tasks/imapexpungetask.h"
#include "imap/tasks/imapfetchmetadatatask.h"
#include "imap/tasks/imapfetchparttask.h"
#include "imap/tasks/imaplisttask.h"
#include "imap/tasks/imaplogouttask.h"
#include "imap/tasks/imapmailboxtask.h"
#include "imap/tasks/imapmovetask.h"
#include "imap/tasks/imapsearchtask.h"
#include "imap/tasks/imapselecttask.h"
#include "imap/tasks/imapstoretask.h"
#include "mailstackinfo.h"
#include "net/ssltransport.h"
#include "service/accountservice.h"
#include "store/messagestore.h"
#include "sync/foldersync.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

// What each server of the matrix offers, as the tests expect it.
struct ServerProfile
{
    QString name;
    bool condstore = false; // CONDSTORE enabled after login
    bool qresync = false;
    bool uidplus = false;
    bool move = false;
    bool specialUse = false;
    bool listExtended = false;
    QByteArray resyncMethod; // what FolderSync uses the second time
    // The paths the account finds for Sent, Drafts and Trash.
    QStringList specialFolders;
};

ServerProfile profileOf(const QString &server)
{
    ServerProfile p;
    p.name = server;
    const QStringList english {u"Sent"_s, u"Drafts"_s, u"Trash"_s};
    if (server == u"dovecot") {
        p = {server, true, true, true, true, true, true, "qresync", english};
    } else if (server == u"dovecot-nocondstore") {
        p = {server, false, false, true, true, true, true, "flags", english};
    } else if (server == u"dovecot-minimal") {
        // IMAP4rev1 IDLE NAMESPACE CHILDREN UNSELECT only; Dovecot still marks the special
        // folders in LIST, and the names are the usual ones anyway.
        p = {server, false, false, false, false, false, false, "flags", english};
    } else if (server == u"dovecot-nospecialuse") {
        p = {server, true,      true,
             true,   true,      false,
             true,   "qresync", {u"Gesendet"_s, u"Entwürfe"_s, u"Papierkorb"_s}};
    } else if (server == u"cyrus") {
        p = {server, true, true, true, true, true, true, "qresync", english};
    }
    return p;
}

QByteArray uniqueName(const char *prefix)
{
    return prefix + QUuid::createUuid().toByteArray(QUuid::Id128).left(10);
}

QByteArray testMessage(const QByteArray &token, int index, const QByteArray &body = {})
{
    return "From: Alice <alice@example.test>\r\nTo: bob@example.test\r\nSubject: Matrix " + token
           + ' ' + QByteArray::number(index) + "\r\nMessage-ID: <" + token + '.'
           + QByteArray::number(index) + "@matrix.example.test>\r\n"
           + "Date: Thu, 01 Jan 2026 10:00:00 +0000\r\n\r\n"
           + (body.isEmpty() ? "Body " + QByteArray::number(index) + "\r\n" : body);
}

} // namespace

class TestImapMatrix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void login_data();
    void login();
    void capabilities();
    void folderList();
    void coldSync();
    void resync();
    void idle();
    void move();
    void append();
    void deleteMessages();
    void folders();
    void largePart();

private:
    struct Session
    {
        SslTransport transport;
        ImapConnection connection {&transport};
    };
    // A logged-in session of user; null (with a failure recorded) when it does not open.
    std::unique_ptr<Session> open(Security security = Security::ImplicitTls,
                                  bool enableExtensions = true);
    bool run(ImapTask *task, int timeoutMs = 120000);
    // A new folder holding count test messages; its name, or empty.
    QByteArray makeFolder(Session *session, int count, const QByteArray &token);
    // What another client sees of a folder: UID -> flags (sorted, \Recent left out).
    QMap<quint32, QByteArrayList> serverState(const QByteArray &folder);
    // The cache's view of a folder in the same shape.
    QMap<quint32, QByteArrayList> cacheState(qint64 folderId);
    MailError sync(ImapConnection *connection, qint64 folderId, QByteArray *method = nullptr);
    qint64 cacheFolder(const QByteArray &path);
    void dropFolder(const QByteArray &name);

    MailStackInfo m_stack;
    ServerProfile m_profile;
    QString m_user = u"bob"_s;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    QList<QByteArray> m_madeFolders;
};

void TestImapMatrix::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    m_profile = profileOf(qEnvironmentVariable("HERON_MATRIX_SERVER", u"dovecot"_s));
    QVERIFY2(!m_profile.resyncMethod.isEmpty(), qPrintable(u"unknown server "_s + m_profile.name));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestImapMatrix::cleanup()
{
    // Folders a flow made go again, through IMAP; whatever fails here is left for the next
    // start of the stack.
    const QList<QByteArray> made = std::exchange(m_madeFolders, {});
    if (made.isEmpty())
        return;
    auto session = open();
    if (!session)
        return;
    for (const QByteArray &name : made) {
        ImapMailboxTask remove(&session->connection, ImapMailboxTask::Operation::Delete, name);
        run(&remove, 30000);
    }
    m_store.reset();
}

std::unique_ptr<TestImapMatrix::Session> TestImapMatrix::open(Security security,
                                                              bool enableExtensions)
{
    auto session = std::make_unique<Session>();
    session->transport.setCaCertificates(m_stack.caCertificates());
    session->transport.setPeerVerifyName(m_stack.tlsName());
    session->transport.setConnectTimeout(15000);
    ImapConnectionSettings settings;
    settings.host = m_stack.host();
    settings.port = security == Security::ImplicitTls ? m_stack.imapTlsPort()
                                                      : m_stack.imapStartTlsPort();
    settings.security = security;
    settings.username = m_stack.address(m_user);
    settings.password = m_stack.password();
    settings.enableExtensions = enableExtensions;
    QSignalSpy ready(&session->connection, &ImapConnection::ready);
    QSignalSpy failed(&session->connection, &ImapConnection::failed);
    session->connection.open(settings);
    if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 30000)
        || ready.isEmpty()) {
        qWarning() << "login failed:"
                   << (failed.isEmpty() ? u"timeout"_s
                                        : failed.first().first().value<MailError>().toString());
        return nullptr;
    }
    return session;
}

bool TestImapMatrix::run(ImapTask *task, int timeoutMs)
{
    QSignalSpy finished(task, &ImapTask::finished);
    task->start();
    if (finished.isEmpty() && !finished.wait(timeoutMs))
        return false;
    if (task->error().isError())
        qWarning() << "task failed:" << task->error().toString();
    return !task->error().isError();
}

QByteArray TestImapMatrix::makeFolder(Session *session, int count, const QByteArray &token)
{
    const QByteArray name = uniqueName("Matrix");
    ImapMailboxTask create(&session->connection, ImapMailboxTask::Operation::Create, name);
    if (!run(&create))
        return {};
    m_madeFolders.append(name);
    for (int i = 0; i < count; ++i) {
        ImapAppendTask append(&session->connection, name, testMessage(token, i));
        if (i % 3 == 0)
            append.setFlags({"\\Seen"});
        if (!run(&append))
            return {};
    }
    return name;
}

QMap<quint32, QByteArrayList> TestImapMatrix::serverState(const QByteArray &folder)
{
    QMap<quint32, QByteArrayList> state;
    auto other = open();
    if (!other)
        return state;
    ImapSelectTask select(&other->connection, folder, true);
    if (!run(&select) || select.exists() == 0)
        return state;
    ImapSearchTask all(&other->connection, "ALL");
    if (!run(&all) || all.uids().isEmpty())
        return state;
    ImapFetchMetadataTask fetch(&other->connection, all.uids());
    fetch.setItems(ImapFetchMetadataTask::Items::Flags);
    if (!run(&fetch))
        return state;
    for (const ImapFetch &message : fetch.messages()) {
        if (!message.uid)
            continue;
        QByteArrayList flags;
        for (const QByteArray &flag : message.flags.value_or(QByteArrayList()))
            if (flag.compare("\\Recent", Qt::CaseInsensitive) != 0)
                flags.append(flag);
        std::sort(flags.begin(), flags.end());
        state.insert(*message.uid, flags);
    }
    return state;
}

QMap<quint32, QByteArrayList> TestImapMatrix::cacheState(qint64 folderId)
{
    QMap<quint32, QByteArrayList> state;
    for (quint32 uid : m_store->uids(folderId).value()) {
        const MessageRecord record = m_store->message(folderId, uid).value();
        QByteArrayList flags;
        if (record.flags & MessageRecord::Seen)
            flags.append("\\Seen");
        if (record.flags & MessageRecord::Flagged)
            flags.append("\\Flagged");
        if (record.flags & MessageRecord::Answered)
            flags.append("\\Answered");
        if (record.flags & MessageRecord::Draft)
            flags.append("\\Draft");
        if (record.flags & MessageRecord::Deleted)
            flags.append("\\Deleted");
        std::sort(flags.begin(), flags.end());
        state.insert(uid, flags);
    }
    return state;
}

qint64 TestImapMatrix::cacheFolder(const QByteArray &path)
{
    if (!m_store) {
        m_store = std::make_unique<MessageStore>();
        if (m_store->open(m_dir->filePath(QString::fromLatin1(uniqueName("cache")) + u".sqlite"_s)))
            return 0;
    }
    FolderRecord folder;
    folder.path = QString::fromLatin1(path);
    folder.delimiter = QLatin1Char('/');
    const StoreResult<qint64> id = m_store->upsertFolder(folder);
    return id ? id.value() : 0;
}

MailError TestImapMatrix::sync(ImapConnection *connection, qint64 folderId, QByteArray *method)
{
    FolderSync folderSync(connection, m_store.get(), folderId);
    folderSync.setBatchSizes(20, 100);
    QSignalSpy finished(&folderSync, &FolderSync::finished);
    folderSync.start();
    if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, 120000))
        return MailError(MailError::Kind::Network, u"sync timed out"_s);
    if (method)
        *method = folderSync.method();
    return finished.first().first().value<MailError>();
}

void TestImapMatrix::login_data()
{
    QTest::addColumn<int>("security");
    QTest::newRow("implicit TLS") << int(Security::ImplicitTls);
    QTest::newRow("STARTTLS") << int(Security::StartTls);
}

void TestImapMatrix::login()
{
    QFETCH(int, security);
    auto session = open(Security(security));
    QVERIFY(session);
    QVERIFY(session->transport.isEncrypted());
    QVERIFY(session->connection.hasCapability("IMAP4rev1"));
    QVERIFY(session->connection.hasCapability("IDLE"));
    QSignalSpy failed(&session->connection, &ImapConnection::failed);
    ImapLogoutTask logout(&session->connection);
    QVERIFY(run(&logout));
    QCOMPARE(failed.size(), 0);
}

// What each server offers, and what the client turned on from it.
void TestImapMatrix::capabilities()
{
    auto session = open();
    QVERIFY(session);
    ImapConnection &c = session->connection;
    QCOMPARE(c.isEnabled("CONDSTORE") || c.isEnabled("QRESYNC"), m_profile.condstore);
    QCOMPARE(c.isEnabled("QRESYNC"), m_profile.qresync);
    QCOMPARE(c.hasCapability("UIDPLUS"), m_profile.uidplus);
    QCOMPARE(c.hasCapability("MOVE"), m_profile.move);
    QCOMPARE(c.hasCapability("SPECIAL-USE"), m_profile.specialUse);
    QCOMPARE(c.hasCapability("LIST-EXTENDED"), m_profile.listExtended);
    // COMPRESS=DEFLATE is on exactly where offered; the full Dovecot offers it, the minimal one
    // does not (and the flows here run over whichever it is).
    QCOMPARE(c.isCompressed(), c.hasCapability("COMPRESS=DEFLATE"));
    if (m_profile.name == u"dovecot")
        QVERIFY(c.isCompressed());
    if (m_profile.name == u"dovecot-minimal")
        QVERIFY(!c.hasCapability("COMPRESS=DEFLATE"));
    // HIGHESTMODSEQ is used exactly when CONDSTORE or QRESYNC is offered.
    ImapSelectTask select(&c, "INBOX", true);
    QVERIFY(run(&select));
    QCOMPARE(select.hasModSeq(), m_profile.condstore);
}

// The account layer lists the folders and finds Sent, Drafts and Trash, by attribute or name.
void TestImapMatrix::folderList()
{
    Account account;
    account.setId(u"matrix"_s);
    account.setDisplayName(u"Matrix"_s);
    account.setAddress(m_stack.address(m_user));
    account.setUserName(m_stack.address(m_user));
    account.setImapHost(m_stack.host());
    account.setImapPort(m_stack.imapTlsPort());
    account.setImapSecurity(Security::ImplicitTls);
    account.setCaFilePath(m_stack.caFile());
    MemorySecretStore secrets;
    bool written = false;
    secrets.writePassword(account.id(), m_stack.password(), this,
                          [&](const SecretStore::Reply &) { written = true; });
    QTRY_VERIFY(written);
    // The certificate is issued for TLS_NAME; the account connects to the loopback address,
    // which the certificate names too.
    AccountService service(account, &secrets);
    QVERIFY(!service.openCache(m_dir->filePath(u"folderlist.sqlite"_s)));
    QSignalSpy trust(&service, &AccountService::trustRequested);
    service.connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(service.state() == AccountService::State::Online
                                     && service.folderId(FolderRecord::SpecialUse::Inbox) != 0,
                             60000);
    QCOMPARE(trust.size(), 0);
    QStringList found;
    for (auto use : {FolderRecord::SpecialUse::Sent, FolderRecord::SpecialUse::Drafts,
                     FolderRecord::SpecialUse::Trash}) {
        const qint64 id = service.folderId(use);
        found.append(id ? service.store()->folder(id).value().path : QString());
    }
    QCOMPARE(found, m_profile.specialFolders);
    // The special folders are subscribed on every server (LIST-EXTENDED or LSUB tells).
    const FolderRecord sent
            = service.store()->folder(service.folderId(FolderRecord::SpecialUse::Sent)).value();
    QVERIFY(sent.subscribed);
    service.disconnectFromServer();
}

// A first synchronisation into an empty cache equals what another client sees.
void TestImapMatrix::coldSync()
{
    auto session = open();
    QVERIFY(session);
    const QByteArray token = uniqueName("cold");
    const QByteArray folder = makeFolder(session.get(), 40, token);
    QVERIFY(!folder.isEmpty());
    const qint64 id = cacheFolder(folder);
    QVERIFY(id);
    QByteArray method;
    const MailError error = sync(&session->connection, id, &method);
    QVERIFY2(!error, qPrintable(error.toString()));
    QCOMPARE(method, QByteArray("full"));
    const QMap<quint32, QByteArrayList> server = serverState(folder);
    QCOMPARE(server.size(), 40);
    QCOMPARE(cacheState(id), server);
    const MessageRecord first = m_store->message(id, server.firstKey()).value();
    QCOMPARE(first.subject, QString::fromLatin1("Matrix " + token + " 0"));
    // The HIGHESTMODSEQ kept is the server's only where the server offers it.
    QCOMPARE(m_store->folder(id).value().highestModSeq != 0, m_profile.condstore);
}

// Another client changes flags, expunges and adds messages; the next synchronisation brings the
// cache back to what the server has, by the way the server allows.
void TestImapMatrix::resync()
{
    auto session = open();
    QVERIFY(session);
    const QByteArray token = uniqueName("resync");
    const QByteArray folder = makeFolder(session.get(), 30, token);
    QVERIFY(!folder.isEmpty());
    const qint64 id = cacheFolder(folder);
    QVERIFY(!sync(&session->connection, id));
    const QList<quint32> uids = m_store->uids(id).value();
    QCOMPARE(uids.size(), 30);
    session.reset();

    auto other = open();
    QVERIFY(other);
    ImapSelectTask select(&other->connection, folder);
    QVERIFY(run(&select));
    ImapStoreTask flag(&other->connection, UidSet::fromList({uids.at(5), uids.at(6)}),
                       ImapStoreTask::Mode::Add, {"\\Flagged"});
    QVERIFY(run(&flag));
    ImapStoreTask unseen(&other->connection, UidSet::fromList({uids.at(0)}),
                         ImapStoreTask::Mode::Remove, {"\\Seen"});
    QVERIFY(run(&unseen));
    const UidSet gone = UidSet::fromList({uids.at(2), uids.at(20)});
    ImapStoreTask mark(&other->connection, gone, ImapStoreTask::Mode::Add, {"\\Deleted"});
    QVERIFY(run(&mark));
    ImapExpungeTask expunge(&other->connection, gone);
    QVERIFY(run(&expunge));
    QVERIFY(!expunge.withheld());
    for (int i = 30; i < 33; ++i) {
        ImapAppendTask append(&other->connection, folder, testMessage(token, i));
        QVERIFY(run(&append));
    }
    other.reset();

    session = open();
    QVERIFY(session);
    QByteArray method;
    const MailError error = sync(&session->connection, id, &method);
    QVERIFY2(!error, qPrintable(error.toString()));
    QCOMPARE(method, m_profile.resyncMethod);
    const QMap<quint32, QByteArrayList> server = serverState(folder);
    QCOMPARE(server.size(), 31);
    QCOMPARE(cacheState(id), server);
}

// A session idling on a folder hears of a message another client adds.
void TestImapMatrix::idle()
{
    auto session = open();
    QVERIFY(session);
    const QByteArray folder = makeFolder(session.get(), 2, uniqueName("idle"));
    QVERIFY(!folder.isEmpty());
    ImapSelectTask select(&session->connection, folder);
    QVERIFY(run(&select));
    QSignalSpy idling(&session->connection, &ImapConnection::idleStarted);
    QSignalSpy exists(&session->connection, &ImapConnection::existsReceived);
    session->connection.setIdleEnabled(true);
    QTRY_VERIFY_WITH_TIMEOUT(session->connection.isIdling(), 10000);

    auto other = open();
    QVERIFY(other);
    ImapAppendTask append(&other->connection, folder, testMessage("idle", 9));
    QVERIFY(run(&append));
    QTRY_VERIFY_WITH_TIMEOUT(!exists.isEmpty(), 60000);
    QCOMPARE(exists.last().first().toUInt(), 3u);
}

// A message moves between two folders (MOVE, or COPY and the safe expunge).
void TestImapMatrix::move()
{
    auto session = open();
    QVERIFY(session);
    const QByteArray token = uniqueName("move");
    const QByteArray source = makeFolder(session.get(), 3, token);
    const QByteArray target = makeFolder(session.get(), 0, token);
    QVERIFY(!source.isEmpty() && !target.isEmpty());
    ImapSelectTask select(&session->connection, source);
    QVERIFY(run(&select));
    const QList<quint32> uids = serverState(source).keys();
    QCOMPARE(uids.size(), 3);
    ImapMoveTask moveTask(&session->connection, UidSet::fromList({uids.at(1)}), target);
    QVERIFY(run(&moveTask));
    QVERIFY(!moveTask.withheld());
    QCOMPARE(serverState(source).keys(), QList<quint32>({uids.at(0), uids.at(2)}));
    const QMap<quint32, QByteArrayList> moved = serverState(target);
    QCOMPARE(moved.size(), 1);
    if (m_profile.uidplus) {
        QCOMPARE(moveTask.uidMapping().size(), 1);
        QCOMPARE(moveTask.uidMapping().first().second, moved.firstKey());
    }
}

// A message stored with flags comes back byte for byte.
void TestImapMatrix::append()
{
    auto session = open();
    QVERIFY(session);
    const QByteArray token = uniqueName("append");
    const QByteArray folder = makeFolder(session.get(), 0, token);
    QVERIFY(!folder.isEmpty());
    const QByteArray message = testMessage(token, 1, "Line one\r\nLine two: caf\xc3\xa9\r\n");
    ImapAppendTask appendTask(&session->connection, folder, message);
    appendTask.setFlags({"\\Seen", "\\Flagged"});
    QVERIFY(run(&appendTask));
    const QMap<quint32, QByteArrayList> state = serverState(folder);
    QCOMPARE(state.size(), 1);
    if (m_profile.uidplus)
        QCOMPARE(appendTask.uid(), state.firstKey());
    QCOMPARE(state.first(), QByteArrayList({"\\Flagged", "\\Seen"}));
    ImapSelectTask select(&session->connection, folder, true);
    QVERIFY(run(&select));
    ImapFetchPartTask whole(&session->connection, state.firstKey(), QByteArray());
    QVERIFY(run(&whole));
    QCOMPARE(whole.data(), message);
}

// Deleting removes the message; a message another client marked \Deleted stays unless the
// server can expunge by UID (then it was never at risk) - never taken along by a plain EXPUNGE.
void TestImapMatrix::deleteMessages()
{
    auto session = open();
    QVERIFY(session);
    const QByteArray folder = makeFolder(session.get(), 3, uniqueName("delete"));
    QVERIFY(!folder.isEmpty());
    const QList<quint32> uids = serverState(folder).keys();
    QCOMPARE(uids.size(), 3);
    {
        auto other = open();
        QVERIFY(other);
        ImapSelectTask select(&other->connection, folder);
        QVERIFY(run(&select));
        ImapStoreTask mark(&other->connection, UidSet::fromList({uids.at(2)}),
                           ImapStoreTask::Mode::Add, {"\\Deleted"});
        QVERIFY(run(&mark));
    }
    ImapSelectTask select(&session->connection, folder);
    QVERIFY(run(&select));
    const UidSet mine = UidSet::fromList({uids.at(0)});
    ImapStoreTask mark(&session->connection, mine, ImapStoreTask::Mode::Add, {"\\Deleted"});
    QVERIFY(run(&mark));
    ImapExpungeTask expunge(&session->connection, mine);
    QVERIFY(run(&expunge));
    QCOMPARE(expunge.withheld(), !m_profile.uidplus);
    const QMap<quint32, QByteArrayList> state = serverState(folder);
    QCOMPARE(state.contains(uids.at(0)), !m_profile.uidplus);
    QVERIFY(state.contains(uids.at(1)));
    QVERIFY(state.contains(uids.at(2)));
    QVERIFY(state.value(uids.at(2)).contains("\\Deleted"));
}

// Create, rename, subscribe and delete a folder; another client's listing follows each step.
void TestImapMatrix::folders()
{
    auto session = open();
    QVERIFY(session);
    const QByteArray name = uniqueName("Folder");
    const QByteArray renamed = name + "-renamed";
    auto listed = [this](const QByteArray &wanted, bool *subscribed) {
        auto other = open();
        if (!other)
            return false;
        ImapListTask list(&other->connection);
        list.setWantStatus(false);
        if (!run(&list))
            return false;
        for (const ImapMailboxListing &mailbox : list.mailboxes()) {
            if (mailbox.name == wanted) {
                if (subscribed)
                    *subscribed = mailbox.has(ImapMailboxListing::Subscribed);
                return true;
            }
        }
        return false;
    };
    ImapMailboxTask create(&session->connection, ImapMailboxTask::Operation::Create, name);
    QVERIFY(run(&create));
    m_madeFolders.append(name);
    bool subscribed = true;
    QVERIFY(listed(name, &subscribed));
    QVERIFY(!subscribed);
    ImapMailboxTask subscribe(&session->connection, ImapMailboxTask::Operation::Subscribe, name);
    QVERIFY(run(&subscribe));
    QVERIFY(listed(name, &subscribed));
    QVERIFY(subscribed);
    ImapMailboxTask rename(&session->connection, ImapMailboxTask::Operation::Rename, name, renamed);
    QVERIFY(run(&rename));
    m_madeFolders = {renamed};
    QVERIFY(!listed(name, nullptr));
    QVERIFY(listed(renamed, nullptr));
    ImapMailboxTask remove(&session->connection, ImapMailboxTask::Operation::Delete, renamed);
    QVERIFY(run(&remove));
    m_madeFolders.clear();
    QVERIFY(!listed(renamed, nullptr));
}

// A 5 MB attachment comes back whole, decoded, through BINARY or BODY.
void TestImapMatrix::largePart()
{
    auto session = open();
    QVERIFY(session);
    const QByteArray token = uniqueName("large");
    const QByteArray folder = makeFolder(session.get(), 0, token);
    QVERIFY(!folder.isEmpty());
    QByteArray attachment(5 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator generator(15);
    for (char &byte : attachment)
        byte = char(generator.bounded(256));
    QByteArray encoded = attachment.toBase64();
    QByteArray wrapped;
    for (qsizetype i = 0; i < encoded.size(); i += 76)
        wrapped += encoded.mid(i, 76) + "\r\n";
    const QByteArray message = "From: alice@example.test\r\nTo: bob@example.test\r\nSubject: "
                               + token
                               + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
                                 "boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n"
                                 "See attached.\r\n--b1\r\nContent-Type: application/octet-stream"
                                 "\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: "
                                 "attachment; filename=\"data.bin\"\r\n\r\n"
                               + wrapped + "--b1--\r\n";
    ImapAppendTask appendTask(&session->connection, folder, message);
    QVERIFY(run(&appendTask));
    const quint32 uid = serverState(folder).firstKey();
    ImapSelectTask select(&session->connection, folder, true);
    QVERIFY(run(&select));
    ImapFetchPartTask part(&session->connection, uid, "2");
    part.setPreferBinary(true);
    QVERIFY(run(&part));
    const QByteArray received = part.isBinary() ? part.data() : QByteArray::fromBase64(part.data());
    QCOMPARE(received.size(), attachment.size());
    QVERIFY(received == attachment);
}

QTEST_GUILESS_MAIN(TestImapMatrix)
#include "tst_imapmatrix.moc"
