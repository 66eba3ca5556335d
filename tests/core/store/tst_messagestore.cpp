#include "store/messagestore.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

MessageRecord makeMessage(quint32 uid, const QString &subject, const QString &fromName,
                          const QString &fromAddress, qint64 dateSecs,
                          MessageRecord::Flags flags = {})
{
    MessageRecord m;
    m.uid = uid;
    m.modSeq = 100 + uid;
    m.flags = flags;
    m.subject = subject;
    m.fromName = fromName;
    m.fromAddress = fromAddress;
    m.to = QStringLiteral("Team <team@example.org>");
    m.sentDate = QDateTime::fromSecsSinceEpoch(dateSecs, Qt::UTC);
    m.internalDate = m.sentDate.addSecs(30);
    m.size = 1000 + uid;
    m.messageId = "<" + QByteArray::number(uid) + "@example.org>";
    return m;
}

} // namespace

class TestMessageStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void twoStoresHaveTheirOwnConnections();
    void closedStoreReportsErrors();

    void foldersKeepStateAcrossListUpdates();
    void batchUpsertAddsThenUpdates();
    void failedBatchWritesNothing();
    void recordRoundTrip();
    void updateFlags_data();
    void updateFlags();
    void changeFlagsAddsAndRemoves();
    void expungeRemovesMessagesPartsAndFiles();
    void uidValidityResetClearsFolder();
    void removeFolderDropsItsMessages();

    void search_data();
    void search();
    void windowsFollowSortOrder_data();
    void windowsFollowSortOrder();
    void subjectSortIgnoresReplyPrefixes();
    void filteredCountAndPositions();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("account.sqlite")); }
    qint64 addFolder(const QString &path);
    void fillSample();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    qint64 m_inbox = 0;
};

void TestMessageStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<MessageStore>();
    const MailError error = m_store->open(dbPath());
    QVERIFY2(!error, qPrintable(error.toString()));
    m_inbox = addFolder(QStringLiteral("INBOX"));
}

void TestMessageStore::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

qint64 TestMessageStore::addFolder(const QString &path)
{
    FolderRecord folder;
    folder.path = path;
    folder.delimiter = QLatin1Char('/');
    const StoreResult<qint64> id = m_store->upsertFolder(folder);
    if (!id)
        qWarning() << id.error().toString();
    return id.value();
}

