// heron-synckill: is the cache still sound when the client is killed in the middle of a folder
// synchronisation, and does the next synchronisation complete it? Each run, from its own seed,
// starts a child process that synchronises one folder of the local Dovecot (HERON_MAILSTACK_DIR)
// into a fresh cache and kills it (SIGKILL) at a moment drawn from the seed: a fraction (0 to
// 1.2) of the time a whole synchronisation took in a first, unkilled run. The rows are written
// 2,000 to a transaction, so the folder holds several thousand messages. Then, as the
// application would after a restart, it opens the cache it left behind, checks it, lets another
// client change the folder (a flag, an expunge, new mail) and synchronises again. Counts:
//   consistent      the cache opened sound, held only what the server had, every row whole, and
//                   the next synchronisation made it agree with the server (UIDs and flags)
//   inconsistent    anything else (the reason is printed with --verbose)
//   killed_mid_sync the kill came after some rows and before all of them were written
//   killed_early    the kill came before any row was written
//   killed_late     the synchronisation had finished before the kill
//   heron-synckill [--runs N] [--seed S] [--messages M] [--mode sync|flags|move] [--verbose]
// Exit status 0 only when every run is consistent.
//
// --mode flags and --mode move kill the client in the middle of changes instead: the child
// synchronises the folder, then, as the user's actions do, puts one change per few messages
// into the operation queue (flag all of them \Flagged and \Seen, or move every other group to
// a second folder) and replays it to the server; the kill comes at a moment drawn the same way
// within that replay. After the restart the queue replays what is left of its journal, both
// folders are synchronised, and the run is consistent when the cache agrees with the server
// (UIDs and flags of both folders) and the server holds each change the journal took once (the
// first changes queued, at least as many as the child said it queued). The counts then
// mean: killed_early before the server confirmed any change, killed_mid_sync after some,
// killed_late after all of them.

#include "mailstackinfo.h"

#include "imap/imapconnection.h"
#include "net/ssltransport.h"
#include "service/operationqueue.h"
#include "store/messagestore.h"
#include "store/pendingoperation.h"
#include "sync/foldersync.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

