#include "models/messagelistmodel.h"
#include "models/searchresultsmodel.h"
#include "store/messagestore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

MessageRecord message(quint32 uid, int minute, const QString &subject)
{
    MessageRecord m;
    m.uid = uid;
    m.subject = subject;
    m.fromName = u"Sender"_s;
    m.fromAddress = u"sender@example.org"_s;
    m.sentDate = QDateTime::fromSecsSinceEpoch(1'700'000'000 + qint64(minute) * 60, Qt::UTC);
    return m;
}

struct Cache
{
    explicit Cache(const QString &path)
    {
        QVERIFY(!store.open(path));
        store.setBackgroundFtsIndexing(false);
        FolderRecord inbox;
        inbox.path = u"INBOX"_s;
        inboxId = store.upsertFolder(inbox).value();
        FolderRecord other;
        other.path = u"Projects/Heron"_s;
        otherId = store.upsertFolder(other).value();
    }
    MessageStore store;
    qint64 inboxId = 0;
    qint64 otherId = 0;
};

// account:uid@location (found)
QStringList rows(const QAbstractItemModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        result.append(index.data(SearchResultsModel::AccountIdRole).toString() + u':'
                      + QString::number(index.data(MessageListModel::UidRole).toUInt()) + u'@'
                      + model.index(row, SearchResultsModel::LocationColumn).data().toString()
                      + u" ("_s
                      + model.index(row, SearchResultsModel::FoundColumn).data().toString() + u')');
    }
    return result;
}

} // namespace