void TestMessageStore::fillSample()
{
    const QList<MessageRecord> messages = {
            makeMessage(1, QStringLiteral("Quarterly report"), QStringLiteral("Alice Martin"),
                        QStringLiteral("alice@example.org"), 1'700'000'000, MessageRecord::Seen),
            makeMessage(2, QStringLiteral("Re: Lunch on Friday"), QStringLiteral("bob"),
                        QStringLiteral("bob@example.net"), 1'700'000'500),
            makeMessage(3, QStringLiteral("Café menu"), QString(), QStringLiteral("chef@bistro.fr"),
                        1'699'000'000),
            makeMessage(4, QStringLiteral("budget \"final\" numbers"), QStringLiteral("Zoë Adams"),
                        QStringLiteral("zoe@example.org"), 1'700'100'000, MessageRecord::Flagged),
            makeMessage(5, QStringLiteral("Fwd: quarterly figures"), QStringLiteral("Alice Martin"),
                        QStringLiteral("alice@example.org"), 1'700'000'000),
    };
    QVERIFY(!m_store->upsertMessages(m_inbox, messages));
}

void TestMessageStore::twoStoresHaveTheirOwnConnections()
{
    MessageStore other;
    QVERIFY(!other.open(m_dir->filePath(QStringLiteral("other.sqlite"))));
    QVERIFY(other.connectionName() != m_store->connectionName());
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(7, QStringLiteral("x"), {}, {}, 1)}));
    QCOMPARE(m_store->messageCount(m_inbox).value(), 1);
    QVERIFY(!other.folderByPath(QStringLiteral("INBOX")));
}

void TestMessageStore::closedStoreReportsErrors()
{
    m_store->close();
    QCOMPARE(m_store->upsertMessages(m_inbox, {makeMessage(1, {}, {}, {}, 1)}).kind(),
             MailError::Kind::Storage);
    QCOMPARE(m_store->uids(m_inbox).error().kind(), MailError::Kind::Storage);
    QCOMPARE(m_store->folders().error().kind(), MailError::Kind::Storage);
}

void TestMessageStore::foldersKeepStateAcrossListUpdates()
{
    QSignalSpy changed(m_store.get(), &MessageStore::foldersChanged);
    FolderRecord sent;
    sent.path = QStringLiteral("Archive/Sent 2024");
    sent.delimiter = QLatin1Char('/');
    sent.specialUse = FolderRecord::SpecialUse::Sent;
    sent.attributes = {QStringLiteral("\\HasNoChildren")};
    const qint64 id = m_store->upsertFolder(sent).value();
    QVERIFY(id > 0 && id != m_inbox);

    FolderRecord state = m_store->folder(id).value();
    state.uidValidity = 77;
    state.uidNext = 1234;
    state.highestModSeq = 9'000'000'000ULL;
    state.exists = 1000;
    state.unseen = 3;
    QVERIFY(!m_store->updateFolderState(state));

    sent.subscribed = true; // a later LIST
    QCOMPARE(m_store->upsertFolder(sent).value(), id);
    const FolderRecord stored = m_store->folderByPath(sent.path).value();
    QCOMPARE(stored.id, id);
    QCOMPARE(stored.delimiter, QLatin1Char('/'));
    QCOMPARE(stored.specialUse, FolderRecord::SpecialUse::Sent);
    QCOMPARE(stored.attributes, QStringList {QStringLiteral("\\HasNoChildren")});
    QVERIFY(stored.subscribed);
    QCOMPARE(stored.uidValidity, 77u);
    QCOMPARE(stored.uidNext, 1234u);
    QCOMPARE(stored.highestModSeq, 9'000'000'000ULL);
    QCOMPARE(stored.exists, 1000u);
    QCOMPARE(stored.unseen, 3u);
    QCOMPARE(changed.count(), 3);
    QCOMPARE(m_store->folders().value().size(), 2);

    FolderRecord missing;
    missing.id = 9999;
    QCOMPARE(m_store->updateFolderState(missing).kind(), MailError::Kind::Storage);
}

void TestMessageStore::batchUpsertAddsThenUpdates()
{
    QSignalSpy added(m_store.get(), &MessageStore::messagesAdded);
    QSignalSpy changed(m_store.get(), &MessageStore::messagesChanged);
    QList<MessageRecord> batch;
    for (quint32 uid = 1; uid <= 2000; ++uid)
        batch.append(makeMessage(uid, QStringLiteral("Message %1").arg(uid), {}, {}, uid));
    QVERIFY(!m_store->upsertMessages(m_inbox, batch));
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).toLongLong(), m_inbox);
    QCOMPARE(added.at(0).at(1).value<QList<quint32>>().size(), 2000);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(m_store->messageCount(m_inbox).value(), 2000);
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 2000);

    // Two known, one new: the known ones are updated in place.
    QList<MessageRecord> again = {batch.at(9), batch.at(19),
                                  makeMessage(5000, QStringLiteral("new"), {}, {}, 5)};
    again[0].subject = QStringLiteral("Renamed ten");
    again[1].flags = MessageRecord::Seen;
    QVERIFY(!m_store->upsertMessages(m_inbox, again));
    QCOMPARE(added.count(), 2);
    QCOMPARE(added.at(1).at(1).value<QList<quint32>>(), QList<quint32>({5000}));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(1).value<QList<quint32>>(), QList<quint32>({10, 20}));
    QCOMPARE(m_store->messageCount(m_inbox).value(), 2001);
    QCOMPARE(m_store->message(m_inbox, 10).value().subject, QStringLiteral("Renamed ten"));
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("renamed")).value(), QList<quint32>({10}));
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 2000);
    QCOMPARE(m_store->highestModSeq(m_inbox).value(), quint64(5100));
}

void TestMessageStore::failedBatchWritesNothing()
{
    QList<MessageRecord> batch;
    for (quint32 uid = 1; uid <= 1000; ++uid)
        batch.append(makeMessage(uid, QStringLiteral("Message %1").arg(uid), {}, {}, uid));
    {
        // Another connection makes the 500th insert of the batch fail.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("saboteur"));
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("CREATE TRIGGER refuse_500 BEFORE INSERT ON messages"
                                          " WHEN new.uid = 500 BEGIN"
                                          " SELECT RAISE(ABORT, 'refused'); END")));
        query = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("saboteur"));

    QSignalSpy added(m_store.get(), &MessageStore::messagesAdded);
    const MailError error = m_store->upsertMessages(m_inbox, batch);
    QCOMPARE(error.kind(), MailError::Kind::Storage);
    QVERIFY2(error.serverText().contains(QLatin1String("refused")), qPrintable(error.toString()));
    QCOMPARE(added.count(), 0);
    // The 499 rows before the failure were rolled back with it.
    QCOMPARE(m_store->messageCount(m_inbox).value(), 0);
    QVERIFY(m_store->search(m_inbox, QStringLiteral("message")).value().isEmpty());

    // The store stays usable: the next batch without the refused UID goes through.
    batch.removeAt(499);
    QVERIFY(!m_store->upsertMessages(m_inbox, batch));
    QCOMPARE(m_store->messageCount(m_inbox).value(), 999);
}