namespace {

const QString User = QStringLiteral("carol");

// Runs the event loop until done() or the timeout; done()'s last answer.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

// One IMAP session of carol's; null when it does not come up.
struct Session
{
    std::unique_ptr<SslTransport> transport;
    std::unique_ptr<ImapConnection> connection;
};

Session openSession(const MailStackInfo &stack)
{
    Session s;
    s.transport = std::make_unique<SslTransport>();
    s.transport->setCaCertificates(stack.caCertificates());
    s.transport->setPeerVerifyName(stack.tlsName());
    s.transport->setConnectTimeout(15000);
    s.connection = std::make_unique<ImapConnection>(s.transport.get());
    ImapConnectionSettings settings;
    settings.host = stack.host();
    settings.port = stack.imapTlsPort();
    settings.security = Security::ImplicitTls;
    settings.username = stack.address(User);
    settings.password = stack.password();
    bool ready = false;
    bool failed = false;
    const QMetaObject::Connection onReady = QObject::connect(s.connection.get(),
                                                             &ImapConnection::ready,
                                                             [&ready] { ready = true; });
    const QMetaObject::Connection onFailed = QObject::connect(s.connection.get(),
                                                              &ImapConnection::failed,
                                                              [&failed] { failed = true; });
    s.connection->open(settings);
    waitFor([&] { return ready || failed; }, 20000);
    QObject::disconnect(onReady);
    QObject::disconnect(onFailed);
    if (!ready)
        s.connection.reset();
    return s;
}

qint64 folderIdOf(MessageStore &store, const QString &path)
{
    const StoreResult<FolderRecord> known = store.folderByPath(path);
    if (known)
        return known.value().id;
    FolderRecord folder;
    folder.path = path;
    folder.delimiter = QLatin1Char('/');
    const StoreResult<qint64> id = store.upsertFolder(folder);
    return id ? id.value() : 0;
}

// Synchronises folder into store; the error, or a timeout as one.
MailError syncFolder(ImapConnection *connection, MessageStore &store, qint64 folderId,
                     const std::function<void()> &onProgress = {})
{
    FolderSync sync(connection, &store, folderId);
    sync.setBatchSizes(20, 100);
    bool done = false;
    MailError result;
    QObject::connect(&sync, &FolderSync::finished, [&](const MailError &error) {
        result = error;
        done = true;
    });
    if (onProgress)
        QObject::connect(&sync, &FolderSync::progress, onProgress);
    sync.start();
    if (!waitFor([&done] { return done; }, 120000))
        return MailError(MailError::Kind::Network, QStringLiteral("sync timed out"));
    return result;
}

// The process that is killed: synchronises folder into the cache in dir, and says "started"
// when the session is up and "progress" at each step, so that the parent can kill it then.
int childSync(const QString &dir, const QString &folder)
{
    const MailStackInfo stack = MailStackInfo::fromEnvironment();
    MessageStore store;
    if (store.open(dir + QStringLiteral("/cache.sqlite")).isError())
        return 2;
    const qint64 id = folderIdOf(store, folder);
    Session session = openSession(stack);
    if (!session.connection)
        return 3;
    std::printf("started\n");
    std::fflush(stdout);
    const MailError error = syncFolder(session.connection.get(), store, id, [] {
        std::printf("progress\n");
        std::fflush(stdout);
    });
    std::printf("finished %s\n", error.isError() ? "error" : "ok");
    std::fflush(stdout);
    return error.isError() ? 4 : 0;
}

// The messages one queued change names, in --mode flags and move.
constexpr int MessagesPerChange = 10;

// Replays the queue's journal over connection; false when it does not drain.
bool replay(OperationQueue &queue, ImapConnection *connection)
{
    bool drained = false;
    const QMetaObject::Connection onDrained = QObject::connect(&queue, &OperationQueue::drained,
                                                               [&drained] { drained = true; });
    queue.run(connection);
    waitFor([&drained] { return drained; }, 120000);
    QObject::disconnect(onDrained);
    return drained && queue.pendingCount() == 0;
}

// The process killed in --mode flags or move: synchronises folder, then queues the changes and
// replays them. Says "started" once it queues, "progress" each time the server confirmed one.
int childOperate(const QString &dir, const QString &folder, const QString &target,
                 const QString &mode)
{
    const MailStackInfo stack = MailStackInfo::fromEnvironment();
    MessageStore store;
    if (store.open(dir + QStringLiteral("/cache.sqlite")).isError())
        return 2;
    const qint64 id = folderIdOf(store, folder);
    const qint64 targetId = folderIdOf(store, target);
    Session session = openSession(stack);
    if (!session.connection)
        return 3;
    if (syncFolder(session.connection.get(), store, id).isError())
        return 4;
    const QList<quint32> uids = store.uids(id).value();
    OperationQueue queue(&store);
    int last = -1;
    QObject::connect(&queue, &OperationQueue::pendingCountChanged, [&last](int count) {
        if (last >= 0 && count < last) {
            std::printf("progress\n");
            std::fflush(stdout);
        }
        last = count;
    });
    std::printf("started\n");
    std::fflush(stdout);
    for (qsizetype i = 0, group = 0; i < uids.size(); i += MessagesPerChange, ++group) {
        PendingOperation change;
        change.folderId = id;
        change.uids = uids.mid(i, MessagesPerChange);
        if (mode == QLatin1String("move")) {
            if (group % 2)
                continue;
            change.kind = PendingOperation::Kind::Move;
            change.targetFolderId = targetId;
        } else {
            change.kind = PendingOperation::Kind::Flags;
            change.addFlags = MessageRecord::Flagged | MessageRecord::Seen;
        }
        if (queue.enqueue(change).isError())
            return 5;
        std::printf("queued\n");
        std::fflush(stdout);
    }
    const bool drained = replay(queue, session.connection.get());
    std::printf("finished %s\n", drained ? "ok" : "error");
    std::fflush(stdout);
    return drained ? 0 : 4;
}

class Runner
{
public:
    Runner(MailStackInfo stack, QString folder, QString mode, bool verbose)
        : m_stack(std::move(stack))
        , m_folder(std::move(folder))
        , m_target(m_folder + QStringLiteral("Moved"))
        , m_mode(std::move(mode))
        , m_verbose(verbose)
    { }

