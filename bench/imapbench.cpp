#include "imapbench.h"

#include "benchoptions.h"
#include "benchserver.h"
#include "imap/imapconnection.h"
#include "imap/parser/uidset.h"
#include "imap/tasks/imapselecttask.h"
#include "imap/tasks/imapstoretask.h"
#include "models/messagelistmodel.h"
#include "net/ssltransport.h"
#include "rawimapclient.h"
#include "store/messagestore.h"
#include "sync/foldersync.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>

#include <time.h>
#include <unistd.h>

namespace {

constexpr int ModelRows = 50;
constexpr int TimeoutMs = 30 * 60 * 1000;

// Runs an event loop until done() holds or the time runs out; returns done().
bool waitUntil(const std::function<bool()> &done, int timeoutMs = TimeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    check.start(1);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

// One logged-in Heron session.
struct Session
{
    std::unique_ptr<SslTransport> transport;
    std::unique_ptr<ImapConnection> connection;
};

std::unique_ptr<Session> openSession(const BenchServer &server, QString *error)
{
    auto session = std::make_unique<Session>();
    session->transport = std::make_unique<SslTransport>();
    session->transport->setCaCertificates(server.ca);
    session->transport->setPeerVerifyName(server.tlsName);
    session->transport->setConnectTimeout(30000);
    QObject::connect(session->transport.get(), &Transport::certificateTrustRequested,
                     session->transport.get(),
                     [transport = session->transport.get()](const QList<QSslCertificate> &,
                                                            const QString &) {
                         transport->answerTrust(false);
                     });
    session->connection = std::make_unique<ImapConnection>(session->transport.get());
    ImapConnectionSettings settings;
    settings.host = server.host;
    settings.port = server.port;
    settings.security = server.implicit ? Security::ImplicitTls : Security::StartTls;
    settings.username = server.user;
    settings.password = server.password;
    settings.compress = server.compress;
    bool ready = false;
    bool failed = false;
    QObject::connect(session->connection.get(), &ImapConnection::ready, session->connection.get(),
                     [&ready] { ready = true; });
    QObject::connect(session->connection.get(), &ImapConnection::failed, session->connection.get(),
                     [&failed, error](const MailError &e) {
                         failed = true;
                         *error = e.toString();
                     });
    session->connection->open(settings);
    waitUntil([&] { return ready || failed; }, 60000);
    if (!ready) {
        if (error->isEmpty())
            *error = QStringLiteral("login timed out");
        return nullptr;
    }
    return session;
}

// CPU time of this process in seconds: on a loaded machine it tells the client's own work
// apart from the time it waited for the server or for a core.
double cpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

// Reads every column of the first rows, as a view showing them would.
void readRows(MessageListModel *model, int rows)
{
    const int n = qMin(rows, model->rowCount());
    for (int row = 0; row < n; ++row) {
        for (int column = 0; column < model->columnCount(); ++column)
            model->data(model->index(row, column));
    }
}

// Runs FolderSync to the end; returns its duration in seconds, or -1 with error set.
// Metadata batch size and pipeline depth for FolderSync; 0 keeps its defaults.
struct SyncTuning
{
    int batch = 0;
    int depth = 0;
};

// The bytes the connection exchanged over the link (after compression) during the last
// timedSync().
struct WireBytes
{
    qint64 read = 0;
    qint64 written = 0;
};
WireBytes lastSyncWire;

// firstRowsSeconds, when given, receives the time from SELECT until a list model opened on the
// folder shows its newest rows (the first ModelRows of the list, the folder's highest UID on
// top), or -1 when it never did; the model is opened as the first rows are written, as the
// window does, and closed again.
double timedSync(ImapConnection *connection, MessageStore *store, qint64 folderId,
                 const SyncTuning &tuning, QByteArray *method, QString *error,
                 double *firstRowsSeconds = nullptr, double *firstRowsCpuSeconds = nullptr)
{
    const WireBytes before {connection->wireBytesRead(), connection->wireBytesWritten()};
    FolderSync sync(connection, store, folderId);
    if (tuning.batch > 0)
        sync.setBatchSizes(qMin(50, tuning.batch), tuning.batch);
    if (tuning.depth > 0)
        sync.setPipelineDepth(tuning.depth);
    QElapsedTimer timer;
    const double cpuStart = cpuSeconds();
    if (firstRowsSeconds) {
        *firstRowsSeconds = -1;
        QObject::connect(&sync, &FolderSync::progress, &sync,
                         [&, firstRowsSeconds](qint64 done, qint64 total) {
                             if (*firstRowsSeconds >= 0)
                                 return;
                             MessageListModel model(store);
                             model.setFolderId(folderId);
                             const int wanted = int(qMin<qint64>(ModelRows, total));
                             if (model.rowCount() < wanted || done < wanted)
                                 return;
                             readRows(&model, ModelRows);
                             const quint32 newest = sync.folder().uidNext - 1;
                             if (model.index(0, 0).data(MessageListModel::UidRole).toUInt()
                                 == newest) {
                                 *firstRowsSeconds = double(timer.nsecsElapsed()) / 1e9;
                                 if (firstRowsCpuSeconds)
                                     *firstRowsCpuSeconds = cpuSeconds() - cpuStart;
                             }
                         });
    }
    bool finished = false;
    MailError result;
    QObject::connect(&sync, &FolderSync::finished, &sync, [&](const MailError &e) {
        finished = true;
        result = e;
    });
    timer.start();
    sync.start();
    QEventLoop loop;
    QObject::connect(&sync, &FolderSync::finished, &loop, &QEventLoop::quit);
    if (!finished)
        loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    lastSyncWire = {connection->wireBytesRead() - before.read,
                    connection->wireBytesWritten() - before.written};
    *method = sync.method();
    if (result.isError()) {
        *error = result.toString();
        return -1;
    }
    return seconds;
}

// Toggles \Flagged on the given messages from another session; true on success.
bool toggleFlagged(const BenchServer &server, const QString &folder, const QList<quint32> &add,
                   const QList<quint32> &remove, QString *error)
{
    std::unique_ptr<Session> session = openSession(server, error);
    if (!session)
        return false;
    ImapConnection *connection = session->connection.get();
    ImapSelectTask select(connection, FolderSync::wireName(connection, folder));
    select.start();
    waitUntil([&] { return select.isFinished(); });
    if (select.error().isError()) {
        *error = select.error().toString();
        return false;
    }
    // At most 2,000 scattered UIDs per command: 10,000 of them make a line longer than Dovecot
    // takes (imap_max_line_length, 64 KiB).
    constexpr qsizetype perCommand = 2000;
    QList<std::shared_ptr<ImapStoreTask>> tasks;
    for (qsizetype i = 0; i < add.size(); i += perCommand)
        tasks.append(std::make_shared<ImapStoreTask>(connection,
                                                     UidSet::fromList(add.mid(i, perCommand)),
                                                     ImapStoreTask::Mode::Add,
                                                     QList<QByteArray> {"\\Flagged"}));
    for (qsizetype i = 0; i < remove.size(); i += perCommand)
        tasks.append(std::make_shared<ImapStoreTask>(connection,
                                                     UidSet::fromList(remove.mid(i, perCommand)),
                                                     ImapStoreTask::Mode::Remove,
                                                     QList<QByteArray> {"\\Flagged"}));
    for (const auto &task : tasks) {
        task->start();
        waitUntil([&] { return task->isFinished(); });
        if (task->error().isError()) {
            *error = task->error().toString();
            return false;
        }
    }
    return true;
}

// CPU time the whole machine spent busy, in seconds summed over its cores (Linux /proc/stat;
// 0 elsewhere). Over a timed step it tells whether the cores were the limit: the client, the
// server and its TLS proxy share them on a small machine.
double machineBusySeconds()
{
    QFile stat(QStringLiteral("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = stat.readLine().simplified().split(' ');
    // cpu user nice system idle iowait irq softirq steal ...
    double busy = 0;
    for (int i : {1, 2, 3, 6, 7, 8}) {
        if (i < fields.size())
            busy += fields.at(i).toDouble();
    }
    const long ticks = sysconf(_SC_CLK_TCK);
    return ticks > 0 ? busy / double(ticks) : 0;
}

// A new cache in dir that knows the folder and holds none of its messages; null when it cannot
// be made.
std::unique_ptr<MessageStore> emptyStore(const QTemporaryDir &dir, const QString &folder,
                                         qint64 *folderId)
{
    auto store = std::make_unique<MessageStore>();
    if (!dir.isValid() || store->open(dir.filePath(QStringLiteral("cache.sqlite"))).isError())
        return nullptr;
    FolderRecord record;
    record.path = folder;
    record.delimiter = QLatin1Char('/');
    const StoreResult<qint64> id = store->upsertFolder(record);
    if (!id)
        return nullptr;
    *folderId = id.value();
    return store;
}

// One more first synchronisation, into a new cache, then the raw floor once more: the pair's
// seconds, or false with error set.
bool coldPair(const BenchServer &server, const QString &folder, const SyncTuning &tuning,
              double *coldSeconds, double *floorSeconds, double *firstRowsSeconds, QString *error)
{
    QTemporaryDir dir;
    qint64 folderId = 0;
    std::unique_ptr<MessageStore> store = emptyStore(dir, folder, &folderId);
    if (!store) {
        *error = QStringLiteral("cannot make a cache in ") + dir.path();
        return false;
    }
    std::unique_ptr<Session> session = openSession(server, error);
    if (!session)
        return false;
    QByteArray method;
    *coldSeconds = timedSync(session->connection.get(), store.get(), folderId, tuning, &method,
                             error, firstRowsSeconds);
    session.reset();
    // Closed before the floor, so that its idle-time work (the search index) does not run
    // beside it.
    store.reset();
    if (*coldSeconds < 0)
        return false;
    *floorSeconds = rawColdFetch(server, folder, error);
    return *floorSeconds >= 0;
}

// Reopens the cache in a new process, as the application does after a restart, until its list
// of the folder shows the first rows: seconds, or -1.
double timedReopen(const QString &storePath, const QString &folder, QString *error)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("imap-reopen"), QStringLiteral("--store"), storePath,
                 QStringLiteral("--folder"), folder});
    const bool reopened = child.waitForFinished(120000)
                          && child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0;
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!reopened) {
        *error = QString::fromLocal8Bit(child.readAllStandardOutput());
        return -1;
    }
    return seconds;
}