void TestMessageStore::recordRoundTrip()
{
    MessageRecord m = makeMessage(9, QStringLiteral("Ünïcode ✓ subject"), QStringLiteral("Ana"),
                                  QStringLiteral("ana@example.org"), 1'600'000'000,
                                  MessageRecord::Answered | MessageRecord::Draft);
    m.keywords = QStringLiteral("$Forwarded $Label1");
    m.cc = QStringLiteral("x@example.org, y@example.org");
    m.inReplyTo = "<parent@example.org>";
    m.references = "<root@example.org> <parent@example.org>";
    m.hasAttachments = true;
    // Opaque bytes, a NUL included.
    static const char structure[] = "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 12 1)\0bin";
    m.bodyStructure = QByteArray(structure, sizeof(structure) - 1);
    QVERIFY(m.bodyStructure.contains('\0'));
    QVERIFY(!m_store->upsertMessages(m_inbox, {m}));

    const MessageRecord r = m_store->message(m_inbox, 9).value();
    QCOMPARE(r.folderId, m_inbox);
    QCOMPARE(r.uid, 9u);
    QCOMPARE(r.modSeq, m.modSeq);
    QCOMPARE(r.flags, m.flags);
    QCOMPARE(r.keywords, m.keywords);
    QCOMPARE(r.internalDate, m.internalDate);
    QCOMPARE(r.sentDate, m.sentDate);
    QCOMPARE(r.size, m.size);
    QCOMPARE(r.subject, m.subject);
    QCOMPARE(r.fromName, m.fromName);
    QCOMPARE(r.fromAddress, m.fromAddress);
    QCOMPARE(r.to, m.to);
    QCOMPARE(r.cc, m.cc);
    QCOMPARE(r.messageId, m.messageId);
    QCOMPARE(r.inReplyTo, m.inReplyTo);
    QCOMPARE(r.references, m.references);
    QCOMPARE(r.hasAttachments, true);
    QCOMPARE(r.bodyStructure, m.bodyStructure);
    QVERIFY(!m_store->message(m_inbox, 10));

    // Written again without a structure, the row keeps the one it has; with one, it changes.
    MessageRecord again = m;
    again.bodyStructure.clear();
    again.subject = QStringLiteral("Changed");
    QVERIFY(!m_store->upsertMessages(m_inbox, {again}));
    QCOMPARE(m_store->message(m_inbox, 9).value().subject, QStringLiteral("Changed"));
    QCOMPARE(m_store->message(m_inbox, 9).value().bodyStructure, m.bodyStructure);
    again.bodyStructure = "(\"TEXT\" \"HTML\" NIL NIL NIL \"7BIT\" 1 1)";
    QVERIFY(!m_store->upsertMessages(m_inbox, {again}));
    QCOMPARE(m_store->message(m_inbox, 9).value().bodyStructure, again.bodyStructure);
}

void TestMessageStore::updateFlags_data()
{
    QTest::addColumn<int>("initial");
    QTest::addColumn<int>("updated");
    QTest::addColumn<quint64>("modSeq");
    QTest::addColumn<quint64>("expectedModSeq");
    QTest::addColumn<int>("expectedUnseen");

    const int seen = MessageRecord::Seen;
    const int flagged = MessageRecord::Flagged;
    // makeMessage gives uid 1 the modseq 101.
    QTest::newRow("read on server") << 0 << seen << quint64(500) << quint64(500) << 0;
    QTest::newRow("unread again") << seen << 0 << quint64(600) << quint64(600) << 1;
    QTest::newRow("flag, no modseq") << 0 << flagged << quint64(0) << quint64(101) << 1;
    QTest::newRow("all flags") << 0 << 0x1f << quint64(7) << quint64(7) << 0;
}