    bool isSyncMode() const { return m_mode == QLatin1String("sync"); }
    // --mode flags and move: the second folder, and both folders as before the changes.
    bool prepare();
    void reset();
    QString target() const { return m_target; }

    // One synchronisation left to finish: how long it took from "started", in ms (0: failed).
    qint64 calibrate();
    // The outcome's name; *when, where the kill came.
    QString run(quint32 seed, qint64 fullMs, QString *when);

private:
    QList<quint32> serverUids(const QString &search, const QString &folder = QString());
    QString check(MessageStore &store, qint64 folderId, const QList<quint32> &before, QString *why);
    QString checkChanges(MessageStore &store, qint64 folderId, const QList<quint32> &before,
                         int queued, QString *why);
    // The cache's UIDs and flags of folder are the server's; else the difference in *why.
    bool agrees(MessageStore &store, qint64 folderId, const QString &folder, QString *why);

    MailStackInfo m_stack;
    QString m_folder;
    QString m_target;
    QString m_mode;
    bool m_verbose;
};

bool Runner::prepare()
{
    if (isSyncMode())
        return true;
    m_stack.doveadm({QStringLiteral("mailbox"), QStringLiteral("create"), QStringLiteral("-u"),
                     User, m_target});
    return serverUids(QStringLiteral("all"), m_target).isEmpty();
}

void Runner::reset()
{
    if (isSyncMode())
        return;
    // What an earlier run moved comes back (with new UIDs), and no message is flagged or seen.
    m_stack.doveadm({QStringLiteral("move"), QStringLiteral("-u"), User, m_folder,
                     QStringLiteral("mailbox"), m_target, QStringLiteral("all")});
    m_stack.doveadm({QStringLiteral("flags"), QStringLiteral("remove"), QStringLiteral("-u"), User,
                     QStringLiteral("\\Flagged \\Seen"), QStringLiteral("mailbox"), m_folder,
                     QStringLiteral("all")});
}

QList<quint32> Runner::serverUids(const QString &search, const QString &folder)
{
    // "doveadm search" prints the mailbox GUID and the UID of each match.
    const QByteArray out = m_stack.doveadm({QStringLiteral("search"), QStringLiteral("-u"), User,
                                            QStringLiteral("mailbox"),
                                            folder.isEmpty() ? m_folder : folder, search});
    QList<quint32> uids;
    for (const QByteArray &line : out.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() == 2)
            uids.append(fields.at(1).toUInt());
    }
    std::sort(uids.begin(), uids.end());
    return uids;
}

// The child process, read line by line.
struct Child
{
    QProcess process;
    QByteArray said;
    bool started = false;
    bool finished = false;
    int steps = 0;
    int queued = 0; // changes the child said it queued
    QElapsedTimer sinceStart;

