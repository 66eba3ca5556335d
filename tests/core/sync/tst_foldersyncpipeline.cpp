// FolderSync's metadata pipeline against a scripted server: how many batches are on the wire,
// and that the next ones go out before the rows of those answered are written.
#include "imap/imapconnection.h"
#include "store/messagestore.h"
#include "sync/foldersync.h"

#include "faketransport.h"
#include "imaptestsession.h"
#include "scriptedserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ImapTestSession;

namespace {

const QByteArray items = " (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE "
                         "BODY.PEEK[HEADER.FIELDS (REFERENCES)])";

QByteArray fetchCommand(int tag, int uid)
{
    return "C: h" + QByteArray::number(tag) + " UID FETCH " + QByteArray::number(uid) + items;
}

QByteArray metadata(int uid)
{
    const QByteArray n = QByteArray::number(uid);
    return "S: * " + n + " FETCH (UID " + n
           + " FLAGS () INTERNALDATE \"01-Jan-2026 10:00:00 +0000\" RFC822.SIZE 100 "
             "ENVELOPE (NIL \"Message "
           + n
           + "\" NIL NIL NIL NIL NIL NIL NIL NIL) "
             "BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1) "
             "BODY[HEADER.FIELDS (REFERENCES)] \"\")";
}

// Metadata whose parts are given: the ENVELOPE's subject, the BODYSTRUCTURE, the References
// header section, each as the server writes it (quoted, or a literal).
QByteArray metadata(int uid, const QByteArray &subject, const QByteArray &bodyStructure,
                    const QByteArray &references)
{
    const QByteArray n = QByteArray::number(uid);
    return "S: * " + n + " FETCH (UID " + n
           + " FLAGS (\\Flagged) INTERNALDATE \"01-Jan-2026 10:00:00 +0000\" RFC822.SIZE 100 "
             "ENVELOPE (NIL "
           + subject + " NIL NIL NIL NIL NIL NIL NIL NIL) BODYSTRUCTURE " + bodyStructure
           + " BODY[HEADER.FIELDS (REFERENCES)] " + references + ")";
}

const QByteArray itemsWithoutSize = " (UID FLAGS INTERNALDATE ENVELOPE BODYSTRUCTURE "
                                    "BODY.PEEK[HEADER.FIELDS (REFERENCES)])";

// metadata() without RFC822.SIZE, for message sequence number seq.
QByteArray metadataWithoutSize(int seq, int uid)
{
    const QByteArray n = QByteArray::number(uid);
    return "S: * " + QByteArray::number(seq) + " FETCH (UID " + n
           + " FLAGS () INTERNALDATE \"01-Jan-2026 10:00:00 +0000\" ENVELOPE (NIL \"Message " + n
           + "\" NIL NIL NIL NIL NIL NIL NIL NIL) "
             "BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1) "
             "BODY[HEADER.FIELDS (REFERENCES)] \"\")";
}

QByteArray literal(const QByteArray &text)
{
    return '{' + QByteArray::number(text.size()) + "}\r\n" + text;
}

QList<QByteArray> answer(int tag, int uid)
{
    return {metadata(uid), "S: h" + QByteArray::number(tag) + " OK done"};
}

// SELECT INBOX (UIDVALIDITY 7) as the second command.
QList<QByteArray> select(int exists, int uidNext)
{
    return {"C: h2 SELECT INBOX", "S: * " + QByteArray::number(exists) + " EXISTS",
            "S: * OK [UIDVALIDITY 7] ok",
            "S: * OK [UIDNEXT " + QByteArray::number(uidNext) + "] ok",
            "S: h2 OK [READ-WRITE] done"};
}

QList<QByteArray> selectAndSearch(const QByteArray &uids)
{
    const QList<QByteArray> all = uids.split(' ');
    return select(int(all.size()), all.last().toInt() + 1)
           + QList<QByteArray>({"C: h3 UID SEARCH ALL", "S: * SEARCH " + uids, "S: h3 OK done"});
}

// A connection to a scripted server, ready, and a store holding an empty INBOX.
struct Session
{
    explicit Session(const QList<QByteArray> &script)
        : server(&transport, script)
        , connection(&transport)
    { }