void TestMessageStore::updateFlags()
{
    QFETCH(int, initial);
    QFETCH(int, updated);
    QFETCH(quint64, modSeq);
    QFETCH(quint64, expectedModSeq);
    QFETCH(int, expectedUnseen);

    QVERIFY(!m_store->upsertMessages(m_inbox,
                                     {makeMessage(1, QStringLiteral("a"), {}, {}, 1,
                                                  MessageRecord::Flags::fromInt(initial))}));
    QSignalSpy changed(m_store.get(), &MessageStore::messagesChanged);
    FlagUpdate update;
    update.uid = 1;
    update.flags = MessageRecord::Flags::fromInt(updated);
    update.keywords = QStringLiteral("$Important");
    update.modSeq = modSeq;
    FlagUpdate unknown;
    unknown.uid = 99;
    QVERIFY(!m_store->updateFlags(m_inbox, {update, unknown}));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(1).value<QList<quint32>>(), QList<quint32>({1}));
    const MessageRecord r = m_store->message(m_inbox, 1).value();
    QCOMPARE(int(r.flags.toInt()), updated);
    QCOMPARE(r.keywords, QStringLiteral("$Important"));
    QCOMPARE(r.modSeq, expectedModSeq);
    QCOMPARE(m_store->unseenCount(m_inbox).value(), expectedUnseen);
}

void TestMessageStore::changeFlagsAddsAndRemoves()
{
    fillSample();
    QVERIFY(!m_store->changeFlags(m_inbox, {1, 4}, MessageRecord::Answered,
                                  MessageRecord::Seen | MessageRecord::Flagged));
    QCOMPARE(m_store->message(m_inbox, 1).value().flags,
             MessageRecord::Flags(MessageRecord::Answered));
    QCOMPARE(m_store->message(m_inbox, 4).value().flags,
             MessageRecord::Flags(MessageRecord::Answered));
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 5);
    QVERIFY(!m_store->changeFlags(m_inbox, {2, 3}, MessageRecord::Seen, {}));
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 3);
    const QHash<qint64, int> counts = m_store->unseenCounts().value();
    QCOMPARE(counts.value(m_inbox), 3);
    QCOMPARE(counts.size(), 1);
}

void TestMessageStore::expungeRemovesMessagesPartsAndFiles()
{
    fillSample();
    const QString partFile = m_dir->filePath(QStringLiteral("part-2-2"));
    QFile file(partFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("attachment bytes");
    file.close();
    QVERIFY(!m_store->storeBodyPart(m_inbox, 2, "1", "hello"));
    QVERIFY(!m_store->storeBodyPartFile(m_inbox, 2, "2", partFile));
    QVERIFY(!m_store->storeBodyPart(m_inbox, 3, "1", "kept"));
    QCOMPARE(m_store->bodyPart(m_inbox, 2, "2").value().filePath, partFile);

    QList<QList<quint32>> order;
    connect(m_store.get(), &MessageStore::messagesAboutToBeRemoved, this,
            [&](qint64, const QList<quint32> &uids) {
                // Still readable before the delete.
                QCOMPARE(m_store->messageCount(m_inbox).value(), 5);
                order.append(uids);
            });
    connect(m_store.get(), &MessageStore::messagesRemoved, this,
            [&](qint64, const QList<quint32> &uids) {
                QCOMPARE(m_store->messageCount(m_inbox).value(), 3);
                order.append(uids);
            });
    QVERIFY(!m_store->removeMessages(m_inbox, {2, 5, 77}));
    QCOMPARE(order.size(), 2);
    QCOMPARE(order.at(0), QList<quint32>({2, 5, 77}));
    QCOMPARE(order.at(1), QList<quint32>({2, 5}));
    QCOMPARE(m_store->uids(m_inbox).value(), QList<quint32>({1, 3, 4}));
    QVERIFY(!m_store->bodyPart(m_inbox, 2, "1"));
    QVERIFY(!m_store->bodyPart(m_inbox, 2, "2"));
    QVERIFY(!QFile::exists(partFile));
    QCOMPARE(m_store->bodyPart(m_inbox, 3, "1").value().data, QByteArray("kept"));
    QVERIFY(m_store->search(m_inbox, QStringLiteral("lunch")).value().isEmpty());
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("quarterly")).value(), QList<quint32>({1}));
}

