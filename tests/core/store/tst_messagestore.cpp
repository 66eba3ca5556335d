#include "storesample.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

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
    void findsMessagesByMessageId();
    void renameFolderKeepsMessagesAndMovesChildren();
    void renameFolderOntoTakenPathChangesNothing();
    void subscriptionChanges();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("account.sqlite")); }

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
    m_inbox = addTestFolder(m_store.get(), QStringLiteral("INBOX"));
}

void TestMessageStore::cleanup()
{
    m_store.reset();
    m_dir.reset();
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
    QVERIFY(!m_store->upsertMessages(m_inbox, sampleMessages()));
    QVERIFY(!m_store->changeFlags(m_inbox, {1, 4}, MessageRecord::Answered,
                                  MessageRecord::Seen | MessageRecord::Flagged));
    QCOMPARE(m_store->message(m_inbox, 1).value().flags,
             MessageRecord::Flags(MessageRecord::Answered));
    QCOMPARE(m_store->message(m_inbox, 4).value().flags,
             MessageRecord::Flags(MessageRecord::Answered));
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 5);
    QVERIFY(!m_store->changeFlags(m_inbox, {2, 3}, MessageRecord::Seen, {}));
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 3);
}

void TestMessageStore::expungeRemovesMessagesPartsAndFiles()
{
    QVERIFY(!m_store->upsertMessages(m_inbox, sampleMessages()));
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
    QVERIFY(!m_store->upsertMessages(m_inbox, sampleMessages()));
    const qint64 other = addTestFolder(m_store.get(), QStringLiteral("Other"));
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
    QVERIFY(!m_store->upsertMessages(m_inbox, sampleMessages()));
    QVERIFY(!m_store->removeFolder(m_inbox));
    QVERIFY(!m_store->folder(m_inbox));
    QCOMPARE(m_store->messageCount(m_inbox).value(), 0);
    QVERIFY(m_store->folders().value().isEmpty());
}

void TestMessageStore::findsMessagesByMessageId()
{
    const qint64 archive = addTestFolder(m_store.get(), QStringLiteral("Archive"));
    QVERIFY(!m_store->upsertMessages(m_inbox, sampleMessages()));
    // The same message filed twice: UID 40 of Archive has the Message-ID of UID 2 of INBOX.
    MessageRecord copy = makeMessage(40, QStringLiteral("Re: Lunch on Friday"), {}, {}, 1);
    copy.messageId = "<2@example.org>";
    QVERIFY(!m_store->upsertMessages(archive, {copy, makeMessage(41, {}, {}, {}, 1)}));

    using Found = QList<std::pair<qint64, quint32>>;
    auto found = m_store->findByMessageId("<2@example.org>");
    QVERIFY(found);
    Found places = found.value();
    std::sort(places.begin(), places.end());
    QCOMPARE(places, (Found {{m_inbox, 2}, {archive, 40}}));
    QCOMPARE(m_store->findByMessageId("<41@example.org>").value(), (Found {{archive, 41}}));
    QVERIFY(m_store->findByMessageId("<nowhere@example.org>").value().isEmpty());
    QVERIFY(m_store->findByMessageId({}).value().isEmpty());
    QVERIFY(!m_store->removeFolder(archive));
    QCOMPARE(m_store->findByMessageId("<2@example.org>").value(), (Found {{m_inbox, 2}}));
}

void TestMessageStore::renameFolderKeepsMessagesAndMovesChildren()
{
    auto add = [this](const QString &path) {
        FolderRecord folder;
        folder.path = path;
        folder.delimiter = QLatin1Char('/');
        return m_store->upsertFolder(folder).value();
    };
    const qint64 parent = add(QStringLiteral("Projects"));
    const qint64 child = add(QStringLiteral("Projects/Plans"));
    const qint64 grandchild = add(QStringLiteral("Projects/Plans/2027"));
    const qint64 lookalike = add(QStringLiteral("Projects 2")); // not below Projects
    QVERIFY(!m_store->upsertMessages(child, sampleMessages()));
    const int cached = m_store->messageCount(child).value();
    QVERIFY(cached > 0);
    QSignalSpy changed(m_store.get(), &MessageStore::foldersChanged);

    QVERIFY(!m_store->renameFolder(parent, QStringLiteral("Work")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_store->folder(parent).value().path, QStringLiteral("Work"));
    QCOMPARE(m_store->folder(child).value().path, QStringLiteral("Work/Plans"));
    QCOMPARE(m_store->folder(grandchild).value().path, QStringLiteral("Work/Plans/2027"));
    QCOMPARE(m_store->folder(lookalike).value().path, QStringLiteral("Projects 2"));
    QCOMPARE(m_store->messageCount(child).value(), cached);
    QCOMPARE(m_store->folderByPath(QStringLiteral("Work/Plans")).value().id, child);
}

void TestMessageStore::renameFolderOntoTakenPathChangesNothing()
{
    FolderRecord folder;
    folder.path = QStringLiteral("A");
    folder.delimiter = QLatin1Char('/');
    const qint64 a = m_store->upsertFolder(folder).value();
    folder.path = QStringLiteral("A/x");
    const qint64 ax = m_store->upsertFolder(folder).value();
    folder.path = QStringLiteral("B/x");
    m_store->upsertFolder(folder).value();
    // A/x would become B/x, which is taken: neither A nor A/x moves.
    QVERIFY(m_store->renameFolder(a, QStringLiteral("B")));
    QCOMPARE(m_store->folder(a).value().path, QStringLiteral("A"));
    QCOMPARE(m_store->folder(ax).value().path, QStringLiteral("A/x"));
}

void TestMessageStore::subscriptionChanges()
{
    QVERIFY(!m_store->folder(m_inbox).value().subscribed);
    QVERIFY(!m_store->setFolderSubscribed(m_inbox, true));
    QVERIFY(m_store->folder(m_inbox).value().subscribed);
    QVERIFY(!m_store->setFolderSubscribed(m_inbox, false));
    QVERIFY(!m_store->folder(m_inbox).value().subscribed);
}

QTEST_GUILESS_MAIN(TestMessageStore)
#include "tst_messagestore.moc"
