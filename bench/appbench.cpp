#include "appbench.h"

#include "accounts/memorysecretstore.h"
#include "composerwindow.h"
#include "mainactions.h"
#include "mainwindow.h"
#include "models/messagegroups.h"
#include "models/messagelistmodel.h"
#include "models/searchresultsmodel.h"
#include "models/threadlistmodel.h"
#include "models/treerowsmodel.h"
#include "service/accountservice.h"
#include "store/messagestore.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPointer>
#include <QProcess>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <utility>

namespace {

QString argument(const QStringList &args, const QString &name, const QString &fallback = {})
{
    const qsizetype at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : fallback;
}

QString figure(double value)
{
    return QString::number(value, 'f', 1);
}

MessageRecord benchMessage(quint32 uid)
{
    static const QStringList names = {QStringLiteral("Alice Martin"), QStringLiteral("Bob Stone"),
                                      QStringLiteral("Chloé Dubois"), QStringLiteral("Eve Adams"),
                                      QStringLiteral("李雷")};
    static const QStringList words = {QStringLiteral("quarterly"), QStringLiteral("report"),
                                      QStringLiteral("meeting"),   QStringLiteral("invoice"),
                                      QStringLiteral("release"),   QStringLiteral("budget"),
                                      QStringLiteral("review"),    QStringLiteral("holiday")};
    const quint32 mix = uid * 2654435761u;
    MessageRecord m;
    m.uid = uid;
    m.flags = uid % 4 == 0 ? MessageRecord::NoFlag : MessageRecord::Seen;
    m.subject = (uid % 5 == 0 ? QStringLiteral("Re: ") : QString()) + words.at(mix % 8)
                + QLatin1Char(' ') + words.at((mix >> 8) % 8) + QStringLiteral(" #")
                + QString::number(mix % 10007);
    m.fromName = names.at(mix % names.size());
    m.fromAddress = QStringLiteral("user%1@example.org").arg(mix % 5000);
    m.to = QStringLiteral("Team <team@example.org>");
    m.sentDate = QDateTime::fromSecsSinceEpoch(1'500'000'000 + qint64(uid) * 600, Qt::UTC);
    m.internalDate = m.sentDate;
    m.size = 2000 + mix % 200000;
    // Conversations of five, each message answering the one before.
    const auto id = [](quint32 n) {
        return "<" + QByteArray::number(n) + "@bench.example>";
    };
    m.messageId = id(uid);
    const quint32 first = uid - (uid - 1) % 5;
    if (uid != first) {
        m.inReplyTo = id(uid - 1);
        m.references = id(first) + (uid - 1 != first ? " " + id(uid - 1) : QByteArray());
    }
    m.hasAttachments = uid % 9 == 0;
    return m;
}

// How late a 5 ms timer fires: the time the event loop could not answer.
class LatencyProbe : public QObject
{
public:
    LatencyProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_worst = std::max(m_worst, double(now - m_last) / 1e6 - 5.0);
            m_last = now;
        });
        m_clock.start();
    }
    void start()
    {
        m_last = m_clock.nsecsElapsed();
        m_worst = 0;
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return std::max(0.0, m_worst);
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    double m_worst = 0;
};

void wait(int msecs)
{
    QEventLoop loop;
    QTimer::singleShot(msecs, &loop, &QEventLoop::quit);
    loop.exec();
}

// Runs action while the probe watches, then lets the loop settle; the probe's worst lateness.
double blockDuring(LatencyProbe &probe, const std::function<void()> &action, int settleMs = 60)
{
    probe.start();
    wait(10);
    action();
    wait(settleMs);
    return probe.stop();
}

class FirstPaint : public QObject
{
public:
    explicit FirstPaint(QWidget *widget, std::function<void()> painted)
        : m_painted(std::move(painted))
    {
        widget->installEventFilter(this);
    }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_painted) {
            watched->removeEventFilter(this);
            // Runs once this paint event has been handled.
            QTimer::singleShot(0, this, std::exchange(m_painted, nullptr));
        }
        return false;
    }

private:
    std::function<void()> m_painted;
};

