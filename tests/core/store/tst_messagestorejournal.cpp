// The journal of changes kept for the server: what goes in comes out whole, in order, until
// removed, and survives closing the cache.
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
        move.uids = {8};
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
};

QTEST_GUILESS_MAIN(TestMessageStoreJournal)
#include "tst_messagestorejournal.moc"