void TestMessageStore::uidValidityResetClearsFolder()
{
    fillSample();
    const qint64 other = addFolder(QStringLiteral("Other"));
    QVERIFY(!m_store->upsertMessages(other, {makeMessage(1, QStringLiteral("quarterly other"), {},
                                                         {}, 1)}));
    FolderRecord state = m_store->folder(m_inbox).value();
    state.uidValidity = 1;
    state.uidNext = 6;
    state.highestModSeq = 105;
    QVERIFY(!m_store->updateFolderState(state));
    QVERIFY(!m_store->storeBodyPart(m_inbox, 1, "1", "x"));

    QSignalSpy cleared(m_store.get(), &MessageStore::folderCleared);
    QVERIFY(!m_store->resetFolder(m_inbox, 2));
    QCOMPARE(cleared.count(), 1);
    QCOMPARE(cleared.at(0).at(0).toLongLong(), m_inbox);
    QCOMPARE(m_store->messageCount(m_inbox).value(), 0);
    QVERIFY(m_store->uids(m_inbox).value().isEmpty());
    QVERIFY(!m_store->bodyPart(m_inbox, 1, "1"));
    const FolderRecord reset = m_store->folder(m_inbox).value();
    QCOMPARE(reset.uidValidity, 2u);
    QCOMPARE(reset.uidNext, 0u);
    QCOMPARE(reset.highestModSeq, quint64(0));
    QCOMPARE(m_store->search(other, QStringLiteral("quarterly")).value(), QList<quint32>({1}));
    QVERIFY(m_store->search(m_inbox, QStringLiteral("quarterly")).value().isEmpty());
}

void TestMessageStore::removeFolderDropsItsMessages()
{
    fillSample();
    QVERIFY(!m_store->removeFolder(m_inbox));
    QVERIFY(!m_store->folder(m_inbox));
    QCOMPARE(m_store->messageCount(m_inbox).value(), 0);
    QVERIFY(m_store->folders().value().isEmpty());
}

void TestMessageStore::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<quint32>>("expected");

    QTest::newRow("subject word") << QStringLiteral("lunch") << QList<quint32>({2});
    QTest::newRow("prefix") << QStringLiteral("quart") << QList<quint32>({1, 5});
    QTest::newRow("case") << QStringLiteral("QUARTERLY") << QList<quint32>({1, 5});
    QTest::newRow("two words, both needed")
            << QStringLiteral("quarterly figures") << QList<quint32>({5});
    QTest::newRow("sender name") << QStringLiteral("alice") << QList<quint32>({1, 5});
    QTest::newRow("sender address domain") << QStringLiteral("bistro") << QList<quint32>({3});
    QTest::newRow("recipient") << QStringLiteral("team") << QList<quint32>({1, 2, 3, 4, 5});
    QTest::newRow("diacritics folded") << QStringLiteral("cafe") << QList<quint32>({3});
    QTest::newRow("accented query") << QStringLiteral("Zoë") << QList<quint32>({4});
    QTest::newRow("quotes in input") << QStringLiteral("\"final") << QList<quint32>({4});
    QTest::newRow("fts syntax is literal") << QStringLiteral("budget OR lunch") << QList<quint32>();
    QTest::newRow("no match") << QStringLiteral("nothing") << QList<quint32>();
    QTest::newRow("punctuation only") << QStringLiteral("*** \"") << QList<quint32>();
    QTest::newRow("empty") << QString() << QList<quint32>();
}

void TestMessageStore::search()
{
    QFETCH(QString, text);
    QFETCH(QList<quint32>, expected);
    fillSample();
    const qint64 other = addFolder(QStringLiteral("Other"));
    QVERIFY(!m_store->upsertMessages(other, {makeMessage(1, QStringLiteral("lunch quarterly"),
                                                         QStringLiteral("alice"), {}, 1)}));
    const StoreResult<QList<quint32>> result = m_store->search(m_inbox, text);
    QVERIFY2(result.isOk(), qPrintable(result.error().toString()));
    QCOMPARE(result.value(), expected);
}

void TestMessageStore::windowsFollowSortOrder_data()
{
    QTest::addColumn<MessageQuery::SortKey>("key");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QList<quint32>>("expected");

    using K = MessageQuery::SortKey;
    // Date: the sent date; 1 and 5 share theirs, so the UID decides.
    QTest::newRow("date asc") << K::Date << Qt::AscendingOrder << QList<quint32>({3, 1, 5, 2, 4});
    QTest::newRow("date desc") << K::Date << Qt::DescendingOrder << QList<quint32>({4, 2, 5, 1, 3});
    // Sender: the name, else the address, case folded.
    QTest::newRow("sender asc") << K::Sender << Qt::AscendingOrder
                                << QList<quint32>({1, 5, 2, 3, 4});
    QTest::newRow("size desc") << K::Size << Qt::DescendingOrder << QList<quint32>({5, 4, 3, 2, 1});
    QTest::newRow("subject asc") << K::Subject << Qt::AscendingOrder
                                 << QList<quint32>({4, 3, 2, 5, 1});
}