    void start(const QString &dir, const QString &folder, const QString &mode, const QString &target)
    {
        process.setProgram(QCoreApplication::applicationFilePath());
        process.setArguments({QStringLiteral("--child"), dir, QStringLiteral("--folder"), folder,
                              QStringLiteral("--mode"), mode, QStringLiteral("--target"), target});
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QObject::connect(&process, &QProcess::readyReadStandardOutput, [this] {
            said += process.readAllStandardOutput();
            qsizetype nl;
            while ((nl = said.indexOf('\n')) >= 0) {
                const QByteArray line = said.left(nl);
                said.remove(0, nl + 1);
                if (line == "started") {
                    started = true;
                    sinceStart.start();
                } else if (line == "progress") {
                    ++steps;
                } else if (line == "queued") {
                    ++queued;
                } else if (line.startsWith("finished")) {
                    finished = true;
                }
            }
        });
        process.start();
    }
    bool running() const { return process.state() != QProcess::NotRunning; }
    void kill()
    {
        process.kill(); // SIGKILL
        waitFor([this] { return !running(); }, 10000);
    }
};

qint64 Runner::calibrate()
{
    QTemporaryDir dir;
    reset();
    Child child;
    child.start(dir.path(), m_folder, m_mode, m_target);
    waitFor([&child] { return child.finished || !child.running(); }, 120000);
    const qint64 ms = child.finished && child.started ? child.sinceStart.elapsed() : 0;
    child.kill();
    return ms;
}

QString Runner::run(quint32 seed, qint64 fullMs, QString *when)
{
    QRandomGenerator random(seed);
    // When to kill: from the session's start, a fraction of a whole synchronisation's time.
    const qint64 killAtMs = qint64(random.bounded(120)) * fullMs / 100;
    QTemporaryDir dir;
    reset();
    const QList<quint32> before = serverUids(QStringLiteral("all"));

    Child child;
    child.start(dir.path(), m_folder, m_mode, m_target);
    if (!waitFor([&child] { return child.started || !child.running(); }, 60000) || !child.started) {
        child.kill();
        if (m_verbose)
            std::fprintf(stderr, "seed %u: the child never got going\n", seed);
        return QStringLiteral("inconsistent");
    }
    waitFor([&child,
             killAtMs] { return child.sinceStart.elapsed() >= killAtMs || !child.running(); },
            120000);
    const bool finishedBeforeKill = child.finished;
    child.kill();
    *when = QStringLiteral("at %1 ms of %2 (%3 steps)").arg(killAtMs).arg(fullMs).arg(child.steps);

    // The restart: the same cache, opened and checked as it was left.
    QString why;
    MessageStore store;
    const MailError openError = store.open(dir.filePath(QStringLiteral("cache.sqlite")));
    QString outcome;
    if (openError.isError()) {
        why = QStringLiteral("open: ") + openError.toString();
    } else {
        const qint64 id = folderIdOf(store, m_folder);
        const qsizetype cached = store.uids(id).value().size();
        if (!isSyncMode()) {
            outcome = finishedBeforeKill ? QStringLiteral("killed_late")
                      : child.steps == 0 ? QStringLiteral("killed_early")
                                         : QStringLiteral("killed_mid_sync");
            if (checkChanges(store, id, before, child.queued, &why).isEmpty())
                return outcome;
        } else if (cached == 0)
            outcome = QStringLiteral("killed_early");
        else if (finishedBeforeKill || cached >= before.size())
            outcome = QStringLiteral("killed_late");
        else
            outcome = QStringLiteral("killed_mid_sync");
        if (isSyncMode() && check(store, id, before, &why).isEmpty())
            return outcome;
    }
    if (m_verbose)
        std::fprintf(stderr, "seed %u: %s\n", seed, qPrintable(why));
    return QStringLiteral("inconsistent");
}

