#include "models/messagelistmodel.h"
#include "models/searchrunner.h"
#include "store/messagestore.h"

#include <QAbstractItemModelTester>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <memory>

namespace {

constexpr quint32 messageCount = 6000;

// "alpha" in every second subject, "beta" in every third, dates in an order unrelated to UIDs.
MessageRecord makeMessage(quint32 uid)
{
    MessageRecord m;
    m.uid = uid;
    m.sentDate = QDateTime::fromSecsSinceEpoch(1'700'000'000
                                                       + qint64((uid * 7919) % messageCount) * 60,
                                               Qt::UTC);
    m.internalDate = m.sentDate;
    m.subject = QStringLiteral("Note %1").arg(uid);
    if (uid % 2 == 0)
        m.subject += QStringLiteral(" alpha");
    if (uid % 3 == 0)
        m.subject += QStringLiteral(" beta");
    m.fromName = QStringLiteral("Sender %1").arg(uid % 97);
    m.fromAddress = QStringLiteral("s%1@example.org").arg(uid);
    m.size = 1000 + (uid * 13) % 5000;
    m.flags = uid % 5 == 0 ? MessageRecord::Seen : MessageRecord::NoFlag;
    return m;
}

// A gate a worker waits at until the test opens it.
class Gate
{
public:
    void wait()
    {
        m_arrived.release();
        m_open.acquire();
    }
    bool waitForArrival() { return m_arrived.tryAcquire(1, 10000); }
    void open() { m_open.release(1000); }

private:
    QSemaphore m_arrived;
    QSemaphore m_open;
};

} // namespace

class TestSearchRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void workerReadsTheQueryInOrderInBatches_data();
    void workerReadsTheQueryInOrderInBatches();
    void stopInterruptsSqliteBeforeTheFirstRow();
    void newestAnswerWins();
    void olderRunningQueryIsInterrupted();
    void rowsLeaveWithTheirMessages();

private:
    QList<quint32> modelUids() const;
    QList<quint32> expected(const QString &text) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    qint64 m_folder = 0;
    std::unique_ptr<MessageListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestSearchRunner::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MessageStore>();
    QVERIFY(!m_store->open(m_dir->filePath(QStringLiteral("cache.sqlite"))));
    FolderRecord inbox;
    inbox.path = QStringLiteral("INBOX");
    m_folder = m_store->upsertFolder(inbox).value();
    QList<MessageRecord> batch;
    for (quint32 uid = 1; uid <= messageCount; ++uid)
        batch.append(makeMessage(uid));
    QVERIFY(!m_store->upsertMessages(m_folder, batch));
    QVERIFY(!m_store->indexPendingFts());

    m_model = std::make_unique<MessageListModel>(m_store.get());
    m_model->setBackgroundSearchRows(1); // every search of this folder runs on the worker
    m_model->setFolderId(m_folder);
    m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestSearchRunner::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
    m_dir.reset();
}

QList<quint32> TestSearchRunner::modelUids() const
{
    QList<quint32> uids;
    for (int row = 0; row < m_model->rowCount(); ++row)
        uids.append(m_model->index(row, 0).data(MessageListModel::UidRole).toUInt());
    return uids;
}

QList<quint32> TestSearchRunner::expected(const QString &text) const
{
    MessageQuery query = m_model->query();
    query.searchText = text;
    return m_store->queryUids(query).value();
}

void TestSearchRunner::workerReadsTheQueryInOrderInBatches_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("sortColumn");
    QTest::addColumn<int>("matches");

    QTest::newRow("word by date") << QStringLiteral("alpha") << int(MessageListModel::DateColumn)
                                  << int(messageCount / 2);
    QTest::newRow("two words by size")
            << QStringLiteral("alpha beta") << int(MessageListModel::SizeColumn)
            << int(messageCount / 6);
    QTest::newRow("word and flag by sender")
            << QStringLiteral("beta is:unread") << int(MessageListModel::SenderColumn)
            << int(messageCount / 3 - messageCount / 15);
    QTest::newRow("no match") << QStringLiteral("gamma") << int(MessageListModel::DateColumn) << 0;
}

void TestSearchRunner::workerReadsTheQueryInOrderInBatches()
{
    QFETCH(QString, text);
    QFETCH(int, sortColumn);
    QFETCH(int, matches);

    m_model->sort(sortColumn, Qt::AscendingOrder);
    MessageQuery query = m_model->query();
    query.searchText = text;
    QVERIFY(!m_store->prepareQuery(query));
    QList<qsizetype> batches;
    QList<quint32> uids;
    int stopQuestions = 0;
    const MailError error = MessageStore::readQueryUidsApart(
            m_store->path(), query,
            [&] {
                ++stopQuestions;
                return false;
            },
            [&](QList<quint32> &&batch) {
                batches.append(batch.size());
                uids += batch;
            });
    QVERIFY2(!error, qPrintable(error.toString()));
    QCOMPARE(uids.size(), matches);
    QCOMPARE(uids, m_store->queryUids(query).value());
    if (matches > 0) {
        // The first screen first, then larger batches.
        QCOMPARE(batches.first(), qsizetype(std::min(matches, 100)));
        for (int i = 1; i + 1 < batches.size(); ++i)
            QCOMPARE(batches.at(i), 2 * batches.at(i - 1));
    } else {
        QVERIFY(batches.isEmpty());
    }
    // SQLite's progress handler asked while it worked, not only the loop between batches.
    if (matches >= 1000)
        QVERIFY(stopQuestions > batches.size() + 1);

    // The model shows the same rows once the worker is done.
    QSignalSpy finished(m_model.get(), &MessageListModel::searchFinished);
    m_model->setSearchText(text);
    QVERIFY(m_model->isSearching());
    QVERIFY(finished.wait(10000));
    QVERIFY(!m_model->isSearching());
    QCOMPARE(modelUids(), uids);
}

