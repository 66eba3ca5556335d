#include "storebench.h"

#include "benchoptions.h"
#include "models/messagelistmodel.h"
#include "models/threadlistmodel.h"
#include "store/messagestore.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <memory>

#include <time.h>

namespace {

QByteArray benchMessageId(quint32 uid)
{
    const quint32 mix = uid * 2654435761u;
    return "<" + QByteArray::number(mix) + "." + QByteArray::number(uid) + "@mail.example>";
}

// Conversations of five: each message after the first answers the one before it.
MessageRecord benchMessage(quint32 uid)
{
    static const QStringList names = {
            QStringLiteral("Alice Martin"), QStringLiteral("Bob Stone"),
            QStringLiteral("Chloé Dubois"), QStringLiteral("Dmitri Ivanov"),
            QStringLiteral("Eve Adams"),    QStringLiteral("李雷"),
    };
    static const QStringList words = {
            QStringLiteral("quarterly"), QStringLiteral("report"),  QStringLiteral("meeting"),
            QStringLiteral("invoice"),   QStringLiteral("release"), QStringLiteral("notes"),
            QStringLiteral("lunch"),     QStringLiteral("budget"),  QStringLiteral("draft"),
            QStringLiteral("review"),    QStringLiteral("holiday"), QStringLiteral("update"),
    };
    MessageRecord m;
    m.uid = uid;
    m.modSeq = uid;
    m.flags = uid % 4 == 0 ? MessageRecord::NoFlag : MessageRecord::Seen;
    const quint32 mix = uid * 2654435761u;
    m.subject = (uid % 5 == 0 ? QStringLiteral("Re: ") : QString()) + words.at(mix % 12)
                + QLatin1Char(' ') + words.at((mix >> 8) % 12) + QLatin1Char(' ')
                + words.at((mix >> 16) % 12) + QStringLiteral(" #") + QString::number(mix % 10007);
    m.fromName = names.at(mix % names.size());
    m.fromAddress = QStringLiteral("user%1@example.org").arg(mix % 5000);
    m.to = QStringLiteral("Team <team@example.org>, Someone <someone%1@example.net>").arg(uid % 97);
    m.sentDate = QDateTime::fromSecsSinceEpoch(1'500'000'000 + qint64(uid) * 600 + mix % 300,
                                               Qt::UTC);
    m.internalDate = m.sentDate.addSecs(40);
    m.size = 2000 + mix % 200000;
    m.messageId = benchMessageId(uid);
    const quint32 first = uid - (uid - 1) % 5;
    if (uid != first) {
        m.inReplyTo = benchMessageId(uid - 1);
        for (quint32 earlier = first; earlier < uid; ++earlier)
            m.references += (earlier == first ? "" : " ") + benchMessageId(earlier);
    }
    m.hasAttachments = uid % 9 == 0;
    m.bodyStructure = QByteArray("((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"QUOTED-"
                                 "PRINTABLE\" 1234 40 NIL NIL NIL)(\"TEXT\" \"HTML\" (\"CHARSET\""
                                 " \"UTF-8\") NIL NIL \"QUOTED-PRINTABLE\" 5678 120 NIL NIL NIL)"
                                 " \"ALTERNATIVE\" (\"BOUNDARY\" \"b1\") NIL NIL)");
    return m;
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// CPU time of the process: unlike wall time it does not grow when other programs load the
// machine.
double cpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Reads every column of rows [first, first + count) the way a view paints them.
int readRows(const MessageListModel &model, int first, int count)
{
    int filled = 0;
    for (int row = first; row < first + count && row < model.rowCount(); ++row) {
        for (int column = 0; column < MessageListModel::ColumnCount; ++column) {
            if (model.index(row, column).data().isValid())
                ++filled;
        }
        filled += model.index(row, 0).data(MessageListModel::IsUnreadRole).toBool() ? 1 : 0;
    }
    return filled;
}

} // namespace

int runStoreBench(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    auto line = [&out](const char *name, double value, int decimals = 2) {
        out << name << ' ' << QString::number(value, 'f', decimals) << '\n';
    };
    int total = 100'000;
    QString dirPath;
    for (int i = 0; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--messages"))
            total = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--dir"))
            dirPath = args.at(i + 1);
    }
    if (total <= 0) {
        err << "heron-bench store: --messages needs a positive count\n";
        return 2;
    }
    QTemporaryDir temporary;
    if (dirPath.isEmpty())
        dirPath = temporary.path();
    const QString path = dirPath + QStringLiteral("/storebench.sqlite");
    QFile::remove(path);
    line("messages", total, 0);

    QElapsedTimer timer;
    qint64 folderId = 0;
    {
        MessageStore store;
        if (MailError error = store.open(path)) {
            err << "heron-bench store: " << error.toString() << '\n';
            return 1;
        }
        FolderRecord inbox;
        inbox.path = QStringLiteral("INBOX");
        folderId = store.upsertFolder(inbox).value();
        constexpr int batchSize = 1000;
        double insertMs = 0;
        double insertCpuMs = 0;
        for (int first = 1; first <= total; first += batchSize) {
            QList<MessageRecord> batch;
            batch.reserve(batchSize);
            for (int uid = first; uid < first + batchSize && uid <= total; ++uid)
                batch.append(benchMessage(quint32(uid)));
            timer.start();
            const double cpuStart = cpuMs();
            if (MailError error = store.upsertMessages(folderId, batch)) {
                err << "heron-bench store: " << error.toString() << '\n';
                return 1;
            }
            insertMs += msSince(timer);
            insertCpuMs += cpuMs() - cpuStart;
        }
        line("insert_batch", batchSize, 0);
        line("insert_wall_ms", insertMs, 0);
        line("insert_cpu_ms", insertCpuMs, 0);
        line("insert_messages_per_cpu_s", total / insertCpuMs * 1000, 0);
        // With WAL, recent pages are still in the log until a checkpoint: count both files.
        line("db_kib",
             double(QFile(path).size() + QFile(path + QStringLiteral("-wal")).size()) / 1024, 0);
    }

    // Cold start of the list: open, count, paint the first screen.
    const qint64 rssBefore = Bench::statusKb("VmRSS");
    double cpuStart = cpuMs();
    timer.start();
    MessageStore store;
    if (MailError error = store.open(path)) {
        err << "heron-bench store: " << error.toString() << '\n';
        return 1;
    }
    line("open_ms", msSince(timer));
    MessageListModel model(&store);
    model.setFolderId(folderId);
    const int rows = model.rowCount();
    line("open_and_count_ms", msSince(timer));
    readRows(model, 0, 50);
    line("open_count_first50_ms", msSince(timer));
    line("open_count_first50_cpu_ms", cpuMs() - cpuStart);

    cpuStart = cpuMs();
    timer.start();
    model.sort(MessageListModel::SubjectColumn, Qt::AscendingOrder);
    line("sort_subject_ms", msSince(timer));
    readRows(model, 0, 50);
    line("sort_subject_first50_ms", msSince(timer));
    line("sort_subject_first50_cpu_ms", cpuMs() - cpuStart);
    timer.start();
    readRows(model, rows / 2, 50);
    line("jump_middle50_ms", msSince(timer));
    timer.start();
    model.sort(MessageListModel::DateColumn, Qt::DescendingOrder);
    readRows(model, 0, 50);
    line("sort_date_first50_ms", msSince(timer));

    timer.start();
    model.setSearchText(QStringLiteral("invoice budget"));
    const int matches = model.rowCount();
    readRows(model, 0, 50);
    line("search_rows", matches, 0);
    line("search_first50_ms", msSince(timer));
    model.setSearchText(QString());

    // Threads: the roots are read on a worker; the first time with the thread indexes built
    // there too. Then the first screen of conversations and one opened to its last reply.
    {
        const auto showThreads = [&](ThreadListModel *threads) {
            threads->setFolderId(folderId);
            QEventLoop loop;
            QObject::connect(threads, &QAbstractItemModel::rowsInserted, &loop, &QEventLoop::quit);
            if (threads->isLoading())
                loop.exec();
        };
        timer.start();
        {
            ThreadListModel first(&store);
            showThreads(&first);
        }
        line("threads_first_show_ms", msSince(timer));
        timer.start();
        ThreadListModel threads(&store);
        showThreads(&threads);
        line("threads_show_ms", msSince(timer));
        line("thread_roots", threads.rowCount(), 0);
        cpuStart = cpuMs();
        timer.start();
        int read = 0;
        for (int row = 0; row < 50 && row < threads.rowCount(); ++row)
            read += threads.index(row, MessageListModel::SubjectColumn).data().isValid() ? 1 : 0;
        line("threads_first50_ms", msSince(timer));
        line("threads_first50_cpu_ms", cpuMs() - cpuStart);
        timer.start();
        QModelIndex reply = threads.index(0, 0);
        int depth = 0;
        while (threads.rowCount(reply) > 0) {
            reply = threads.index(0, 0, reply);
            ++depth;
        }
        line("thread_depth", depth, 0);
        line("thread_expand_ms", msSince(timer));
    }

    const qint64 rssOpen = Bench::statusKb("VmRSS");
    cpuStart = cpuMs();
    timer.start();
    for (int row = 0; row < rows; row += 50)
        readRows(model, row, 50);
    line("scroll_all_wall_ms", msSince(timer), 0);
    line("scroll_all_cpu_ms", cpuMs() - cpuStart, 0);
    const qint64 rssScrolled = Bench::statusKb("VmRSS");
    line("rss_before_open_kib", rssBefore, 0);
    line("rss_open_kib", rssOpen, 0);
    line("rss_scrolled_kib", rssScrolled, 0);
    line("rss_per_message_open_b", double(rssOpen - rssBefore) * 1024 / rows);
    line("rss_per_message_scrolled_b", double(rssScrolled - rssBefore) * 1024 / rows);
    return 0;
}