// Empty when the cache left by the kill is sound and the next synchronisation completes it;
// else "inconsistent", with the reason in *why.
QString Runner::check(MessageStore &store, qint64 folderId, const QList<quint32> &before,
                      QString *why)
{
    const QString bad = QStringLiteral("inconsistent");
    if (const MailError error = store.checkIntegrity(); error.isError()) {
        *why = QStringLiteral("integrity: ") + error.toString();
        return bad;
    }
    const QList<quint32> cached = store.uids(folderId).value();
    for (quint32 uid : cached) {
        if (!std::binary_search(before.cbegin(), before.cend(), uid)) {
            *why = QStringLiteral("UID %1 cached, not on the server").arg(uid);
            return bad;
        }
        const StoreResult<MessageRecord> row = store.message(folderId, uid);
        if (!row || row.value().bodyStructure.isEmpty() || row.value().size <= 0
            || row.value().fromAddress.isEmpty()) {
            *why = QStringLiteral("UID %1 cached without its envelope or structure").arg(uid);
            return bad;
        }
    }

    // Meanwhile another client flags one message, expunges another and delivers two.
    if (before.size() > 2) {
        m_stack.doveadm({QStringLiteral("flags"), QStringLiteral("add"), QStringLiteral("-u"), User,
                         QStringLiteral("\\Flagged"), QStringLiteral("mailbox"), m_folder,
                         QStringLiteral("uid"), QString::number(before.at(1))});
        m_stack.doveadm({QStringLiteral("expunge"), QStringLiteral("-u"), User,
                         QStringLiteral("mailbox"), m_folder, QStringLiteral("uid"),
                         QString::number(before.first())});
    }
    const QString seedError = m_stack.seed(User, m_folder, 2);
    if (!seedError.isEmpty()) {
        *why = QStringLiteral("seed: ") + seedError;
        return bad;
    }

    Session session = openSession(m_stack);
    if (!session.connection) {
        *why = QStringLiteral("no IMAP session after the restart");
        return bad;
    }
    const MailError error = syncFolder(session.connection.get(), store, folderId);
    if (error.isError()) {
        *why = QStringLiteral("sync after the restart: ") + error.toString();
        return bad;
    }
    const QList<quint32> server = serverUids(QStringLiteral("all"));
    if (store.uids(folderId).value() != server) {
        *why = QStringLiteral("UIDs differ after the restart: %1 cached, %2 on the server")
                       .arg(store.uids(folderId).value().size())
                       .arg(server.size());
        return bad;
    }
    const QList<quint32> flagged = serverUids(QStringLiteral("flagged"));
    const QList<quint32> seen = serverUids(QStringLiteral("seen"));
    for (quint32 uid : server) {
        const MessageRecord row = store.message(folderId, uid).value();
        const bool isFlagged = std::binary_search(flagged.cbegin(), flagged.cend(), uid);
        const bool isSeen = std::binary_search(seen.cbegin(), seen.cend(), uid);
        if (row.flags.testFlag(MessageRecord::Flagged) != isFlagged
            || row.flags.testFlag(MessageRecord::Seen) != isSeen) {
            *why = QStringLiteral("flags of UID %1 differ after the restart").arg(uid);
            return bad;
        }
    }
    if (const MailError integrity = store.checkIntegrity(); integrity.isError()) {
        *why = QStringLiteral("integrity after the restart: ") + integrity.toString();
        return bad;
    }
    return QString();
}

bool Runner::agrees(MessageStore &store, qint64 folderId, const QString &folder, QString *why)
{
    const QList<quint32> server = serverUids(QStringLiteral("all"), folder);
    const QList<quint32> cached = store.uids(folderId).value();
    if (cached != server) {
        *why = QStringLiteral("UIDs of %1 differ after the restart: %2 cached, %3 on the server")
                       .arg(folder)
                       .arg(cached.size())
                       .arg(server.size());
        return false;
    }
    const QList<quint32> flagged = serverUids(QStringLiteral("flagged"), folder);
    const QList<quint32> seen = serverUids(QStringLiteral("seen"), folder);
    for (quint32 uid : server) {
        const MessageRecord row = store.message(folderId, uid).value();
        const bool isFlagged = std::binary_search(flagged.cbegin(), flagged.cend(), uid);
        const bool isSeen = std::binary_search(seen.cbegin(), seen.cend(), uid);
        if (row.flags.testFlag(MessageRecord::Flagged) != isFlagged
            || row.flags.testFlag(MessageRecord::Seen) != isSeen) {
            *why = QStringLiteral("flags of UID %1 in %2 differ after the restart")
                           .arg(uid)
                           .arg(folder);
            return false;
        }
    }
    return true;
}

