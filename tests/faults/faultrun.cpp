// heron-faultrun: does the outbox lose a message or send one twice without saying so, when the
// link to the submission server breaks at a random byte, the sending process is killed, or the
// disk is full? Runs N randomized submissions from alice to bob against the local mail stack
// (HERON_MAILSTACK_DIR), each from its own seed, and counts by Message-ID what reached bob's
// INBOX (doveadm) against what the outbox shows:
//   delivered_once     delivered once, and the outbox no longer holds the message
//   unknown_shown      the outbox shows it as Unknown (it may or may not have arrived)
//   failed_shown       the outbox shows it as Failed, or send() refused it with an error
//   pending_shown      still queued in the outbox when the run ended (it would go out later)
//   lost               gone from the outbox but never delivered
//   silent_duplicates  delivered more than once (the user never asked for a second copy)
//   failed_but_delivered  shown as Failed although it arrived (a retry by the user sends twice)
//   heron-faultrun [--runs N] [--seed S] [--verbose]
// Exit status 0 only when lost and silent_duplicates are both 0.

#include "faultplan.h"
#include "faultproxy.h"
#include "mailstackinfo.h"

#include "mime/outgoingmessage.h"
#include "net/ssltransport.h"
#include "outbox/messagesender.h"
#include "outbox/outboxstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <cstdio>
#include <functional>

namespace {

// Runs the event loop until done() or the timeout; done()'s last answer.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

std::unique_ptr<MessageSender> makeSender(OutboxStore *store, const MailStackInfo &stack,
                                          quint16 port)
{
    auto settings = [stack, port](std::function<void(SmtpSettings)> deliver) {
        SmtpSettings s;
        s.host = stack.host();
        s.port = port;
        s.security = Security::ImplicitTls;
        s.userName = stack.address(QStringLiteral("alice"));
        s.password = stack.password();
        s.ehloName = "heron.test";
        s.timeouts = {3000, 3000, 3000, 3000, 3000};
        deliver(s);
    };
    auto transports = [stack]() -> std::unique_ptr<Transport> {
        auto transport = std::make_unique<SslTransport>();
        transport->setCaCertificates(stack.caCertificates());
        transport->setPeerVerifyName(stack.tlsName());
        transport->setConnectTimeout(3000);
        return transport;
    };
    auto sender = std::make_unique<MessageSender>(store, QStringLiteral("alice"), settings,
                                                  transports);
    // Transient failures are retried at once, over a clean connection (the proxy breaks only
    // the first one).
    sender->setRetryDelays({100, 300});
    return sender;
}

OutgoingMessage testMessage(const MailStackInfo &stack, const QString &token)
{
    OutgoingMessage m;
    m.from = {QStringLiteral("Alice"), stack.address(QStringLiteral("alice"))};
    m.to = {{QStringLiteral("Bob"), stack.address(QStringLiteral("bob"))}};
    m.subject = QStringLiteral("fault run ") + token;
    QString body;
    for (int i = 0; i < 40; ++i)
        body += QStringLiteral("Line %1 of the fault run message %2.\n").arg(i).arg(token);
    m.plainBody = body;
    return m;
}

QByteArray messageIdOf(const OutboxStore &store, const QString &id)
{
    const std::unique_ptr<QIODevice> device = store.openMessage(id);
    if (!device)
        return QByteArray();
    const QByteArray head = device->read(64 * 1024);
    for (const QByteArray &line : head.split('\n')) {
        if (line.startsWith("Message-ID:") || line.startsWith("Message-Id:"))
            return line.mid(11).trimmed();
    }
    return QByteArray();
}

int deliveries(const MailStackInfo &stack, const QByteArray &messageId)
{
    if (messageId.isEmpty())
        return 0;
    const QByteArray out = stack.doveadm(
            {QStringLiteral("search"), QStringLiteral("-u"), QStringLiteral("bob"),
             QStringLiteral("mailbox"), QStringLiteral("INBOX"), QStringLiteral("header"),
             QStringLiteral("Message-ID"), QString::fromLatin1(messageId)});
    return int(out.trimmed().isEmpty() ? 0 : out.trimmed().split('\n').size());
}

// The sending process of a Kill run: sends one message through the outbox in `dir`, says its
// outbox id, and waits for the outcome (the parent kills it before, or not).
int childSend(const QString &dir, const QString &token)
{
    const MailStackInfo stack = MailStackInfo::fromEnvironment();
    OutboxStore store(dir);
    if (store.open().isError())
        return 2;
    auto sender = makeSender(&store, stack, stack.smtpTlsPort());
    const QString id = sender->send(testMessage(stack, token));
    std::printf("id %s\n", qPrintable(id));
    std::fflush(stdout);
    waitFor([&sender] { return !sender->hasUnsent(); }, 60000);
    return 0;
}

struct Outcome
{
    QString name;
    int count = 0;
};

class Runner
{
public:
    Runner(MailStackInfo stack, bool verbose)
        : m_stack(std::move(stack))
        , m_verbose(verbose)
    { }