// A search over every folder of every account: where each match lives, who found it, and the
// rows following their messages.
class TestSearchResultsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_work = std::make_unique<Cache>(m_dir->filePath(u"w.sqlite"_s));
        m_home = std::make_unique<Cache>(m_dir->filePath(u"h.sqlite"_s));
        QVERIFY(!m_work->store.upsertMessages(m_work->inboxId, {message(1, 10, u"Budget review"_s),
                                                                message(2, 30, u"Lunch"_s)}));
        QVERIFY(!m_work->store.upsertMessages(m_work->otherId,
                                              {message(7, 50, u"Budget for Heron"_s)}));
        QVERIFY(!m_home->store.upsertMessages(m_home->inboxId, {message(1, 20, u"Holiday budget"_s),
                                                                message(2, 40, u"Photos"_s)}));
        m_model = std::make_unique<SearchResultsModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
                m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->addAccount(u"work"_s, u"Work"_s, &m_work->store);
        m_model->addAccount(u"home"_s, u"Home"_s, &m_home->store);
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_work.reset();
        m_home.reset();
        m_dir.reset();
    }

    void searchesEveryFolderOfEveryAccount()
    {
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(search(u"budget"_s));
        QCOMPARE(rows(*m_model),
                 QStringList({u"work:7@Work › Projects/Heron (Here)"_s,
                              u"home:1@Home › Inbox (Here)"_s, u"work:1@Work › Inbox (Here)"_s}));
        // The columns and roles of a message list, for the viewer and the actions.
        const QModelIndex first = m_model->index(0, MessageListModel::SubjectColumn);
        QCOMPARE(first.data().toString(), u"Budget for Heron"_s);
        QCOMPARE(first.data(MessageListModel::FolderIdRole).toLongLong(), m_work->otherId);
        QCOMPARE(first.data(MessageListModel::IsUnreadRole).toBool(), true);
        QCOMPARE(m_model->headerData(SearchResultsModel::LocationColumn, Qt::Horizontal).toString(),
                 u"Folder"_s);
        QVERIFY(search(u"from:sender is:unread photos"_s));
        QCOMPARE(rows(*m_model), QStringList({u"home:2@Home › Inbox (Here)"_s}));
        QVERIFY(search(u"nothing-like-this"_s));
        QCOMPARE(m_model->rowCount(), 0);
        m_model->setSearchText(QString());
        QCOMPARE(m_model->rowCount(), 0);
    }

    void limitsRowsPerAccount()
    {
        m_model->setLimit(1);
        QVERIFY(search(u"budget"_s));
        QCOMPARE(rows(*m_model), QStringList({u"work:7@Work › Projects/Heron (Here)"_s,
                                              u"home:1@Home › Inbox (Here)"_s}));
    }

    void serverMatchesJoinInDateOrder()
    {
        QVERIFY(search(u"budget"_s));
        // The server found a match the cache did not (its body is not here) and one it did.
        m_model->addServerMatches(u"work"_s, m_work->inboxId, {2, 1});
        QCOMPARE(rows(*m_model),
                 QStringList({u"work:7@Work › Projects/Heron (Here)"_s,
                              u"work:2@Work › Inbox (Server)"_s, u"home:1@Home › Inbox (Here)"_s,
                              u"work:1@Work › Inbox (Here and on the server)"_s}));
        QCOMPARE(m_model->index(1, 0).data(SearchResultsModel::FoundRole).toInt(),
                 int(SearchResultsModel::FoundOnServer));
        // A UID the cache does not know is left out; another account's name is not mixed up.
        m_model->addServerMatches(u"work"_s, m_work->inboxId, {99});
        m_model->addServerMatches(u"nobody"_s, m_work->inboxId, {1});
        QCOMPARE(m_model->rowCount(), 4);
        // A new search starts over.
        QVERIFY(search(u"holiday"_s));
        QCOMPARE(rows(*m_model), QStringList({u"home:1@Home › Inbox (Here)"_s}));
    }

    void serverMatchesRespectAttachmentFilter()
    {
        MessageRecord withFile = message(3, 60, u"Scan"_s);
        withFile.hasAttachments = true;
        QVERIFY(!m_work->store.upsertMessages(m_work->inboxId, {withFile}));
        QVERIFY(search(u"invoice has:attachment"_s));
        QCOMPARE(m_model->rowCount(), 0);
        m_model->addServerMatches(u"work"_s, m_work->inboxId, {2, 3});
        QCOMPARE(rows(*m_model), QStringList({u"work:3@Work › Inbox (Server)"_s}));
    }

    void rowsFollowTheirMessages()
    {
        QVERIFY(search(u"budget"_s));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(!m_home->store.changeFlags(m_home->inboxId, {1}, MessageRecord::Seen, {}));
        QVERIFY(!changed.isEmpty());
        QCOMPARE(m_model->index(1, 0).data(MessageListModel::IsUnreadRole).toBool(), false);
        QVERIFY(!m_work->store.removeMessages(m_work->otherId, {7}));
        QCOMPARE(rows(*m_model),
                 QStringList({u"home:1@Home › Inbox (Here)"_s, u"work:1@Work › Inbox (Here)"_s}));
        // A change of messages not among the results leaves the rows alone; one that names
        // several reaches those among them.
        changed.clear();
        QVERIFY(!m_work->store.changeFlags(m_work->inboxId, {2}, MessageRecord::Seen, {}));
        QVERIFY(!m_work->store.removeMessages(m_work->otherId, {7}));
        QVERIFY(changed.isEmpty());
        QVERIFY(!m_work->store.changeFlags(m_work->inboxId, {2, 1}, MessageRecord::Seen, {}));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        QCOMPARE(m_model->index(1, 0).data(MessageListModel::IsUnreadRole).toBool(), false);
        QVERIFY(!m_work->store.removeMessages(m_work->inboxId, {2}));
        QCOMPARE(m_model->rowCount(), 2);
        m_model->removeAccount(u"home"_s);
        QCOMPARE(rows(*m_model), QStringList({u"work:1@Work › Inbox (Here)"_s}));
    }

    void manyChangedRowsAreReadInTurns()
    {
        QList<MessageRecord> reports;
        for (quint32 uid = 100; uid < 350; ++uid)
            reports.append(message(uid, int(uid), u"Report %1"_s.arg(uid)));
        // As a whole folder's change names them: ascending, many more than the rows.
        QList<quint32> uids;
        for (quint32 uid = 1; uid <= 1200; ++uid)
            uids.append(uid);
        QVERIFY(!m_work->store.upsertMessages(m_work->inboxId, reports));
        QVERIFY(search(u"report"_s));
        QCOMPARE(m_model->rowCount(), 250);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        // Select All, Mark as Read: 25 rows at once, the rest in the next turns.
        QVERIFY(!m_work->store.changeFlags(m_work->inboxId, uids, MessageRecord::Seen, {}));
        QCOMPARE(changed.size(), 25);
        QTRY_COMPARE(changed.size(), 250);
        for (int row = 0; row < m_model->rowCount(); ++row)
            QVERIFY(!m_model->index(row, 0).data(MessageListModel::IsUnreadRole).toBool());
    }

    void searchingState()
    {
        QSignalSpy spy(m_model.get(), &SearchResultsModel::serverSearchingChanged);
        m_model->setServerSearching(true);
        m_model->setServerSearching(true);
        m_model->setServerSearching(false);
        QCOMPARE(spy.size(), 2);
        QCOMPARE(m_model->isServerSearching(), false);
    }

    // Typing: each keystroke starts a search over both caches, and a newer one drops what an
    // older one still finds. Whenever the list changes, it holds only rows of the last text.
    void newestSearchWins()
    {
        QStringList shown;
        const auto record = [&] {
            shown += rows(*m_model);
        };
        connect(m_model.get(), &QAbstractItemModel::modelReset, this, record);
        connect(m_model.get(), &QAbstractItemModel::rowsInserted, this, record);
        for (const QString &typed : {u"b"_s, u"bu"_s, u"bud"_s, u"budg"_s, u"budget"_s})
            m_model->setSearchText(typed);
        m_model->setSearchText(u"photos"_s);
        QVERIFY(m_model->isSearching());
        QSignalSpy finished(m_model.get(), &SearchResultsModel::searchFinished);
        QVERIFY(finished.wait());
        QCOMPARE(finished.size(), 1);
        QVERIFY(!m_model->isSearching());
        QCOMPARE(rows(*m_model), QStringList({u"home:2@Home › Inbox (Here)"_s}));
        shown.removeDuplicates();
        QCOMPARE(shown, QStringList({u"home:2@Home › Inbox (Here)"_s}));
    }

    // A server may answer before a cache does: its matches stay when the cache's rows join.
    void serverMatchesBeforeTheCacheAnswers()
    {
        m_model->setSearchText(u"budget"_s);
        QVERIFY(m_model->isSearching());
        m_model->addServerMatches(u"work"_s, m_work->inboxId, {2, 1});
        QTRY_VERIFY(!m_model->isSearching());
        QCOMPARE(rows(*m_model),
                 QStringList({u"work:7@Work › Projects/Heron (Here)"_s,
                              u"work:2@Work › Inbox (Server)"_s, u"home:1@Home › Inbox (Here)"_s,
                              u"work:1@Work › Inbox (Here and on the server)"_s}));
    }

    // An account removed while its cache is searched: its answer never joins.
    void removedAccountsAnswerIsDropped()
    {
        m_model->setSearchText(u"budget"_s);
        m_model->removeAccount(u"work"_s);
        QTRY_VERIFY(!m_model->isSearching());
        QTest::qWait(50);
        QCOMPARE(rows(*m_model), QStringList({u"home:1@Home › Inbox (Here)"_s}));
    }

private:
    // Searches and waits for every cache's answer.
    [[nodiscard]] bool search(const QString &text)
    {
        m_model->setSearchText(text);
        return QTest::qWaitFor([this] { return !m_model->isSearching(); }, 10000);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Cache> m_work;
    std::unique_ptr<Cache> m_home;
    std::unique_ptr<SearchResultsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestSearchResultsModel)
#include "tst_searchresultsmodel.moc"