void TestSearchRunner::stopInterruptsSqliteBeforeTheFirstRow()
{
    MessageQuery query = m_model->query();
    query.searchText = QStringLiteral("alpha");
    QVERIFY(!m_store->prepareQuery(query));
    int questions = 0;
    int delivered = 0;
    const MailError error = MessageStore::readQueryUidsApart(
            m_store->path(), query, [&] { return ++questions >= 2; },
            [&](QList<quint32> &&) { ++delivered; });
    QVERIFY2(!error, qPrintable(error.toString())); // stopping is not an error
    QCOMPARE(delivered, 0);
    // The second question came from SQLite's progress handler, inside the first step: the loop
    // between batches would only have asked after 100 rows.
    QVERIFY(questions >= 2);
}

void TestSearchRunner::newestAnswerWins()
{
    // "alpha" is slow: its worker holds its first answer back until "beta" has been shown.
    auto gate = std::make_shared<Gate>();
    const auto openAtEnd = qScopeGuard([gate] { gate->open(); });
    m_model->searchRunner()->setDeliveryHook([gate](const MessageQuery &query) {
        if (query.searchText == QLatin1String("alpha"))
            gate->wait();
    });
    QSignalSpy finished(m_model.get(), &MessageListModel::searchFinished);
    m_model->setSearchText(QStringLiteral("alpha"));
    QVERIFY(gate->waitForArrival());
    m_model->setSearchText(QStringLiteral("beta"));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    const QList<quint32> beta = expected(QStringLiteral("beta"));
    QCOMPARE(beta.size(), int(messageCount / 3));
    QCOMPARE(modelUids(), beta);

    // The older answer arrives late, and is dropped.
    gate->open();
    QTRY_VERIFY_WITH_TIMEOUT(m_model->searchRunner()->droppedBatches() >= 1, 10000);
    QTest::qWait(50); // anything else the old worker might still hand over
    QCOMPARE(finished.count(), 1);
    QCOMPARE(modelUids(), beta);
    QCOMPARE(m_model->searchText(), QStringLiteral("beta"));
}

void TestSearchRunner::olderRunningQueryIsInterrupted()
{
    auto gate = std::make_shared<Gate>();
    const auto openAtEnd = qScopeGuard([gate] { gate->open(); });
    auto alphaBatches = std::make_shared<std::atomic<int>>(0);
    m_model->searchRunner()->setDeliveryHook([gate, alphaBatches](const MessageQuery &query) {
        if (query.searchText == QLatin1String("alpha")) {
            ++*alphaBatches;
            gate->wait();
        }
    });
    QSignalSpy finished(m_model.get(), &MessageListModel::searchFinished);
    m_model->setSearchText(QStringLiteral("alpha"));
    QVERIFY(gate->waitForArrival());
    m_model->setSearchText(QStringLiteral("beta"));
    gate->open();
    QVERIFY(finished.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(m_model->searchRunner()->droppedBatches() >= 1, 10000);
    QTest::qWait(50);
    // alpha matches 3,000 rows, read in batches of 100, 200, 400, ...: once beta started, its
    // worker stopped after the batch it was handing over.
    QCOMPARE(alphaBatches->load(), 1);
    QCOMPARE(m_model->searchRunner()->droppedBatches(), 1);
    QCOMPARE(modelUids(), expected(QStringLiteral("beta")));
}

void TestSearchRunner::rowsLeaveWithTheirMessages()
{
    QSignalSpy finished(m_model.get(), &MessageListModel::searchFinished);
    m_model->setSearchText(QStringLiteral("beta"));
    QVERIFY(finished.wait(10000));
    QList<quint32> rows = modelUids();
    const QList<quint32> gone = {rows.at(0), rows.at(1), rows.at(10), 1, 2};
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QVERIFY(!m_store->removeMessages(m_folder, gone));
    QCOMPARE(removed.count(), 2); // rows 0-1 and row 10; messages 1 and 2 never matched
    for (quint32 uid : gone)
        rows.removeAll(uid);
    QCOMPARE(modelUids(), rows);
    QCOMPARE(m_model->indexForUid(rows.at(5)).row(), 5);
}

QTEST_GUILESS_MAIN(TestSearchRunner)
#include "tst_searchrunner.moc"