// The cache's files (database and write-ahead log) in bytes.
qint64 cacheBytes(const QString &storePath)
{
    return QFileInfo(storePath).size() + QFileInfo(storePath + QStringLiteral("-wal")).size();
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values.at(middle) : (values.at(middle - 1) + values.at(middle)) / 2;
}

QString figure(double value, int decimals = 3)
{
    return QString::number(value, 'f', decimals);
}

} // namespace

int runImapBench(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    // The flags without a value; the rest are --name value pairs.
    QStringList args = arguments;
    const bool noCompress = args.removeAll(QStringLiteral("--no-compress")) > 0;
    const bool coldOnly = args.removeAll(QStringLiteral("--cold-only")) > 0;
    const QHash<QString, QString> o = Bench::parseOptions(args);
    for (const char *key : {"host", "port", "tls", "user", "folder"}) {
        if (!o.contains(QLatin1String(key))) {
            err << "heron-bench imap: --" << key << " is required\n";
            return 2;
        }
    }
    BenchServer server;
    server.host = o.value(QStringLiteral("host"));
    server.port = quint16(o.value(QStringLiteral("port")).toUInt());
    server.implicit = o.value(QStringLiteral("tls")) == QLatin1String("implicit");
    server.tlsName = o.value(QStringLiteral("tls-name"), server.host);
    if (o.contains(QStringLiteral("ca")))
        server.ca = QSslCertificate::fromPath(o.value(QStringLiteral("ca")));
    server.user = o.value(QStringLiteral("user"));
    server.password = qEnvironmentVariable("HERON_BENCH_PASSWORD");
    server.compress = !noCompress;
    const QString folder = o.value(QStringLiteral("folder"));
    SyncTuning tuning;
    tuning.batch = o.value(QStringLiteral("batch")).toInt();
    tuning.depth = o.value(QStringLiteral("depth")).toInt();
    QString error;
    const auto failWith = [&err](const QString &what, const QString &why) {
        err << "heron-bench imap: " << what << ": " << why << '\n';
        return 1;
    };

    // Cold sync into a fresh store.
    QTemporaryDir dir;
    qint64 folderId = 0;
    std::unique_ptr<MessageStore> store = emptyStore(dir, folder, &folderId);
    if (!store)
        return failWith(QStringLiteral("store"),
                        QStringLiteral("cannot make a cache in ") + dir.path());

    // Dovecot parses each message the first time its envelope and structure are asked for and
    // caches the result: one untimed raw fetch first, so Heron and the floor meet the same warm
    // server.
    const double firstFetch = rawColdFetch(server, folder, &error);
    if (firstFetch < 0)
        return failWith(QStringLiteral("warm-up"), error);
    out << "server_first_fetch_s " << figure(firstFetch) << '\n';
    out.flush();

    std::unique_ptr<Session> session = openSession(server, &error);
    if (!session)
        return failWith(QStringLiteral("login"), error);
    const qint64 rssBefore = Bench::statusKb("VmRSS");
    QByteArray method;
    const double coldCpuStart = cpuSeconds();
    const double coldBusyStart = machineBusySeconds();
    double firstRowsSeconds = -1;
    double firstRowsCpuSeconds = -1;
    const double coldSeconds = timedSync(session->connection.get(), store.get(), folderId, tuning,
                                         &method, &error, &firstRowsSeconds, &firstRowsCpuSeconds);
    if (coldSeconds < 0)
        return failWith(QStringLiteral("cold sync"), error);
    const bool compressed = session->connection->isCompressed();
    session.reset();
    const int messages = store->messageCount(folderId).value();
    out << "messages " << messages << '\n';
    out << "compressed " << (compressed ? 1 : 0) << '\n';
    out << "cold_sync_s " << figure(coldSeconds) << '\n';
    out << "first_rows_ms " << figure(firstRowsSeconds * 1000, 1) << '\n';
    out << "first_rows_cpu_ms " << figure(firstRowsCpuSeconds * 1000, 1) << '\n';
    out << "cold_sync_cpu_s " << figure(cpuSeconds() - coldCpuStart) << '\n';
    out << "cold_sync_machine_busy_cores "
        << figure((machineBusySeconds() - coldBusyStart) / coldSeconds, 2) << '\n';
    out << "cold_sync_wire_read_bytes " << lastSyncWire.read << '\n';
    out << "cold_sync_wire_written_bytes " << lastSyncWire.written << '\n';
    out.flush();

    // --cold-only: only first synchronisations, each into a new cache (--repeat N of them).
    if (coldOnly) {
        QList<double> colds = {coldSeconds};
        QList<double> reads = {double(lastSyncWire.read)};
        QList<double> writes = {double(lastSyncWire.written)};
        const int runs = o.value(QStringLiteral("repeat")).toInt();
        while (colds.size() < runs) {
            QTemporaryDir again;
            qint64 id = 0;
            std::unique_ptr<MessageStore> fresh = emptyStore(again, folder, &id);
            std::unique_ptr<Session> next = fresh ? openSession(server, &error) : nullptr;
            if (!next)
                return failWith(QStringLiteral("repeated cold sync"), error);
            const double cold = timedSync(next->connection.get(), fresh.get(), id, tuning, &method,
                                          &error);
            if (cold < 0)
                return failWith(QStringLiteral("repeated cold sync"), error);
            colds.append(cold);
            reads.append(double(lastSyncWire.read));
            writes.append(double(lastSyncWire.written));
        }
        if (runs > 1) {
            out << "runs " << colds.size() << '\n';
            out << "cold_sync_median_s " << figure(median(colds)) << '\n';
            out << "cold_sync_wire_read_median_bytes " << qint64(median(reads)) << '\n';
            out << "cold_sync_wire_written_median_bytes " << qint64(median(writes)) << '\n';
        }
        return 0;
    }

    // The full-text index follows the rows once the store is idle, as in the application: the
    // time until it has caught up (idle delay included) is a figure of its own, and it is over
    // before the floor is measured.
    QElapsedTimer ftsTimer;
    ftsTimer.start();
    bool ftsDone = store->pendingFtsRows().value() == 0;
    QObject::connect(store.get(), &MessageStore::ftsIndexCaughtUp, store.get(),
                     [&ftsDone] { ftsDone = true; });
    if (!waitUntil([&ftsDone] { return ftsDone; }))
        return failWith(QStringLiteral("search index"), QStringLiteral("never caught up"));
    out << "fts_catchup_s " << figure(double(ftsTimer.nsecsElapsed()) / 1e9) << '\n';
    if (messages > 0) {
        const qint64 bytes = cacheBytes(store->path());
        out << "cache_file_mb " << figure(double(bytes) / 1e6, 1) << '\n';
        out << "cache_bytes_per_message " << figure(double(bytes) / messages, 1) << '\n';
    }
    out.flush();

    auto model = std::make_unique<MessageListModel>(store.get());
    model->setFolderId(folderId);
    readRows(model.get(), ModelRows);
    const qint64 rssAfter = Bench::statusKb("VmRSS");

    // The raw floor on the same warm server.
    const double floorCpuStart = cpuSeconds();
    const double floorBusyStart = machineBusySeconds();
    const double floorSeconds = rawColdFetch(server, folder, &error);
    if (floorSeconds < 0)
        return failWith(QStringLiteral("floor"), error);
    out << "floor_s " << figure(floorSeconds) << '\n';
    out << "floor_cpu_s " << figure(cpuSeconds() - floorCpuStart) << '\n';
    out << "floor_machine_busy_cores "
        << figure((machineBusySeconds() - floorBusyStart) / floorSeconds, 2) << '\n';
    out << "cold_ratio " << figure(coldSeconds / floorSeconds) << '\n';
    const StoreResult<QList<quint32>> syncedUids = store->uids(folderId);
    const double batchedFloor = syncedUids ? rawBatchedFetch(server, folder, syncedUids.value(), 50,
                                                             tuning.batch > 0 ? tuning.batch : 500,
                                                             &error)
                                           : -1;
    if (batchedFloor < 0)
        return failWith(QStringLiteral("batched floor"), error);
    out << "floor_batched_s " << figure(batchedFloor) << '\n';
    out.flush();

    // Reopen in a new process.
    QString reopenError;
    const double reopenSeconds = timedReopen(store->path(), folder, &reopenError);
    const bool reopened = reopenSeconds >= 0;
    if (reopened)
        out << "reopen_s " << figure(reopenSeconds) << '\n';
    else
        err << "heron-bench imap: reopen failed: " << reopenError << '\n';
    out.flush();

    // Resync after another session changed \Flagged on 1% of the messages.
    const FolderRecord synced = store->folder(folderId).value();
    const QList<quint32> uids = store->uids(folderId).value();
    QList<quint32> add;
    QList<quint32> remove;
    for (qsizetype i = 0; i < uids.size(); i += 100) {
        const StoreResult<MessageRecord> message = store->message(folderId, uids.at(i));
        if (message && message.value().flags.testFlag(MessageRecord::Flagged))
            remove.append(uids.at(i));
        else
            add.append(uids.at(i));
    }
    if (!toggleFlagged(server, folder, add, remove, &error))
        return failWith(QStringLiteral("flag changes"), error);
    out << "changed " << add.size() + remove.size() << '\n';

    QByteArray floorMethod;
    const double resyncFloor = rawResync(server, folder, synced.uidValidity, synced.highestModSeq,
                                         UidSet::fromList(uids).toString(), &error, &floorMethod);
    if (resyncFloor < 0)
        return failWith(QStringLiteral("resync floor"), error);

    session = openSession(server, &error);
    if (!session)
        return failWith(QStringLiteral("login"), error);
    const double resyncSeconds = timedSync(session->connection.get(), store.get(), folderId, tuning,
                                           &method, &error);
    if (resyncSeconds < 0)
        return failWith(QStringLiteral("resync"), error);
    session.reset();
    out << "resync_method " << method << '\n';
    out << "resync_s " << figure(resyncSeconds) << '\n';
    out << "resync_floor_s " << figure(resyncFloor) << '\n';
    out << "resync_floor_method " << floorMethod << '\n';
    out << "resync_ratio " << figure(resyncSeconds / resyncFloor) << '\n';
    if (messages > 0)
        out << "bytes_per_message " << figure(double(rssAfter - rssBefore) * 1024.0 / messages, 1)
            << '\n';
    out << "peak_rss_mb " << figure(double(Bench::statusKb("VmHWM")) / 1024.0, 1) << '\n';
    out.flush();

    // --repeat N: the cold sync and the floor again, alternating, until there are N pairs; the
    // medians and the spread of the ratio say more than one pair on a noisy machine. Reopening
    // is repeated as often first, on the first sync's cache.
    const int pairs = o.value(QStringLiteral("repeat")).toInt();
    if (pairs > 1 && reopened) {
        QList<double> reopens = {reopenSeconds};
        while (reopens.size() < pairs) {
            const double seconds = timedReopen(store->path(), folder, &reopenError);
            if (seconds < 0)
                return failWith(QStringLiteral("repeated reopen"), reopenError);
            reopens.append(seconds);
        }
        out << "reopen_median_s " << figure(median(reopens)) << '\n';
        out.flush();
    }
    if (pairs > 1) {
        QList<double> colds = {coldSeconds};
        QList<double> floors = {floorSeconds};
        QList<double> ratios = {coldSeconds / floorSeconds};
        QList<double> firstRows = {firstRowsSeconds};
        while (ratios.size() < pairs) {
            double cold = 0;
            double floor = 0;
            double first = -1;
            if (!coldPair(server, folder, tuning, &cold, &floor, &first, &error))
                return failWith(QStringLiteral("repeated cold sync"), error);
            colds.append(cold);
            floors.append(floor);
            ratios.append(cold / floor);
            firstRows.append(first);
            out << "pair " << ratios.size() << " cold_sync_s " << figure(cold) << " floor_s "
                << figure(floor) << " first_rows_ms " << figure(first * 1000, 1) << '\n';
            out.flush();
        }
        out << "pairs " << pairs << '\n';
        out << "cold_sync_median_s " << figure(median(colds)) << '\n';
        out << "floor_median_s " << figure(median(floors)) << '\n';
        out << "cold_ratio_median " << figure(median(ratios)) << '\n';
        out << "cold_ratio_min " << figure(*std::min_element(ratios.begin(), ratios.end())) << '\n';
        out << "cold_ratio_max " << figure(*std::max_element(ratios.begin(), ratios.end())) << '\n';
        out << "first_rows_median_ms " << figure(median(firstRows) * 1000, 1) << '\n';
    }
    return reopened ? 0 : 1;
}

int runImapReopen(const QStringList &args)
{
    QTextStream err(stderr);
    const QHash<QString, QString> o = Bench::parseOptions(args);
    MessageStore store;
    if (MailError error = store.open(o.value(QStringLiteral("store")))) {
        err << "heron-bench imap-reopen: " << error.toString() << '\n';
        return 1;
    }
    const StoreResult<FolderRecord> folder = store.folderByPath(o.value(QStringLiteral("folder")));
    if (!folder) {
        err << "heron-bench imap-reopen: no such folder\n";
        return 1;
    }
    MessageListModel model(&store);
    model.setFolderId(folder.value().id);
    readRows(&model, ModelRows);
    return model.rowCount() > 0 ? 0 : 1;
}