    bool open()
    {
        QSignalSpy ready(&connection, &ImapConnection::ready);
        connection.open(settings());
        if (!ready.wait(5000) || store.open(dir.filePath(QStringLiteral("cache.sqlite"))))
            return false;
        FolderRecord inbox;
        inbox.path = QStringLiteral("INBOX");
        folderId = store.upsertFolder(inbox).value();
        return true;
    }

    // Runs the synchronisation to its end: its error, or a timeout.
    MailError sync(FolderSync *sync)
    {
        QSignalSpy finished(sync, &FolderSync::finished);
        sync->start();
        if (!finished.wait(5000))
            return MailError(MailError::Kind::Network, QStringLiteral("no end"));
        return finished.first().first().value<MailError>();
    }

    FakeTransport transport;
    ScriptedServer server;
    ImapConnection connection;
    QTemporaryDir dir;
    MessageStore store;
    qint64 folderId = 0;
};

} // namespace

class TestFolderSyncPipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nextBatchesGoOutBeforeRowsAreWritten()
    {
        // Six messages, one per batch, two batches on the wire at once. The server answers
        // both of the first two in one go: the client must ask for the next two before it
        // writes a row, so the server is never left idle while the client catches up.
        QList<QByteArray> script = prologue("UIDPLUS");
        script += selectAndSearch("1 2 3 4 5 6");
        script += {fetchCommand(4, 6), fetchCommand(5, 5)};
        script += answer(4, 6) + answer(5, 5);
        script += {fetchCommand(6, 4), fetchCommand(7, 3)};
        script += answer(6, 4) + answer(7, 3);
        script += {fetchCommand(8, 2), fetchCommand(9, 1)};
        script += answer(8, 2) + answer(9, 1);

        Session session(script);
        QVERIFY(session.open());
        QList<int> commandsWhenStored;
        connect(&session.store, &MessageStore::messagesAdded, this, [&] {
            commandsWhenStored.append(int(session.transport.written().count(" UID FETCH ")));
        });
        FolderSync sync(&session.connection, &session.store, session.folderId);
        sync.setBatchSizes(1, 1);
        sync.setPipelineDepth(2);
        const MailError error = session.sync(&sync);
        QVERIFY2(!error, qPrintable(error.toString()));
        QVERIFY2(session.server.isComplete(), qPrintable(session.server.status()));
        QCOMPARE(session.store.messageCount(session.folderId).value(), 6);
        // Newest first, written at once as the first rows; by then batches 3 and 4 were asked
        // for. Never more than two commands on the wire: the script fails on any other order.
        QVERIFY(!commandsWhenStored.isEmpty());
        QCOMPARE(commandsWhenStored.first(), 4);
        QCOMPARE(session.store.message(session.folderId, 6).value().subject,
                 QStringLiteral("Message 6"));
    }

    void largeFolderShowsItsNewestBeforeItsUidList()
    {
        // A large folder seen for the first time: its newest messages by sequence number,
        // without RFC822.SIZE and alone on the wire, before the UID list and the sizes, which a
        // server may take long to make (a server that reads the next command before it sends
        // what it wrote would hold the answer back behind them).
        QList<QByteArray> script = prologue("UIDPLUS");
        script += select(3, 31);
        script += {"C: h3 FETCH 3" + itemsWithoutSize,
                   metadataWithoutSize(3, 30),
                   "S: h3 OK done",
                   "C: h4 UID SEARCH ALL",
                   "C: h5 UID FETCH 30 (UID RFC822.SIZE)",
                   "S: * SEARCH 10 20 30",
                   "S: h4 OK done",
                   "S: * 3 FETCH (UID 30 RFC822.SIZE 4321 FLAGS (\\Seen))",
                   "S: h5 OK done",
                   fetchCommand(6, 20),
                   fetchCommand(7, 10)};
        script += answer(6, 20) + answer(7, 10);

        Session session(script);
        QVERIFY(session.open());
        const int newestAnswered = int(script.indexOf("S: h3 OK done")) + 1;
        int stepsBeforeUidList = -1;
        connect(&session.transport, &FakeTransport::clientWrote, this, [&](const QByteArray &bytes) {
            if (stepsBeforeUidList < 0 && bytes.contains("h4 UID SEARCH"))
                stepsBeforeUidList = session.server.position();
        });
        QList<qint64> firstRowSizes;
        connect(&session.store, &MessageStore::messagesAdded, this, [&] {
            if (firstRowSizes.isEmpty())
                firstRowSizes.append(session.store.message(session.folderId, 30).value().size);
        });
        QList<std::pair<qint64, qint64>> progress;
        FolderSync sync(&session.connection, &session.store, session.folderId);
        connect(&sync, &FolderSync::progress, this, [&](qint64 done, qint64 total) {
            progress.append({done, total});
        });
        sync.setBatchSizes(1, 2);
        sync.setSizesLaterFrom(3);
        const MailError error = session.sync(&sync);
        QVERIFY2(!error, qPrintable(error.toString()));
        QVERIFY2(session.server.isComplete(), qPrintable(session.server.status()));
        QVERIFY(stepsBeforeUidList >= newestAnswered);
        QCOMPARE(firstRowSizes, QList<qint64>({0})); // shown before its size came
        const MessageRecord newest = session.store.message(session.folderId, 30).value();
        QCOMPARE(newest.size, 4321);
        QCOMPARE(newest.subject, QStringLiteral("Message 30"));
        QVERIFY(newest.flags.testFlag(MessageRecord::Seen)); // the flags that came along
        QCOMPARE(session.store.message(session.folderId, 10).value().size, 100);
        QCOMPARE(session.store.messageCount(session.folderId).value(), 3);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last(), (std::pair<qint64, qint64>(3, 3)));
    }

    void manyNewMessagesShowBeforeTheirSizes()
    {
        // A known folder with many new messages: the first batch of them goes without sizes,
        // alone on the wire; its sizes are asked for once it is answered, ahead of the next
        // batch, and fill in the rows already shown.
        QList<QByteArray> script = prologue("UIDPLUS");
        script += select(4, 5);
        script += {"C: h3 UID FETCH 1 (UID FLAGS)",
                   "S: * 1 FETCH (UID 1 FLAGS ())",
                   "S: h3 OK done",
                   "C: h4 UID SEARCH ALL",
                   "S: * SEARCH 1 2 3 4",
                   "S: h4 OK done",
                   "C: h5 UID FETCH 4" + itemsWithoutSize,
                   metadataWithoutSize(4, 4),
                   "S: h5 OK done",
                   "C: h6 UID FETCH 4 (UID RFC822.SIZE)",
                   "C: h7 UID FETCH 2:3" + items,
                   "S: * 4 FETCH (UID 4 RFC822.SIZE 4321)",
                   "S: h6 OK done"};
        script += {metadata(3), metadata(2), "S: h7 OK done"};

        Session session(script);
        QVERIFY(session.open());
        FolderRecord inbox = session.store.folder(session.folderId).value();
        inbox.uidValidity = 7;
        QVERIFY(!session.store.updateFolderState(inbox));
        MessageRecord cached;
        cached.uid = 1;
        cached.size = 50;
        QVERIFY(!session.store.upsertMessages(session.folderId, {cached}));
        const int firstAnswered = int(script.indexOf("S: h5 OK done")) + 1;
        int stepsBeforeNextCommand = -1;
        connect(&session.transport, &FakeTransport::clientWrote, this, [&](const QByteArray &bytes) {
            if (stepsBeforeNextCommand < 0 && bytes.contains("h6 UID FETCH"))
                stepsBeforeNextCommand = session.server.position();
        });
        QList<qint64> firstRowSizes;
        connect(&session.store, &MessageStore::messagesAdded, this, [&] {
            if (firstRowSizes.isEmpty())
                firstRowSizes.append(session.store.message(session.folderId, 4).value().size);
        });
        FolderSync sync(&session.connection, &session.store, session.folderId);
        sync.setBatchSizes(1, 2);
        sync.setSizesLaterFrom(3);
        const MailError error = session.sync(&sync);
        QVERIFY2(!error, qPrintable(error.toString()));
        QVERIFY2(session.server.isComplete(), qPrintable(session.server.status()));
        QVERIFY(stepsBeforeNextCommand >= firstAnswered);
        QCOMPARE(firstRowSizes, QList<qint64>({0}));
        QCOMPARE(session.store.message(session.folderId, 4).value().size, 4321);
        QCOMPARE(session.store.message(session.folderId, 2).value().size, 100);
        QCOMPARE(session.store.messageCount(session.folderId).value(), 4);
    }

    void smallFolderAsksForSizesWithTheRest()
    {
        QList<QByteArray> script = prologue("UIDPLUS");
        script += selectAndSearch("1 2");
        script += {fetchCommand(4, 2)};
        script += answer(4, 2);
        script += {fetchCommand(5, 1)};
        script += answer(5, 1);
        Session session(script);
        QVERIFY(session.open());
        FolderSync sync(&session.connection, &session.store, session.folderId);
        sync.setBatchSizes(1, 1);
        sync.setPipelineDepth(1);
        sync.setSizesLaterFrom(3);
        const MailError error = session.sync(&sync);
        QVERIFY2(!error, qPrintable(error.toString()));
        QVERIFY2(session.server.isComplete(), qPrintable(session.server.status()));
        QCOMPARE(session.store.message(session.folderId, 2).value().size, 100);
    }

    void qresyncNamesTheCachedRangeAndAppliesVanished()
    {
        // The cache holds 2, 3, 5 and 9 (others were expunged earlier). QRESYNC names the
        // known UIDs as the range from the lowest to the highest, without reading them one by
        // one; what the server reports VANISHED in it goes, changed flags are applied, and only
        // UIDs past the highest cached one are asked for.
        QList<QByteArray> script = prologue("UIDPLUS ENABLE CONDSTORE QRESYNC");
        script += {"C: h2 ENABLE CONDSTORE QRESYNC", "S: * ENABLED CONDSTORE QRESYNC",
                   "S: h2 OK enabled"};
        script += {"C: h3 SELECT INBOX (QRESYNC (7 100 2:9))",
                   "S: * 3 EXISTS",
                   "S: * OK [UIDVALIDITY 7] ok",
                   "S: * OK [UIDNEXT 11] ok",
                   "S: * OK [HIGHESTMODSEQ 120] ok",
                   "S: * VANISHED (EARLIER) 3:4,6",
                   "S: * 2 FETCH (UID 5 FLAGS (\\Flagged) MODSEQ (110))",
                   "S: h3 OK [READ-WRITE] done",
                   "C: h4 UID SEARCH UID 10:*",
                   "S: * SEARCH 10",
                   "S: h4 OK done"};
        script.append(QByteArray(
                "C: h5 UID FETCH 10 (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE "
                "BODY.PEEK[HEADER.FIELDS (REFERENCES)] MODSEQ)"));
        script += answer(5, 10);

        Session session(script);
        QVERIFY(session.open());
        FolderRecord inbox = session.store.folder(session.folderId).value();
        inbox.uidValidity = 7;
        inbox.highestModSeq = 100;
        QVERIFY(!session.store.updateFolderState(inbox));
        QList<MessageRecord> cached;
        for (quint32 uid : {2u, 3u, 5u, 9u}) {
            MessageRecord record;
            record.folderId = session.folderId;
            record.uid = uid;
            record.subject = QStringLiteral("Cached %1").arg(uid);
            cached.append(record);
        }
        QVERIFY(!session.store.upsertMessages(session.folderId, cached));
        QCOMPARE(session.store.uidBounds(session.folderId).value(),
                 (std::pair<quint32, quint32>(2, 9)));

        FolderSync sync(&session.connection, &session.store, session.folderId);
        const MailError error = session.sync(&sync);
        QVERIFY2(!error, qPrintable(error.toString()));
        QVERIFY2(session.server.isComplete(), qPrintable(session.server.status()));
        QCOMPARE(sync.method(), QByteArray("qresync"));
        QCOMPARE(session.store.uids(session.folderId).value(), (QList<quint32> {2, 5, 9, 10}));
        QCOMPARE(session.store.message(session.folderId, 5).value().flags,
                 MessageRecord::Flags(MessageRecord::Flagged));
        QCOMPARE(session.store.folder(session.folderId).value().highestModSeq, quint64(120));
    }

    void flagsPushedBeforeRowsAreWrittenAreKept()
    {
        // Message 1 is read, then the server pushes \Seen for it before the batch is answered:
        // the row written afterwards must carry \Seen, not the flags it was read with.
        QList<QByteArray> script = prologue("UIDPLUS");
        script += selectAndSearch("1 2");
        script += {"C: h4 UID FETCH 1:2" + items, metadata(1), metadata(2),
                   "S: * 1 FETCH (UID 1 FLAGS (\\Seen))", "S: h4 OK done"};

        Session session(script);
        QVERIFY(session.open());
        FolderSync sync(&session.connection, &session.store, session.folderId);
        sync.setBatchSizes(2, 2);
        const MailError error = session.sync(&sync);
        QVERIFY2(!error, qPrintable(error.toString()));
        QVERIFY2(session.server.isComplete(), qPrintable(session.server.status()));
        QCOMPARE(session.store.message(session.folderId, 1).value().flags,
                 MessageRecord::Flags(MessageRecord::Seen));
        QCOMPARE(session.store.message(session.folderId, 2).value().flags, MessageRecord::Flags());
    }

    void messageThatCannotBeStoredIsAPlaceholder_data()
    {
        QTest::addColumn<QByteArray>("subject");
        QTest::addColumn<QByteArray>("bodyStructure");
        QTest::addColumn<QByteArray>("references");
        QTest::addColumn<int>("maxValueSize"); // 0: SQLite's default
        QTest::addColumn<QString>("reason");

        const QByteArray plain = "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1)";
        // The framer keeps 16 KiB of a field literal: the rest of it never reaches the parser.
        QTest::newRow("subject cut on arrival")
                << literal(QByteArray(20000, 'x')) << plain << QByteArray("\"\"") << 0
                << QStringLiteral("field longer");
        QTest::newRow("structure parameter cut on arrival")
                << QByteArray("\"Hostile\"")
                << "(\"text\" \"plain\" (\"name\" " + literal(QByteArray(40000, 'n'))
                           + ") NIL NIL \"7bit\" 10 1)"
                << QByteArray("\"\"") << 0 << QStringLiteral("field longer");
        // A body section is not cut, and the row it makes is more than the cache takes
        // ("string or blob too big").
        QTest::newRow("row refused by the cache")
                << QByteArray("\"Hostile\"") << plain
                << literal("References: <" + QByteArray(6000, 'r') + "@example.test>\r\n\r\n")
                << 4096 << QStringLiteral("too big");
    }

    void messageThatCannotBeStoredIsAPlaceholder()
    {
        // Message 2 of three cannot be cached as the server sent it. The folder's
        // synchronisation goes on with the others, message 2 is listed as a placeholder (so
        // the next synchronisation does not fetch it again), and the skip is reported.
        QFETCH(QByteArray, subject);
        QFETCH(QByteArray, bodyStructure);
        QFETCH(QByteArray, references);
        QFETCH(int, maxValueSize);
        QFETCH(QString, reason);

        const QByteArray plain = "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1)";
        QList<QByteArray> script = prologue("UIDPLUS");
        script += selectAndSearch("1 2 3");
        script += {"C: h4 UID FETCH 1:3" + items, metadata(3),
                   metadata(2, subject, bodyStructure, references), metadata(1), "S: h4 OK done"};

        Session session(script);
        QVERIFY(session.open());
        if (maxValueSize > 0)
            QCOMPARE(session.store.setMaxValueSize(maxValueSize), qint64(maxValueSize));
        FolderSync sync(&session.connection, &session.store, session.folderId);
        sync.setBatchSizes(3, 3);
        QSignalSpy skipped(&sync, &FolderSync::messageSkipped);
        const MailError error = session.sync(&sync);
        QVERIFY2(!error, qPrintable(error.toString()));
        QVERIFY2(session.server.isComplete(), qPrintable(session.server.status()));

        QCOMPARE(session.store.uids(session.folderId).value(), QList<quint32>({1, 2, 3}));
        QCOMPARE(session.store.message(session.folderId, 1).value().subject,
                 QStringLiteral("Message 1"));
        QCOMPARE(session.store.message(session.folderId, 3).value().subject,
                 QStringLiteral("Message 3"));
        const MessageRecord placeholder = session.store.message(session.folderId, 2).value();
        QVERIFY2(placeholder.subject.contains(QLatin1String("too large or malformed")),
                 qPrintable(placeholder.subject));
        QVERIFY(placeholder.bodyStructure.isEmpty());
        QCOMPARE(placeholder.flags, MessageRecord::Flags(MessageRecord::Flagged));
        QCOMPARE(placeholder.size, qint64(100));

        QTRY_COMPARE(skipped.size(), 1);
        QCOMPARE(skipped.first().at(0).value<quint32>(), 2u);
        QVERIFY2(skipped.first().at(1).toString().contains(reason),
                 qPrintable(skipped.first().at(1).toString()));
    }
};

QTEST_GUILESS_MAIN(TestFolderSyncPipeline)
#include "tst_foldersyncpipeline.moc"
