#include "readbench.h"

#include "accounts/memorysecretstore.h"
#include "benchoptions.h"
#include "imap/imapconnection.h"
#include "imap/tasks/imapappendtask.h"
#include "imap/tasks/imapmailboxtask.h"
#include "net/ssltransport.h"
#include "readingcorpus.h"
#include "service/accountservice.h"
#include "service/bodystructuretree.h"
#include "service/messagepartloader.h"
#include "store/messagestore.h"
#include "viewer/messagepresenter.h"
#include "viewer/messageviewer.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QUuid>

#include <algorithm>

#include <functional>
#include <memory>

namespace {

constexpr int TimeoutMs = 5 * 60 * 1000;
constexpr int HtmlRuns = 3;

bool waitUntil(const std::function<bool()> &done, int timeoutMs = TimeoutMs)
{
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    check.start(1);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!done())
        loop.exec();
    return done();
}

// The event loop's responsiveness: a timer that should fire every interval; the longest gap
// between two firings, less the interval, is the longest time the thread was busy.
class LatencyProbe : public QObject
{
public:
    void start()
    {
        m_max = 0;
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(m_interval);
        QObject::connect(&m_timer, &QTimer::timeout, this,
                         [this] { m_max = qMax(m_max, m_clock.restart() - m_interval); });
        m_clock.start();
        m_timer.start();
    }
    qint64 stop()
    {
        m_timer.stop();
        m_max = qMax(m_max, m_clock.elapsed() - m_interval);
        return m_max;
    }

private:
    const int m_interval = 2;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_max = 0;
};

// Stores the messages in a new folder over a connection of its own; their UIDs in order.
QList<quint32> storeMessages(const Account &account, const QString &password, const QString &folder,
                             const QList<QByteArray> &messages, QString *error)
{
    SslTransport transport;
    transport.setCaCertificates(QSslCertificate::fromPath(account.caFilePath()));
    // Nobody is there to answer a trust question: a certificate that does not validate is
    // refused at once, and the run ends with the reason instead of waiting.
    QObject::connect(&transport, &Transport::certificateTrustRequested, &transport,
                     [&transport, error](const QList<QSslCertificate> &, const QString &reasons) {
                         *error = QStringLiteral("certificate not trusted: ") + reasons;
                         transport.answerTrust(false);
                     });
    ImapConnection connection(&transport);
    ImapConnectionSettings settings;
    settings.host = account.imapHost();
    settings.port = account.imapPort();
    settings.security = account.imapSecurity();
    settings.username = account.userName();
    settings.password = password;
    connection.open(settings);
    auto run = [error](ImapTask *task) {
        bool finished = false;
        QObject::connect(task, &ImapTask::finished, task, [&finished] { finished = true; });
        task->start();
        waitUntil([&] { return finished || !error->isEmpty(); });
        if (task->error() && error->isEmpty())
            *error = task->error().toString();
        return finished && !task->error();
    };
    ImapMailboxTask create(&connection, ImapMailboxTask::Operation::Create, folder.toUtf8());
    if (!run(&create))
        return {};
    QList<quint32> uids;
    for (const QByteArray &message : messages) {
        ImapAppendTask append(&connection, folder.toUtf8(), message);
        if (!run(&append))
            return {};
        uids.append(append.uid());
    }
    connection.close();
    return uids;
}

// Shows uid and waits until the viewer painted it; the time taken in ms, -1 on failure.
qint64 timedShow(MessagePresenter *display, MessageViewer *viewer, AccountService *service,
                 qint64 folderId, quint32 uid)
{
    bool shown = false;
    bool failed = false;
    const auto a = QObject::connect(display, &MessagePresenter::shown, [&] { shown = true; });
    const auto b = QObject::connect(display, &MessagePresenter::failed, [&] { failed = true; });
    QElapsedTimer clock;
    clock.start();
    display->show(service, folderId, uid);
    waitUntil([&] { return shown || failed; });
    viewer->repaint();
    const qint64 elapsed = clock.elapsed();
    QObject::disconnect(a);
    QObject::disconnect(b);
    return shown ? elapsed : -1;
}

} // namespace