// The text of a message's body, for the bodies the bench indexes: a German note in one of ten.
QString benchBody(quint32 uid)
{
    if (uid % 100 == 0)
        return QStringLiteral("Hallo,\nanbei der Bericht %1 aus München. Grüße").arg(uid);
    return QStringLiteral("Hello team,\nthe figures for week %1 are attached; see the notes on"
                          " the shared drive before the meeting.\nRegards")
            .arg(uid % 52);
}

// Runs the window's part in a child process on the cache and passes its figures to out.
bool runAppWindow(const QString &cachePath, qint64 folderId, const QString &settingsPath,
                  QTextStream &out, QTextStream &err);

} // namespace

int runAppWindowBench(int argc, char *argv[])
{
    QElapsedTimer launch;
    launch.start();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);

    Account account;
    account.setDisplayName(QStringLiteral("Bench"));
    account.setAddress(QStringLiteral("bench@example.org"));
    MemorySecretStore secrets;
    AccountService service(account, &secrets);
    if (MailError error = service.openCache(argument(args, QStringLiteral("--cache")))) {
        err << "heron-bench app-window: " << error.toString() << '\n';
        return 1;
    }
    QSettings settings(argument(args, QStringLiteral("--settings")), QSettings::IniFormat);
    MainWindow window(&settings);
    MessageListModel *model = service.messageModel();
    service.openFolder(argument(args, QStringLiteral("--folder")).toLongLong());
    window.setMessageModel(model);
    QObject::connect(&window, &MainWindow::filterTextChanged, model,
                     &MessageListModel::setSearchText);

    QEventLoop painted;
    FirstPaint watcher(window.messageView()->viewport(), [&] { painted.quit(); });
    window.show();
    painted.exec();
    out << "window_paint_ms " << figure(double(launch.nsecsElapsed()) / 1e6) << '\n';
    out << "window_rows " << model->rowCount() << '\n';
    out.flush();

    LatencyProbe probe;
    std::map<QString, double> blocks;
    auto note = [&](const QString &name, double ms) {
        blocks[name] = std::max(blocks[name], ms);
    };
    note(QStringLiteral("scroll"), blockDuring(probe, [&] {
             QScrollBar *bar = window.messageView()->verticalScrollBar();
             for (int step = 1; step <= 20; ++step) {
                 bar->setValue(bar->maximum() * step / 20);
                 wait(15);
             }
             window.messageView()->scrollToBottom();
         }));
    for (int column : {MessageListModel::SenderColumn, MessageListModel::SubjectColumn,
                       MessageListModel::SizeColumn, MessageListModel::DateColumn}) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            // The first sort by a column makes its index on a worker thread, then reorders.
            note(QStringLiteral("sort"), blockDuring(probe, [&] {
                     window.messageHeader()->setSortIndicator(column, order);
                     while (model->isWaitingForSortIndex())
                         wait(5);
                 }));
        }
    }
    note(QStringLiteral("select"), blockDuring(probe, [&] {
             window.messageView()->setCurrentIndex(model->index(model->rowCount() - 3, 0));
         }));
    note(QStringLiteral("select"), blockDuring(probe, [&] {
             window.messageView()->scrollToTop();
             window.messageView()->setCurrentIndex(model->index(1, 0));
         }));
    // The search field's query runs on a worker; its rows arrive as they are found. Typed a
    // letter at a time, each newer query interrupting the one before.
    double searchFirstRows = -1;
    double searchDone = -1;
    note(QStringLiteral("search"), blockDuring(probe, [&] {
             const QString word = QStringLiteral("invoice");
             for (qsizetype typed = 1; typed < word.size(); ++typed) {
                 window.filterField()->setText(word.left(typed));
                 wait(20);
             }
             QElapsedTimer searchTimer;
             searchTimer.start();
             window.filterField()->setText(word);
             while (model->isSearching()) {
                 if (searchFirstRows < 0 && model->rowCount() > 0)
                     searchFirstRows = double(searchTimer.nsecsElapsed()) / 1e6;
                 wait(1);
             }
             searchDone = double(searchTimer.nsecsElapsed()) / 1e6;
             if (searchFirstRows < 0)
                 searchFirstRows = searchDone;
         }));
    out << "search_first_rows_ms " << figure(searchFirstRows) << '\n';
    out << "search_done_ms " << figure(searchDone) << '\n';
    out << "search_rows " << model->rowCount() << '\n';
    note(QStringLiteral("search"), blockDuring(probe, [&] { window.filterField()->clear(); }));
    // Every folder searched at once, as the search field does with All Folders: the results list
    // over the cache (its server is not asked here). Each query's time to its full list, the
    // median of five, and the longest block of the window while it is shown.
    SearchResultsModel results;
    results.addAccount(QStringLiteral("bench"), account.displayName(), service.store());
    const std::pair<const char *, QString> queries[] = {
            {"word", QStringLiteral("quarterly")},
            {"rare", QStringLiteral("holiday 1234")},
            {"body", QStringLiteral("anbei")},
            {"german", QStringLiteral("muenchen")},
            {"operators", QStringLiteral("from:alice is:unread invoice")},
            {"flags", QStringLiteral("is:unread has:attachment")},
    };
    // Each cache is searched on a worker; the list fills when its answer comes.
    const auto searchAll = [&results](const QString &text) {
        results.setSearchText(QString());
        QEventLoop loop;
        QObject::connect(&results, &SearchResultsModel::searchFinished, &loop, &QEventLoop::quit);
        results.setSearchText(text);
        if (results.isSearching())
            loop.exec();
    };
    window.setMessageModel(&results);
    for (const auto &[label, query] : queries) {
        const QString text = query; // a name of its own, for the lambda below
        QList<double> runs;
        for (int run = 0; run < 5; ++run) {
            QElapsedTimer timer;
            timer.start();
            searchAll(text);
            runs.append(double(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(runs.begin(), runs.end());
        out << "search_all_" << label << "_ms " << figure(runs.at(2)) << '\n';
        out << "search_all_" << label << "_rows " << results.rowCount() << '\n';
        note(QStringLiteral("search_all"), blockDuring(probe, [&] { searchAll(text); }));
    }
    out.flush();
    window.setMessageModel(model);
    // View → Threads and back, twice, with the first conversation opened: the first time a
    // cache shows threads it builds their indexes.
    for (const QString &name : {QStringLiteral("threads_first"), QStringLiteral("threads")}) {
        ThreadListModel threads(service.store());
        note(name, blockDuring(probe, [&] {
                 threads.setFolderId(model->folderId());
                 window.setMessageModel(&threads);
                 while (threads.isLoading())
                     wait(5);
                 window.threadRows()->setExpanded(window.threadRows()->index(0, 0), true);
             }));
        note(name, blockDuring(probe, [&] { window.setMessageModel(model); }));
    }
    // Edit → Select All (Ctrl+A in the list), and back to one message.
    const auto selectAllRows = [&] {
        window.messageView()->setFocus();
        // What Ctrl+A does: the list's Select All shortcut, else its own key handling.
        const QList<QAction *> actions = window.messageView()->actions();
        const auto selectAll = std::find_if(actions.cbegin(), actions.cend(), [](QAction *a) {
            return a->shortcut() == QKeySequence(QKeySequence::SelectAll);
        });
        if (selectAll != actions.cend()) {
            (*selectAll)->trigger();
            return;
        }
        QKeyEvent press(QEvent::KeyPress, Qt::Key_A, Qt::ControlModifier);
        QCoreApplication::sendEvent(window.messageView(), &press);
    };
    note(QStringLiteral("select_all"), blockDuring(probe, selectAllRows));
    out << "select_all_rows "
        << (window.messageView()->selectionModel()->isRowSelected(model->rowCount() - 1, {})
                    ? model->rowCount()
                    : 0)
        << '\n';
    note(QStringLiteral("select_all"),
         blockDuring(probe, [&] { window.messageView()->setCurrentIndex(model->index(0, 0)); }));
    // Select All, then Mark as Read and Delete on the whole folder, taken as the application's
    // controller takes the window's requests: the selected rows by folder (MessageGroups), then
    // the service's change (offline here: the changes wait in the journal, the cache and the
    // list show them at once). Each figure runs until the list shows the result.
    QObject::connect(&window, &MainWindow::markReadRequested, &service,
                     [&](const QItemSelection &messages) {
                         for (const MessageGroup &group : MessageGroups::of(messages))
                             service.changeFlags(group, MessageRecord::Seen, {});
                     });
    const int rowsBefore = model->rowCount();
    note(QStringLiteral("select_all"), blockDuring(probe, selectAllRows));
    note(QStringLiteral("mark_all_read"), blockDuring(probe, [&] {
             window.actions()->markRead()->trigger();
             const auto unreadShown = [&] {
                 for (int row = 0; row < std::min(model->rowCount(), 50); ++row) {
                     if (model->index(row, 0).data(MessageListModel::IsUnreadRole).toBool())
                         return true;
                 }
                 return false;
             };
             while (unreadShown())
                 wait(5);
         }));
    out << "mark_all_read_unread " << service.store()->unseenCount(model->folderId()).value()
        << '\n';
    FolderRecord archive;
    archive.path = QStringLiteral("Archive");
    archive.specialUse = FolderRecord::SpecialUse::Archive;
    const qint64 archiveId = service.store()->upsertFolder(archive).value();
    // Delete, with the Archive standing in for the Trash.
    QObject::connect(&window, &MainWindow::deleteRequested, &service,
                     [&](const QItemSelection &messages) {
                         for (const MessageGroup &group : MessageGroups::of(messages))
                             service.moveMessages(group, archiveId);
                     });
    note(QStringLiteral("move_all"), blockDuring(probe, [&] {
             window.actions()->deleteMessage()->trigger();
             while (model->rowCount() > 0)
                 wait(5);
         }));
    out << "move_all_rows_before " << rowsBefore << '\n';
    out << "move_all_rows_left " << model->rowCount() << '\n';
    out.flush();
    QPointer<ComposerWindow> composer;
    note(QStringLiteral("compose"), blockDuring(
                                            probe,
                                            [&] {
                                                composer = new ComposerWindow;
                                                composer->setAccounts({account});
                                                composer->show();
                                            },
                                            150));
    delete composer;

    double worst = 0;
    for (const auto &[name, ms] : blocks) {
        out << "block_" << name << "_ms " << figure(ms) << '\n';
        worst = std::max(worst, ms);
    }
    out << "max_event_block_ms " << figure(worst) << '\n';
    out.flush();
    return 0;
}

int runAppBench(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(2);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int messages = argument(args, QStringLiteral("--messages"), QStringLiteral("100000"))
                                 .toInt();
    QTemporaryDir temporary;
    const QString dir = argument(args, QStringLiteral("--dir"), temporary.path());
    const QString cachePath = dir + QStringLiteral("/cache.sqlite");
    QFile::remove(cachePath);

    qint64 folderId = 0;
    {
        MessageStore store;
        if (MailError error = store.open(cachePath)) {
            err << "heron-bench app: " << error.toString() << '\n';
            return 1;
        }
        // As a synchronised folder is recorded: the server's last counts with it.
        FolderRecord inbox;
        inbox.path = QStringLiteral("INBOX");
        inbox.specialUse = FolderRecord::SpecialUse::Inbox;
        inbox.uidValidity = 1;
        inbox.uidNext = quint32(messages) + 1;
        inbox.exists = quint32(messages);
        inbox.unseen = quint32(messages / 4); // benchMessage(): one in four is unread
        folderId = store.upsertFolder(inbox).value();
        inbox.id = folderId;
        // upsertFolder() records the folder as LIST shows it; its state is recorded apart.
        if (MailError error = store.updateFolderState(inbox)) {
            err << "heron-bench app: " << error.toString() << '\n';
            return 1;
        }
        constexpr int batch = 5000;
        for (int first = 1; first <= messages; first += batch) {
            QList<MessageRecord> records;
            for (int uid = first; uid < std::min(first + batch, messages + 1); ++uid)
                records.append(benchMessage(quint32(uid)));
            if (MailError error = store.upsertMessages(folderId, records)) {
                err << "heron-bench app: " << error.toString() << '\n';
                return 1;
            }
        }
    }
    {
        // A cache that has been in use: whatever the store defers to idle time (the full-text
        // index) is done before the window opens, as it would be long before a user searches.
        MessageStore store;
        if (!store.open(cachePath)) {
            store.search(folderId, QStringLiteral("warm"));
            // The bodies of one message in ten were read once, and so indexed.
            QElapsedTimer timer;
            timer.start();
            int bodies = 0;
            for (int uid = 10; uid <= messages; uid += 10, ++bodies)
                store.indexBody(folderId, quint32(uid), benchBody(quint32(uid)));
            out << "indexed_bodies " << bodies << '\n';
            out << "index_body_ms "
                << figure(double(timer.nsecsElapsed()) / 1e6 / std::max(1, bodies)) << '\n';
        }
    }
    out << "cached_messages " << messages << '\n';
    out.flush();

    // Each run starts from the same cache (the last actions move every message away) and fresh
    // settings (a sort order chosen in one run would be the next one's first).
    const int repeat
            = std::max(1, argument(args, QStringLiteral("--repeat"), QStringLiteral("1")).toInt());
    if (repeat == 1)
        return runAppWindow(cachePath, folderId, dir + QStringLiteral("/heron.ini"), out, err) ? 0
                                                                                               : 1;
    std::map<QByteArray, QList<double>> figures;
    QList<QByteArray> order;
    for (int run = 0; run < repeat; ++run) {
        const QString runCache = dir + QStringLiteral("/run.sqlite");
        const QString runSettings = dir + QStringLiteral("/run.ini");
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            QFile::remove(runCache + suffix);
            if (QFile::exists(cachePath + suffix))
                QFile::copy(cachePath + suffix, runCache + suffix);
        }
        QFile::remove(runSettings);
        QByteArray output;
        QTextStream capture(&output);
        if (!runAppWindow(runCache, folderId, runSettings, capture, err))
            return 1;
        capture.flush();
        for (const QByteArray &line : output.split('\n')) {
            const QList<QByteArray> words = line.split(' ');
            bool number = false;
            const double value = words.size() == 2 ? words.at(1).toDouble(&number) : 0;
            if (!number)
                continue;
            if (!figures.count(words.at(0)))
                order.append(words.at(0));
            figures[words.at(0)].append(value);
        }
        err << "heron-bench app: run " << (run + 1) << " of " << repeat << " done\n";
        err.flush();
    }
    out << "runs " << repeat << '\n';
    for (const QByteArray &name : std::as_const(order)) {
        QList<double> values = figures[name];
        std::sort(values.begin(), values.end());
        const double median = values.size() % 2 ? values.at(values.size() / 2)
                                                : (values.at(values.size() / 2 - 1)
                                                   + values.at(values.size() / 2))
                                                          / 2;
        out << name << ' ' << figure(median) << " (min " << figure(values.first()) << ", max "
            << figure(values.last()) << ")\n";
    }
    return 0;
}

namespace {

bool runAppWindow(const QString &cachePath, qint64 folderId, const QString &settingsPath,
                  QTextStream &out, QTextStream &err)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("app-window"), QStringLiteral("--cache"), cachePath,
                 QStringLiteral("--folder"), QString::number(folderId),
                 QStringLiteral("--settings"), settingsPath});
    double processPaint = -1;
    QByteArray output;
    while (child.state() != QProcess::NotRunning || child.bytesAvailable() > 0) {
        // Silent for as long as its slowest action blocks (minutes at a million messages).
        if (!child.waitForReadyRead(1800000) && child.bytesAvailable() == 0)
            break;
        output += child.readAllStandardOutput();
        if (processPaint < 0 && output.contains("window_paint_ms"))
            processPaint = double(timer.nsecsElapsed()) / 1e6;
    }
    child.waitForFinished(1800000);
    output += child.readAllStandardOutput();
    out << output;
    if (processPaint >= 0)
        out << "window_paint_process_ms " << figure(processPaint) << '\n';
    const bool ok = child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0;
    if (!ok)
        err << "heron-bench app: the window process failed\n";
    out.flush();
    return ok;
}

} // namespace