    QString run(quint32 seed, bool diskFullPossible, FaultPlan *planOut);

private:
    QString classify(OutboxStore &store, const QString &id, const QByteArray &messageId);
    QString runKill(const FaultPlan &plan, const QString &dir, const QString &token,
                    QByteArray *messageId);

    MailStackInfo m_stack;
    bool m_verbose;
};

QString Runner::classify(OutboxStore &store, const QString &id, const QByteArray &messageId)
{
    bool found = false;
    const OutboxEntry entry = store.entry(id, &found);
    // A message the outbox let go must arrive: give Postfix and LMTP the time.
    int count = 0;
    if (!found)
        waitFor([&] { return (count = deliveries(m_stack, messageId)) > 0; }, 20000);
    // Anything else may still arrive from a submission the client gave up on; and a second
    // copy may come after the first.
    waitFor([] { return false; }, 1500);
    count = deliveries(m_stack, messageId);
    if (count >= 2)
        return QStringLiteral("silent_duplicates");
    if (!found)
        return count == 1 ? QStringLiteral("delivered_once") : QStringLiteral("lost");
    switch (entry.state) {
    case OutboxEntry::State::Unknown:
        return QStringLiteral("unknown_shown");
    case OutboxEntry::State::Failed:
        return count == 1 ? QStringLiteral("failed_but_delivered") : QStringLiteral("failed_shown");
    case OutboxEntry::State::Queued:
    case OutboxEntry::State::Sending:
        return QStringLiteral("pending_shown");
    }
    return QStringLiteral("lost");
}

QString Runner::runKill(const FaultPlan &plan, const QString &dir, const QString &token,
                        QByteArray *messageId)
{
    QProcess child;
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments({QStringLiteral("--child"), dir, QStringLiteral("--token"), token});
    child.start();
    waitFor([&child] { return child.state() == QProcess::Running; }, 10000);
    waitFor([] { return false; }, plan.durationMs);
    child.kill(); // SIGKILL
    waitFor([&child] { return child.state() == QProcess::NotRunning; }, 10000);

    // What the application finds when it starts again: the same outbox, opened (a message
    // caught while Sending becomes Unknown), and the queue sent on.
    OutboxStore store(dir);
    if (store.open().isError())
        return QStringLiteral("failed_shown");
    const QList<OutboxEntry> entries = store.entries();
    const QByteArray said = child.readAllStandardOutput();
    // Killed before the message was saved: send() had not returned, nothing was promised.
    if (entries.isEmpty() && !said.startsWith("id "))
        return QStringLiteral("not_started");
    const QString id = entries.isEmpty() ? QString::fromLatin1(said.mid(3).trimmed())
                                         : entries.first().id;
    if (!entries.isEmpty())
        *messageId = messageIdOf(store, id);
    auto sender = makeSender(&store, m_stack, m_stack.smtpTlsPort());
    sender->start();
    waitFor([&sender] { return !sender->hasUnsent(); }, 60000);
    if (messageId->isEmpty()) {
        // Sent and removed before the kill: find it by its subject's token instead.
        const QByteArray out = m_stack.doveadm(
                {QStringLiteral("fetch"), QStringLiteral("-u"), QStringLiteral("bob"),
                 QStringLiteral("hdr.message-id"), QStringLiteral("mailbox"),
                 QStringLiteral("INBOX"), QStringLiteral("subject"), token});
        const qsizetype at = out.indexOf('<');
        if (at >= 0)
            *messageId = out.mid(at, out.indexOf('>', at) - at + 1);
    }
    return classify(store, id, *messageId);
}

QString Runner::run(quint32 seed, bool diskFullPossible, FaultPlan *planOut)
{
    const FaultPlan plan = FaultPlan::draw(seed, diskFullPossible);
    *planOut = plan;
    QTemporaryDir dir;
    const QString token = QUuid::createUuid().toString(QUuid::WithoutBraces).left(13);
    QByteArray messageId;
    if (plan.kind == FaultPlan::Kind::Kill)
        return runKill(plan, dir.filePath(QStringLiteral("outbox")), token, &messageId);

    QString outboxDir = dir.filePath(QStringLiteral("outbox"));
    bool mounted = false;
    if (plan.kind == FaultPlan::Kind::DiskFull) {
        // The outbox on a tmpfs of 64 KiB, filled up to `offset` free bytes.
        QDir().mkpath(outboxDir);
        mounted = QProcess::execute(QStringLiteral("mount"),
                                    {QStringLiteral("-t"), QStringLiteral("tmpfs"),
                                     QStringLiteral("-o"), QStringLiteral("size=64k"),
                                     QStringLiteral("tmpfs"), outboxDir})
                  == 0;
        QFile filler(outboxDir + QStringLiteral("/filler"));
        if (mounted && filler.open(QIODevice::WriteOnly)) {
            const qint64 fill = qMax<qint64>(0, 64 * 1024 - plan.offset);
            filler.write(QByteArray(fill, 'x'));
            filler.close();
        }
    }
    const auto unmount = [&] {
        if (mounted)
            QProcess::execute(QStringLiteral("umount"), {outboxDir});
    };

    FaultProxy proxy(m_stack.smtpTlsPort(), plan);
    if (!proxy.listen()) {
        unmount();
        return QStringLiteral("proxy_failed");
    }
    QString result;
    {
        OutboxStore store(outboxDir);
        if (store.open().isError()) {
            unmount();
            return QStringLiteral("failed_shown");
        }
        auto sender = makeSender(&store, m_stack, proxy.port());
        MailError error;
        const QString id = sender->send(testMessage(m_stack, token), &error);
        if (id.isEmpty()) {
            // Refused before anything went out, with an error for the composer to show.
            unmount();
            return QStringLiteral("failed_shown");
        }
        messageId = messageIdOf(store, id);
        waitFor([&sender] { return !sender->hasUnsent(); }, 60000);
        result = classify(store, id, messageId);
    }
    unmount();
    if (m_verbose)
        std::fprintf(stderr, "  message %s\n", messageId.constData());
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Number of runs."),
                      QStringLiteral("N"), QStringLiteral("1000")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("First run's seed."),
                      QStringLiteral("S"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("verbose"), QStringLiteral("One line per run.")});
    parser.addOption({QStringLiteral("child"), QStringLiteral("(internal)"), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("token"), QStringLiteral("(internal)"), QStringLiteral("T")});
    parser.process(app);
    if (parser.isSet(QStringLiteral("child")))
        return childSend(parser.value(QStringLiteral("child")),
                         parser.value(QStringLiteral("token")));