// --mode flags and move: empty when, after the restart, the journal's rest replays, the cache
// agrees with the server in both folders, and the server holds every change once.
QString Runner::checkChanges(MessageStore &store, qint64 folderId, const QList<quint32> &before,
                             int queued, QString *why)
{
    const QString bad = QStringLiteral("inconsistent");
    if (const MailError error = store.checkIntegrity(); error.isError()) {
        *why = QStringLiteral("integrity: ") + error.toString();
        return bad;
    }
    const qint64 targetId = folderIdOf(store, m_target);
    Session session = openSession(m_stack);
    if (!session.connection) {
        *why = QStringLiteral("no IMAP session after the restart");
        return bad;
    }
    OperationQueue queue(&store);
    if (!replay(queue, session.connection.get())) {
        *why = QStringLiteral("the journal does not drain after the restart (%1 left)")
                       .arg(queue.pendingCount());
        return bad;
    }
    for (qint64 id : {folderId, targetId}) {
        if (const MailError error = syncFolder(session.connection.get(), store, id);
            error.isError()) {
            *why = QStringLiteral("sync after the restart: ") + error.toString();
            return bad;
        }
    }
    if (!agrees(store, folderId, m_folder, why) || !agrees(store, targetId, m_target, why))
        return bad;
    // Every change the journal took reached the server, once: the server shows the first
    // changes queued, at least as many as the child said it queued (the kill may fall between a
    // change's enqueue and the child saying so, or before the user's later changes were made).
    const QList<quint32> left = serverUids(QStringLiteral("all"));
    const QList<quint32> flagged = serverUids(QStringLiteral("flagged"));
    const QList<quint32> seen = serverUids(QStringLiteral("seen"));
    const qsizetype moved = serverUids(QStringLiteral("all"), m_target).size();
    const qsizetype groups = (before.size() + MessagesPerChange - 1) / MessagesPerChange;
    bool matches = false;
    for (qsizetype applied = 0; applied <= groups && !matches; ++applied) {
        // The changes are made in the order of the messages: flags on a group each, a move on
        // every other group.
        const qsizetype changes = m_mode == QLatin1String("move") ? (applied + 1) / 2 : applied;
        if (changes < queued)
            continue;
        const qsizetype end = std::min(before.size(), applied * MessagesPerChange);
        if (m_mode == QLatin1String("move")) {
            QList<quint32> stay;
            for (qsizetype i = 0; i < before.size(); ++i) {
                if (i >= end || (i / MessagesPerChange) % 2)
                    stay.append(before.at(i));
            }
            matches = left == stay && moved == before.size() - stay.size();
        } else {
            const QList<quint32> changed = before.mid(0, end);
            matches = left == before && flagged == changed && seen == changed;
        }
    }
    if (!matches) {
        *why = QStringLiteral("the server does not hold the %1 queued change(s) once: %2 of %3 "
                              "messages left, %4 moved, %5 flagged")
                       .arg(queued)
                       .arg(left.size())
                       .arg(before.size())
                       .arg(moved)
                       .arg(flagged.size());
        return bad;
    }
    if (const MailError integrity = store.checkIntegrity(); integrity.isError()) {
        *why = QStringLiteral("integrity after the restart: ") + integrity.toString();
        return bad;
    }
    return QString();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Number of runs."),
                      QStringLiteral("N"), QStringLiteral("20")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("First run's seed."),
                      QStringLiteral("S"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("messages"), QStringLiteral("Messages in the folder."),
                      QStringLiteral("M"), QStringLiteral("5000")});
    parser.addOption({QStringLiteral("mode"),
                      QStringLiteral("What the kill interrupts: sync, flags or move."),
                      QStringLiteral("MODE"), QStringLiteral("sync")});
    parser.addOption({QStringLiteral("verbose"), QStringLiteral("One line per run.")});
    parser.addOption(
            {QStringLiteral("target"), QStringLiteral("(internal)"), QStringLiteral("FOLDER")});
    parser.addOption({QStringLiteral("child"), QStringLiteral("(internal)"), QStringLiteral("DIR")});
    parser.addOption(
            {QStringLiteral("folder"), QStringLiteral("(internal)"), QStringLiteral("FOLDER")});
    parser.process(app);
    const QString mode = parser.value(QStringLiteral("mode"));
    if (mode != QLatin1String("sync") && mode != QLatin1String("flags")
        && mode != QLatin1String("move")) {
        std::fprintf(stderr, "--mode is sync, flags or move\n");
        return 2;
    }
    if (parser.isSet(QStringLiteral("child"))) {
        if (mode == QLatin1String("sync"))
            return childSync(parser.value(QStringLiteral("child")),
                             parser.value(QStringLiteral("folder")));
        return childOperate(parser.value(QStringLiteral("child")),
                            parser.value(QStringLiteral("folder")),
                            parser.value(QStringLiteral("target")), mode);
    }

    const MailStackInfo stack = MailStackInfo::fromEnvironment();
    if (!stack.isValid()) {
        std::fprintf(stderr, "no mail stack: %s\n", qPrintable(stack.error()));
        return 2;
    }
    const int runs = parser.value(QStringLiteral("runs")).toInt();
    const quint32 seed = parser.value(QStringLiteral("seed")).toUInt();
    const bool verbose = parser.isSet(QStringLiteral("verbose"));
    const QString folder = QStringLiteral("Kill")
                           + QUuid::createUuid().toString(QUuid::Id128).left(8);
    const QString seedError = stack.seed(User, folder,
                                         parser.value(QStringLiteral("messages")).toInt());
    if (!seedError.isEmpty()) {
        std::fprintf(stderr, "cannot seed %s: %s\n", qPrintable(folder), qPrintable(seedError));
        return 2;
    }

    QMap<QString, int> counts;
    Runner runner(stack, folder, mode, verbose);
    if (!runner.prepare()) {
        std::fprintf(stderr, "cannot create %s\n", qPrintable(runner.target()));
        return 2;
    }
    const qint64 fullMs = runner.calibrate();
    if (fullMs <= 0) {
        std::fprintf(stderr, "the synchronisation of %s does not finish unkilled\n",
                     qPrintable(folder));
        return 2;
    }
    std::printf("full_sync_ms %lld\n", static_cast<long long>(fullMs));
    for (int i = 0; i < runs; ++i) {
        QString when;
        const QString outcome = runner.run(seed + quint32(i), fullMs, &when);
        ++counts[outcome];
        if (outcome != QStringLiteral("inconsistent"))
            ++counts[QStringLiteral("consistent")];
        if (verbose) {
            std::fprintf(stderr, "run %d seed %u killed %s -> %s\n", i, seed + quint32(i),
                         qPrintable(when), qPrintable(outcome));
        }
    }
    stack.doveadm({QStringLiteral("mailbox"), QStringLiteral("delete"), QStringLiteral("-u"), User,
                   folder});
    if (!runner.isSyncMode())
        stack.doveadm({QStringLiteral("mailbox"), QStringLiteral("delete"), QStringLiteral("-u"),
                       User, runner.target()});
    std::printf("runs %d\n", runs);
    for (const char *key :
         {"consistent", "inconsistent", "killed_mid_sync", "killed_early", "killed_late"})
        std::printf("%s %d\n", key, counts.value(QString::fromLatin1(key)));
    return counts.value(QStringLiteral("consistent")) == runs ? 0 : 1;
}