void TestMessageStore::windowsFollowSortOrder()
{
    QFETCH(MessageQuery::SortKey, key);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QList<quint32>, expected);
    fillSample();

    MessageQuery query;
    query.folderId = m_inbox;
    query.sortKey = key;
    query.order = order;
    QCOMPARE(m_store->countMessages(query).value(), 5);
    QList<quint32> all;
    for (int offset = 0; offset < 5; offset += 2) {
        const QList<MessageRecord> window = m_store->fetchMessages(query, offset, 2).value();
        QCOMPARE(window.size(), qMin(2, 5 - offset));
        for (const MessageRecord &m : window)
            all.append(m.uid);
    }
    QCOMPARE(all, expected);
    // Reading on from a known row gives the same order.
    QList<quint32> walked = {expected.first()};
    for (int guard = 0; guard < 10; ++guard) {
        const QList<MessageRecord> next = m_store->fetchMessagesAfter(query, walked.last(), 2)
                                                  .value();
        if (next.isEmpty())
            break;
        for (const MessageRecord &m : next)
            walked.append(m.uid);
    }
    QCOMPARE(walked, expected);
    for (int row = 0; row < expected.size(); ++row)
        QCOMPARE(m_store->messagePosition(query, expected.at(row)).value(), row);
    QCOMPARE(m_store->messagePosition(query, 1234).value(), -1);
}

void TestMessageStore::subjectSortIgnoresReplyPrefixes()
{
    QVERIFY(!m_store->upsertMessages(m_inbox,
                                     {makeMessage(1, QStringLiteral("RE: Fwd: beta"), {}, {}, 1),
                                      makeMessage(2, QStringLiteral("Alpha"), {}, {}, 2),
                                      makeMessage(3, QStringLiteral("re:  gamma"), {}, {}, 3),
                                      makeMessage(4, QStringLiteral("AW: alpha"), {}, {}, 4)}));
    MessageQuery query;
    query.folderId = m_inbox;
    query.sortKey = MessageQuery::SortKey::Subject;
    query.order = Qt::AscendingOrder;
    QList<quint32> uids;
    for (const MessageRecord &m : m_store->fetchMessages(query, 0, 10).value())
        uids.append(m.uid);
    QCOMPARE(uids, QList<quint32>({2, 4, 1, 3}));
}

void TestMessageStore::filteredCountAndPositions()
{
    QList<MessageRecord> batch;
    for (quint32 uid = 1; uid <= 300; ++uid) {
        batch.append(makeMessage(uid,
                                 uid % 3 == 0 ? QStringLiteral("invoice %1").arg(uid)
                                              : QStringLiteral("note %1").arg(uid),
                                 {}, {}, 1'000'000 - uid));
    }
    QVERIFY(!m_store->upsertMessages(m_inbox, batch));
    MessageQuery query;
    query.folderId = m_inbox;
    query.sortKey = MessageQuery::SortKey::Date;
    query.order = Qt::AscendingOrder; // dates fall as UIDs grow: UID 300 first
    query.searchText = QStringLiteral("invoice");
    QCOMPARE(m_store->countMessages(query).value(), 100);
    const QList<MessageRecord> window = m_store->fetchMessages(query, 10, 5).value();
    QCOMPARE(window.size(), 5);
    QCOMPARE(window.first().uid, 270u);
    QCOMPARE(m_store->messagePosition(query, 270).value(), 10);
    QList<quint32> after;
    for (const MessageRecord &m : m_store->fetchMessagesAfter(query, 270, 3).value())
        after.append(m.uid);
    QCOMPARE(after, QList<quint32>({267, 264, 261}));
    QCOMPARE(m_store->messagePosition(query, 271).value(), -1);

    QList<quint32> wanted;
    for (quint32 uid = 3; uid <= 300; uid += 9)
        wanted.append(uid);
    wanted.append(1);
    const QHash<quint32, int> positions = m_store->messagePositions(query, wanted).value();
    QCOMPARE(positions.size(), wanted.size() - 1);
    for (quint32 uid : wanted) {
        if (uid % 3 == 0)
            QCOMPARE(positions.value(uid, -2), int(300 - uid) / 3);
    }
}

QTEST_GUILESS_MAIN(TestMessageStore)
#include "tst_messagestore.moc"