int runReadBench(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QHash<QString, QString> options = Bench::parseOptions(app.arguments().mid(2));
    const QString password = qEnvironmentVariable("HERON_BENCH_PASSWORD");
    if (!options.contains(QStringLiteral("host")) || !options.contains(QStringLiteral("user"))
        || password.isEmpty()) {
        err << "usage: heron-bench read --host H --port P --user U [--ca CA.pem]"
               " [--tls implicit|starttls] [--attachment-mb N] [--html-mb N]"
               " (password in HERON_BENCH_PASSWORD)\n";
        return 2;
    }
    const qsizetype attachmentBytes
            = options.value(QStringLiteral("attachment-mb"), QStringLiteral("5")).toLongLong()
              * 1024 * 1024;
    const qsizetype htmlBytes
            = options.value(QStringLiteral("html-mb"), QStringLiteral("3")).toLongLong() * 1024
              * 1024;

    Account account;
    account.setId(QStringLiteral("bench-read"));
    account.setAddress(options.value(QStringLiteral("user")));
    account.setUserName(options.value(QStringLiteral("user")));
    account.setImapHost(options.value(QStringLiteral("host")));
    account.setImapPort(
            quint16(options.value(QStringLiteral("port"), QStringLiteral("993")).toUInt()));
    account.setImapSecurity(options.value(QStringLiteral("tls")) == QLatin1String("starttls")
                                    ? Security::StartTls
                                    : Security::ImplicitTls);
    account.setCaFilePath(options.value(QStringLiteral("ca")));

    const QString folder = QStringLiteral("HeronBenchRead-")
                           + QUuid::createUuid().toString(QUuid::Id128).left(8);
    QString error;
    const QList<quint32> uids = storeMessages(account, password, folder,
                                              {ReadingCorpus::bigAttachmentMessage(attachmentBytes),
                                               ReadingCorpus::largeHtmlMessage(htmlBytes),
                                               ReadingCorpus::largeHtmlMessage(htmlBytes),
                                               ReadingCorpus::largeHtmlMessage(htmlBytes)},
                                              &error);
    if (uids.size() != 1 + HtmlRuns) {
        err << "cannot store the messages: " << error << '\n';
        return 1;
    }

    MemorySecretStore secrets;
    secrets.writePassword(account.id(), password, &app, [](const SecretStore::Reply &) {});
    QTemporaryDir cache;
    AccountService service(account, &secrets);
    if (MailError e = service.openCache(cache.filePath(QStringLiteral("bench.sqlite")))) {
        err << e.toString() << '\n';
        return 1;
    }
    qint64 syncedFolder = -1;
    QObject::connect(&service, &AccountService::syncFinished,
                     [&](qint64 id, const MailError &) { syncedFolder = id; });
    QString untrusted;
    QObject::connect(&service, &AccountService::trustRequested, &service,
                     [&](const QList<QSslCertificate> &, const QString &reasons) {
                         untrusted = reasons;
                         service.answerTrust(false);
                     });
    service.connectToServer();
    if (!waitUntil([&] { return syncedFolder != -1 || !untrusted.isEmpty(); })
        || !untrusted.isEmpty()) {
        err << "cannot connect: "
            << (untrusted.isEmpty() ? service.stateDetail()
                                    : QStringLiteral("certificate not trusted: ") + untrusted)
            << '\n';
        return 1;
    }
    const StoreResult<FolderRecord> record = service.store()->folderByPath(folder);
    if (!record) {
        err << "the folder is not listed\n";
        return 1;
    }
    syncedFolder = -1;
    service.openFolder(record.value().id);
    waitUntil([&] { return syncedFolder == record.value().id; });

    MessageViewer viewer;
    viewer.resize(1000, 800);
    viewer.show();
    MessagePresenter display(&viewer);
    waitUntil([] { return false; }, 200); // let the window settle

    const qint64 folderId = record.value().id;
    const qint64 firstScreen = timedShow(&display, &viewer, &service, folderId, uids.at(0));

    // What the first screen cost in bytes: the cached sections of the message.
    qint64 fetchedBytes = 0;
    if (const auto structure = MessagePartLoader::cachedStructure(service.store(), folderId,
                                                                  uids.at(0))) {
        const auto lookup = [&](const QByteArray &section) {
            return MessagePartLoader::cachedSection(service.store(), folderId, uids.at(0), section);
        };
        const MimePart tree = BodyStructureTree::build(*structure, lookup);
        for (const QByteArray &section : BodyStructureTree::displaySections(tree))
            fetchedBytes += lookup(section).value_or(QByteArray()).size();
        for (const QByteArray &section : {QByteArrayLiteral("2"), QByteArrayLiteral("")})
            fetchedBytes += lookup(section).value_or(QByteArray()).size();
    }

    // Three copies, each shown once from an empty cache: the median tempers a busy machine.
    QList<qint64> firstScreens;
    QList<qint64> blocks;
    for (int run = 0; run < HtmlRuns; ++run) {
        LatencyProbe probe;
        probe.start();
        firstScreens.append(timedShow(&display, &viewer, &service, folderId, uids.at(1 + run)));
        waitUntil([] { return false; }, 500); // layout and painting that follow
        blocks.append(probe.stop());
    }
    std::sort(firstScreens.begin(), firstScreens.end());
    std::sort(blocks.begin(), blocks.end());
    const qint64 htmlFirstScreen = firstScreens.first() < 0 ? -1 : firstScreens.at(HtmlRuns / 2);

    out << "first_screen_ms " << firstScreen << '\n';
    out << "first_screen_cached_bytes " << fetchedBytes << '\n';
    out << "html_first_screen_ms " << htmlFirstScreen << '\n';
    out << "html_max_block_ms " << blocks.at(HtmlRuns / 2) << '\n';
    out << "html_max_block_worst_ms " << blocks.last() << '\n';
    return firstScreen < 0 || htmlFirstScreen < 0 ? 1 : 0;
}