    const MailStackInfo stack = MailStackInfo::fromEnvironment();
    if (!stack.isValid()) {
        std::fprintf(stderr, "no mail stack: %s\n", qPrintable(stack.error()));
        return 2;
    }
    const int runs = parser.value(QStringLiteral("runs")).toInt();
    const quint32 seed = parser.value(QStringLiteral("seed")).toUInt();
    const bool verbose = parser.isSet(QStringLiteral("verbose"));
    // A full disk needs a tmpfs mount (root).
    QTemporaryDir probeDir;
    const bool diskFullPossible = QProcess::execute(QStringLiteral("mount"),
                                                    {QStringLiteral("-t"), QStringLiteral("tmpfs"),
                                                     QStringLiteral("-o"),
                                                     QStringLiteral("size=64k"),
                                                     QStringLiteral("tmpfs"), probeDir.path()})
                                          == 0
                                  && QProcess::execute(QStringLiteral("umount"), {probeDir.path()})
                                             == 0;

    QMap<QString, int> counts;
    QMap<QString, QMap<QString, int>> byKind;
    Runner runner(stack, verbose);
    for (int i = 0; i < runs; ++i) {
        FaultPlan plan;
        const QString outcome = runner.run(seed + quint32(i), diskFullPossible, &plan);
        ++counts[outcome];
        ++byKind[FaultPlan::kindName(plan.kind)][outcome];
        if (verbose) {
            std::fprintf(stderr, "run %d seed %u %s dir %d byte %lld ms %d -> %s\n", i,
                         seed + quint32(i), qPrintable(FaultPlan::kindName(plan.kind)),
                         int(plan.direction), static_cast<long long>(plan.offset), plan.durationMs,
                         qPrintable(outcome));
        }
    }
    std::printf("runs %d\n", runs);
    for (const char *key :
         {"delivered_once", "unknown_shown", "failed_shown", "lost", "silent_duplicates",
          "pending_shown", "failed_but_delivered", "not_started", "proxy_failed"}) {
        std::printf("%s %d\n", key, counts.value(QString::fromLatin1(key)));
    }
    std::printf("disk_full_runs %s\n", diskFullPossible ? "yes" : "no (no tmpfs mount)");
    for (auto it = byKind.cbegin(); it != byKind.cend(); ++it) {
        QStringList parts;
        for (auto o = it.value().cbegin(); o != it.value().cend(); ++o)
            parts.append(o.key() + QLatin1Char('=') + QString::number(o.value()));
        std::printf("kind %s %s\n", qPrintable(it.key()), qPrintable(parts.join(QLatin1Char(' '))));
    }
    const bool ok = counts.value(QStringLiteral("lost")) == 0
                    && counts.value(QStringLiteral("silent_duplicates")) == 0;
    return ok ? 0 : 1;
}
