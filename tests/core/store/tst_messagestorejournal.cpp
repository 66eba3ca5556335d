// The journal of changes kept for the server: what goes in comes out whole, in order, until
// removed, and survives closing the cache; so do the messages on their way to another account.
#include "store/messagestore.h"

#include <QTemporaryDir>
#include <QTest>

class TestMessageStoreJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void operationsComeBackWholeAndInOrder()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
        PendingOperation flags;
        flags.kind = PendingOperation::Kind::Flags;
        flags.folderId = 3;
        flags.uids = {7, 9, 4000000000u};
        flags.addFlags = MessageRecord::Flagged | MessageRecord::Seen;
        flags.removeFlags = MessageRecord::Answered;
        PendingOperation move;
        move.kind = PendingOperation::Kind::Move;
        move.folderId = 3;
        // Runs of consecutive UIDs (Select All), up and down (newest first), and UIDs out of
        // order, the highest and the lowest too.
        for (quint32 uid = 100; uid <= 100000; ++uid)
            move.uids.append(uid);
        for (quint32 uid = 300000; uid >= 200000; --uid)
            move.uids.append(uid);
        move.uids += {8, 3, 4, 5, 4294967294u, 4294967295u, 1, 4294967295u, 4294967294u,
                      2, 1, 0, 6};
        move.targetFolderId = 5;
        PendingOperation append;
        append.kind = PendingOperation::Kind::Append;
        append.specialUse = FolderRecord::SpecialUse::Sent;
        append.message = QByteArray("Subject: x\r\n\r\nbody with \0 byte\r\n", 33);
        append.appendFlags = {QByteArrayLiteral("\\Seen"), QByteArrayLiteral("$Label1")};
        {
            MessageStore store;
            QVERIFY(!store.open(path));
            QCOMPARE(store.pendingOperations().value().size(), 0);
            for (const PendingOperation &operation : {flags, move, append})
                QVERIFY(store.addPendingOperation(operation).value() > 0);
        }
        MessageStore store;
        QVERIFY(!store.open(path));
        const QList<PendingOperation> kept = store.pendingOperations().value();
        QCOMPARE(kept.size(), 3);
        QCOMPARE(kept.at(0).kind, PendingOperation::Kind::Flags);
        QCOMPARE(kept.at(0).uids, flags.uids);
        QCOMPARE(kept.at(0).addFlags, flags.addFlags);
        QCOMPARE(kept.at(0).removeFlags, flags.removeFlags);
        QCOMPARE(kept.at(1).kind, PendingOperation::Kind::Move);
        QCOMPARE(kept.at(1).uids, move.uids);
        QCOMPARE(kept.at(1).folderId, 3);
        QCOMPARE(kept.at(1).targetFolderId, 5);
        QCOMPARE(kept.at(2).kind, PendingOperation::Kind::Append);
        QCOMPARE(kept.at(2).specialUse, FolderRecord::SpecialUse::Sent);
        QCOMPARE(kept.at(2).message, append.message);
        QCOMPARE(kept.at(2).appendFlags, append.appendFlags);
        QVERIFY(kept.at(0).id < kept.at(1).id && kept.at(1).id < kept.at(2).id);
        QCOMPARE(store.pendingOperationCount().value(), 3);
        const QList<PendingOperation> oldest = store.pendingOperations(1).value();
        QCOMPARE(oldest.size(), 1);
        QCOMPARE(oldest.first().id, kept.first().id);

        QVERIFY(!store.removePendingOperation(kept.at(1).id));
        const QList<PendingOperation> left = store.pendingOperations().value();
        QCOMPARE(left.size(), 2);
        QCOMPARE(left.at(0).id, kept.at(0).id);
        QCOMPARE(left.at(1).id, kept.at(2).id);
        QCOMPARE(store.pendingOperationCount().value(), 2);
    }

    // Messages on their way to another account: kept whole across closing the cache, their
    // stage and Message-ID updated, gone once removed.
    void transfersSurviveAndAdvance()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
        TransferRecord copy;
        copy.folderId = 4;
        copy.uid = 4000000000u;
        copy.targetAccountId = QStringLiteral("bob");
        copy.targetPath = QStringLiteral("Archiv/2026 ü");
        TransferRecord move = copy;
        move.uid = 12;
        move.move = true;
        QList<qint64> ids;
        {
            MessageStore store;
            QVERIFY(!store.open(path));
            QCOMPARE(store.transfers().value().size(), 0);
            ids = store.addTransfers({copy, move}).value();
            QCOMPARE(ids.size(), 2);
            QVERIFY(ids.at(0) < ids.at(1));
            QVERIFY(!store.setTransferStage(ids.at(1), TransferRecord::Stage::Appending,
                                            QByteArrayLiteral("<m1@example.test>")));
        }
        MessageStore store;
        QVERIFY(!store.open(path));
        QList<TransferRecord> kept = store.transfers().value();
        QCOMPARE(kept.size(), 2);
        QCOMPARE(kept.at(0).id, ids.at(0));
        QCOMPARE(kept.at(0).folderId, 4);
        QCOMPARE(kept.at(0).uid, 4000000000u);
        QCOMPARE(kept.at(0).targetAccountId, QStringLiteral("bob"));
        QCOMPARE(kept.at(0).targetPath, copy.targetPath);
        QVERIFY(!kept.at(0).move);
        QCOMPARE(kept.at(0).stage, TransferRecord::Stage::Waiting);
        QVERIFY(kept.at(0).messageId.isEmpty());
        QVERIFY(kept.at(1).move);
        QCOMPARE(kept.at(1).uid, 12u);
        QCOMPARE(kept.at(1).stage, TransferRecord::Stage::Appending);
        QCOMPARE(kept.at(1).messageId, QByteArrayLiteral("<m1@example.test>"));

        QVERIFY(!store.removeTransfer(ids.at(0)));
        kept = store.transfers().value();
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.at(0).id, ids.at(1));
    }
};

QTEST_GUILESS_MAIN(TestMessageStoreJournal)
#include "tst_messagestorejournal.moc"
