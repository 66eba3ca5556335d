#include "imap/tasks/imapexpungetask.h"
#include "imap/tasks/imapfetchmetadatatask.h"
#include "imap/tasks/imapfetchparttask.h"
#include "imap/tasks/imaplisttask.h"
#include "imap/tasks/imaplogouttask.h"
#include "imap/tasks/imapmailboxtask.h"
#include "imap/tasks/imapmovetask.h"
#include "imap/tasks/imapnamespacetask.h"
#include "imap/tasks/imapnotifytask.h"
#include "imap/tasks/imapsearchtask.h"
#include "imap/tasks/imapselecttask.h"
#include "imap/tasks/imapstatustask.h"
#include "imap/tasks/imapstoretask.h"

#include "imaptasksession.h"

#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>

using namespace ImapTestSession;

class TestImapTasks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void list_data();
    void list();
    void namespaces();
    void notifyThenUnsolicitedStatus();
    void notifyRefused();
    void notifyNotOffered();
    void status_data();
    void status();
    void selectWithQresync();
    void selectModSeqOnlyWhenAdvertised_data();
    void selectModSeqOnlyWhenAdvertised();
    void selectUidValidityChanged();
    void selectFails();
    void fetchMetadataInBatches();
    void fetchMetadataLeavesPushedFlagChanges();
    void fetchPart_data();
    void fetchPart();
    void fetchPartTwiceEachTakesOneAnswer();
    void fetchPartRefusesAnotherMailbox();
    void search_data();
    void search();
    void esearchGoesToTheCommandItAnswers();
    void storeUnchangedSince();
    void manyUidsInFewCommands_data();
    void manyUidsInFewCommands();
    void move_data();
    void move();
    void mailboxOperations_data();
    void mailboxOperations();
    void tasksKeepTheirOrderAcrossReady();
    void expunge_data();
    void expunge();
    void expungeWithQresync();
    void byeDuringTask();
    void logout();
};

void TestImapTasks::list_data()
{
    QTest::addColumn<QByteArray>("caps");
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QByteArrayList>("names");
    QTest::addColumn<QByteArray>("inboxCounts");
    QTest::addColumn<QByteArrayList>("subscribed");

    QTest::newRow("LIST-STATUS")
            << QByteArray("LIST-EXTENDED LIST-STATUS SPECIAL-USE")
            << QByteArray("C: h2 LIST \"\" \"*\" RETURN (SUBSCRIBED SPECIAL-USE STATUS (MESSAGES "
                          "UIDNEXT UIDVALIDITY UNSEEN))\n"
                          "S: * LIST (\\Subscribed \\HasNoChildren) \"/\" INBOX\n"
                          "S: * STATUS INBOX (MESSAGES 12 UIDNEXT 40 UIDVALIDITY 7 UNSEEN 2)\n"
                          "S: * LIST (\\Subscribed \\Sent) \"/\" Sent\n"
                          "S: * STATUS Sent (MESSAGES 3 UIDNEXT 4 UIDVALIDITY 8 UNSEEN 0)\n"
                          "S: h2 OK List completed\n")
            << QByteArrayList {"INBOX", "Sent"} << QByteArray("12/40/7/2")
            << QByteArrayList {"INBOX", "Sent"};
    QTest::newRow("STATUS per selectable mailbox, LSUB without LIST-EXTENDED")
            << QByteArray("CONDSTORE")
            << QByteArray("C: h2 LIST \"\" \"*\"\n"
                          "S: * LIST (\\HasNoChildren) \".\" INBOX\n"
                          "S: * LIST (\\Noselect \\HasChildren) \".\" Shared\n"
                          "S: * LIST (\\HasNoChildren) \".\" \"Entw&APw-rfe\"\n"
                          "S: h2 OK done\n"
                          "C: h3 LSUB \"\" \"*\"\n"
                          "S: * LSUB () \".\" INBOX\n"
                          "S: * LSUB (\\Noselect) \".\" Gone\n"
                          "S: h3 OK done\n"
                          "C: h4 STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)\n"
                          "C: h5 STATUS Entw&APw-rfe (MESSAGES UIDNEXT UIDVALIDITY UNSEEN "
                          "HIGHESTMODSEQ)\n"
                          "S: * STATUS INBOX (MESSAGES 5 UIDNEXT 6 UIDVALIDITY 1 UNSEEN 1 "
                          "HIGHESTMODSEQ 9)\n"
                          "S: h4 OK done\n"
                          "S: h5 NO Mailbox vanished\n")
            << QByteArrayList {"INBOX", "Shared", "Entw&APw-rfe"} << QByteArray("5/6/1/1")
            << QByteArrayList {"INBOX"};
    QTest::newRow("no HIGHESTMODSEQ without CONDSTORE, LSUB refused")
            << QByteArray("")
            << QByteArray("C: h2 LIST \"\" \"*\"\n"
                          "S: * LIST (\\HasNoChildren) \"/\" INBOX\n"
                          "S: h2 OK done\n"
                          "C: h3 LSUB \"\" \"*\"\n"
                          "S: h3 BAD Unknown command\n"
                          "C: h4 STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)\n"
                          "S: * STATUS INBOX (MESSAGES 5 UIDNEXT 6 UIDVALIDITY 1 UNSEEN 1)\n"
                          "S: h4 OK done\n")
            << QByteArrayList {"INBOX"} << QByteArray("5/6/1/1") << QByteArrayList {};
}

void TestImapTasks::list()
{
    QFETCH(QByteArray, caps);
    QFETCH(QByteArray, script);
    QFETCH(QByteArrayList, names);
    QFETCH(QByteArray, inboxCounts);
    QFETCH(QByteArrayList, subscribed);
    Session s(caps, ScriptedServer::lines(script));
    ImapListTask task(&s.connection);
    QVERIFY(run(&task));
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(task.state(), ImapListTask::State::Done);
    QByteArrayList got;
    QByteArrayList gotSubscribed;
    for (const auto &m : task.mailboxes()) {
        got.append(m.name);
        if (m.has(ImapMailboxListing::Subscribed))
            gotSubscribed.append(m.name);
    }
    QCOMPARE(got, names);
    QCOMPARE(gotSubscribed, subscribed);
    const ImapMailboxStatus inbox = task.statuses().value("INBOX");
    QCOMPARE(QByteArray::number(*inbox.messages) + '/' + QByteArray::number(*inbox.uidNext) + '/'
                     + QByteArray::number(*inbox.uidValidity) + '/'
                     + QByteArray::number(*inbox.unseen),
             inboxCounts);
}

void TestImapTasks::namespaces()
{
    Session s("NAMESPACE",
              {"C: h2 NAMESPACE", "S: * NAMESPACE ((\"INBOX.\" \".\")) NIL NIL", "S: h2 OK done"});
    ImapNamespaceTask task(&s.connection);
    QVERIFY(run(&task));
    QCOMPARE(task.namespaces().personal.size(), 1);
    QCOMPARE(task.namespaces().personal.at(0).prefix, QByteArray("INBOX."));
    QCOMPARE(task.namespaces().personal.at(0).delimiter, QByteArray("."));
}

void TestImapTasks::notifyThenUnsolicitedStatus()
{
    // What Dovecot sends once NOTIFY is set: a STATUS per change in a mailbox not selected, and
    // later an overflow when it gives up.
    Session s("NOTIFY IDLE",
              {"C: h2 NOTIFY SET (selected-delayed (MessageNew MessageExpunge FlagChange)) "
               "(personal (MessageNew MessageExpunge FlagChange))",
               "S: h2 OK NOTIFY completed",
               "S: * STATUS Archive (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 7 UNSEEN 1)",
               "S: * STATUS Archive (UNSEEN 0)", "S: * OK [NOTIFICATIONOVERFLOW] Too many changes"});
    QSignalSpy statuses(&s.connection, &ImapConnection::mailboxStatusReceived);
    QSignalSpy overflow(&s.connection, &ImapConnection::notificationOverflow);
    ImapNotifyTask task(&s.connection, ImapNotifyTask::Mode::AllPersonal);
    QVERIFY2(run(&task), qPrintable(s.server->status()));
    QCOMPARE(task.state(), ImapNotifyTask::State::Done);
    QTRY_COMPARE(statuses.size(), 2);
    const auto first = statuses.at(0).at(0).value<ImapMailboxStatus>();
    QCOMPARE(first.name, QByteArray("Archive"));
    QCOMPARE(first.messages, std::optional<quint32>(1));
    QCOMPARE(first.unseen, std::optional<quint32>(1));
    QCOMPARE(first.uidNext, std::optional<quint32>(2));
    const auto second = statuses.at(1).at(0).value<ImapMailboxStatus>();
    QCOMPARE(second.unseen, std::optional<quint32>(0));
    QVERIFY(!second.messages);
    QTRY_COMPARE(overflow.size(), 1);
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
}

void TestImapTasks::notifyRefused()
{
    Session s("NOTIFY",
              {"C: h2 NOTIFY SET (selected-delayed (MessageNew MessageExpunge FlagChange)) "
               "(personal (MessageNew MessageExpunge FlagChange))",
               "S: h2 NO [BADEVENT (MessageNew MessageExpunge)] FlagChange not supported"});
    ImapNotifyTask task(&s.connection, ImapNotifyTask::Mode::AllPersonal);
    QVERIFY(!run(&task));
    QCOMPARE(task.state(), ImapNotifyTask::State::Failed);
    QCOMPARE(task.error().kind(), MailError::Kind::Protocol);
}

void TestImapTasks::notifyNotOffered()
{
    // Nothing is sent to a server that does not announce NOTIFY.
    Session s("IDLE", {});
    ImapNotifyTask task(&s.connection, ImapNotifyTask::Mode::AllPersonal);
    QVERIFY(!run(&task));
    QCOMPARE(task.state(), ImapNotifyTask::State::Failed);
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
}

void TestImapTasks::status_data()
{
    QTest::addColumn<QByteArray>("caps");
    QTest::addColumn<QList<QByteArray>>("script");
    QTest::addColumn<QByteArray>("mailbox");
    QTest::addColumn<int>("messages");
    QTest::addColumn<int>("unseen");
    QTest::addColumn<qint64>("modseq");

    QTest::newRow("condstore")
            << QByteArray("CONDSTORE")
            << QList<QByteArray> {"C: h2 STATUS Archive (MESSAGES UNSEEN UIDNEXT HIGHESTMODSEQ)",
                                  "S: * STATUS Archive (MESSAGES 4 UNSEEN 1 UIDNEXT 9 "
                                  "HIGHESTMODSEQ 31)",
                                  "S: h2 OK done"}
            << QByteArray("Archive") << 4 << 1 << qint64(31);
    QTest::newRow("plain")
            << QByteArray("IDLE")
            << QList<QByteArray> {"C: h2 STATUS \"Lists/Heron dev\" (MESSAGES UNSEEN UIDNEXT)",
                                  "S: * STATUS \"Lists/Heron dev\" (MESSAGES 2 UNSEEN 0 UIDNEXT 3)",
                                  "S: h2 OK done"}
            << QByteArray("Lists/Heron dev") << 2 << 0 << qint64(-1);
    // Another mailbox's STATUS (NOTIFY's, unasked) is not this answer.
    QTest::newRow("other mailbox first")
            << QByteArray("IDLE")
            << QList<QByteArray> {"C: h2 STATUS Sent (MESSAGES UNSEEN UIDNEXT)",
                                  "S: * STATUS Junk (MESSAGES 8 UNSEEN 8 UIDNEXT 9)",
                                  "S: * STATUS Sent (MESSAGES 5 UNSEEN 0 UIDNEXT 6)",
                                  "S: h2 OK done"}
            << QByteArray("Sent") << 5 << 0 << qint64(-1);
}

void TestImapTasks::status()
{
    QFETCH(QByteArray, caps);
    QFETCH(QList<QByteArray>, script);
    QFETCH(QByteArray, mailbox);
    QFETCH(int, messages);
    QFETCH(int, unseen);
    QFETCH(qint64, modseq);
    Session s(caps, script);
    ImapStatusTask task(&s.connection, mailbox);
    QVERIFY2(run(&task), qPrintable(s.server->status()));
    QCOMPARE(task.status().name, mailbox);
    QCOMPARE(task.status().messages, std::optional<quint32>(messages));
    QCOMPARE(task.status().unseen, std::optional<quint32>(unseen));
    if (modseq < 0)
        QVERIFY(!task.status().highestModSeq);
    else
        QCOMPARE(task.status().highestModSeq, std::optional<quint64>(modseq));
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
}

void TestImapTasks::selectWithQresync()
{
    Session s("IDLE",
              {"C: h3 SELECT INBOX (QRESYNC (67890007 20050715194045000 41:211,214:541))",
               "S: * 314 EXISTS", "S: * 0 RECENT", "S: * OK [UIDVALIDITY 67890007] UIDVALIDITY",
               "S: * OK [UIDNEXT 567] Predicted next UID",
               "S: * OK [HIGHESTMODSEQ 20060115205545359] Highest mailbox mod-sequence",
               "S: * FLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen)",
               "S: * OK [PERMANENTFLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen \\*)] ok",
               "S: * VANISHED (EARLIER) 41,43:116,118,120:211,214:540",
               "S: * 49 FETCH (UID 117 FLAGS (\\Seen \\Answered) MODSEQ (90060115194045001))",
               "S: h3 OK [READ-WRITE] mailbox selected"},
              true);
    ImapSelectTask task(&s.connection, "INBOX");
    task.setKnownState(67890007, 20050715194045000ull, *UidSet::parse("41:211,214:541"));
    QVERIFY(run(&task));
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(task.exists(), 314u);
    QCOMPARE(task.uidValidity(), 67890007u);
    QCOMPARE(task.uidNext(), 567u);
    QCOMPARE(task.highestModSeq(), 20060115205545359ull);
    QVERIFY(!task.uidValidityChanged());
    QVERIFY(!task.isReadOnly());
    QCOMPARE(task.flags().size(), 5);
    QCOMPARE(task.permanentFlags().size(), 6);
    QCOMPARE(task.vanished().toString(), QByteArray("41,43:116,118,120:211,214:540"));
    QCOMPARE(task.changed().size(), 1);
    QCOMPARE(*task.changed().at(0).uid, 117u);
    QCOMPARE(s.connection.selectedMailbox(), QByteArray("INBOX"));
}

void TestImapTasks::selectModSeqOnlyWhenAdvertised_data()
{
    QTest::addColumn<QByteArray>("caps");
    QTest::addColumn<bool>("hasModSeq");
    QTest::newRow("no CONDSTORE, no QRESYNC") << QByteArray("IDLE UIDPLUS") << false;
    QTest::newRow("CONDSTORE") << QByteArray("IDLE CONDSTORE") << true;
    QTest::newRow("QRESYNC") << QByteArray("IDLE QRESYNC") << true;
}

// A server may send HIGHESTMODSEQ unasked; without CONDSTORE or QRESYNC advertised the sync must
// not rely on it.
void TestImapTasks::selectModSeqOnlyWhenAdvertised()
{
    QFETCH(QByteArray, caps);
    QFETCH(bool, hasModSeq);
    Session s(caps, {"C: h2 SELECT INBOX", "S: * 3 EXISTS", "S: * OK [UIDVALIDITY 5] UIDs valid",
                     "S: * OK [UIDNEXT 4] next", "S: * OK [HIGHESTMODSEQ 77] modseq",
                     "S: h2 OK [READ-WRITE] selected"});
    ImapSelectTask task(&s.connection, "INBOX");
    QVERIFY(run(&task));
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(task.hasModSeq(), hasModSeq);
}

void TestImapTasks::selectUidValidityChanged()
{
    Session s("IDLE",
              {"C: h3 EXAMINE Archive (QRESYNC (100 50))", "S: * 3 EXISTS",
               "S: * OK [UIDVALIDITY 200] new", "S: * OK [NOMODSEQ] no modseqs",
               "S: h3 OK [READ-ONLY] examined"},
              true);
    ImapSelectTask task(&s.connection, "Archive", true);
    task.setKnownState(100, 50);
    QVERIFY(run(&task));
    QVERIFY(task.uidValidityChanged());
    QVERIFY(task.isReadOnly());
    QVERIFY(!task.hasModSeq());
    QVERIFY(task.vanished().isEmpty());
}

void TestImapTasks::selectFails()
{
    Session s("IDLE", {"C: h2 SELECT Nope", "S: h2 NO [NONEXISTENT] Mailbox doesn't exist"});
    ImapSelectTask task(&s.connection, "Nope");
    QVERIFY(!run(&task));
    QCOMPARE(task.error().kind(), MailError::Kind::Protocol);
    QCOMPARE(task.error().serverText(), QStringLiteral("Mailbox doesn't exist"));
    QCOMPARE(task.state(), ImapSelectTask::State::Failed);
    QVERIFY(s.connection.selectedMailbox().isEmpty());
}

void TestImapTasks::fetchMetadataInBatches()
{
    const QByteArray items = " (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE "
                             "BODY.PEEK[HEADER.FIELDS (REFERENCES)] MODSEQ)";
    auto fetch = [](int seq, int uid) {
        return "S: * " + QByteArray::number(seq) + " FETCH (UID " + QByteArray::number(uid)
               + " FLAGS (\\Seen) MODSEQ (5) INTERNALDATE \"01-Jan-2026 10:00:00 +0000\" "
                 "RFC822.SIZE 100 ENVELOPE (NIL \"s\" NIL NIL NIL NIL NIL NIL NIL NIL) "
                 "BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1))";
    };
    Session s("IDLE",
              {"C: h3 UID FETCH 1:2" + items, "C: h4 UID FETCH 3,7" + items,
               "C: h5 UID FETCH 8" + items, fetch(1, 1), fetch(2, 2), "S: h3 OK done", fetch(3, 3),
               "S: * 9 FETCH (UID 99 FLAGS (\\Flagged))", fetch(4, 7), "S: h4 OK done", fetch(5, 8),
               "S: h5 OK done"},
              true);
    QSignalSpy updates(&s.connection, &ImapConnection::fetchReceived);
    ImapFetchMetadataTask task(&s.connection, *UidSet::parse("1:3,7:8"));
    task.setBatchSize(2);
    QSignalSpy batches(&task, &ImapFetchMetadataTask::batchFetched);
    QVERIFY(run(&task));
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(task.messages().size(), 5);
    QCOMPARE(batches.size(), 3);
    QCOMPARE(*task.messages().at(3).uid, 7u);
    QCOMPARE(*task.messages().at(3).modSeq, 5u);
    QVERIFY(task.messages().at(3).envelope.has_value());
    QVERIFY(task.messages().at(3).bodyStructure.has_value());
    // The flag change of another message is an update for the caller, not a fetch result.
    QTRY_COMPARE(updates.size(), 1);
}

void TestImapTasks::fetchMetadataLeavesPushedFlagChanges()
{
    const QByteArray items = " (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE "
                             "BODY.PEEK[HEADER.FIELDS (REFERENCES)] MODSEQ)";
    auto fetch = [](int uid) {
        return "S: * " + QByteArray::number(uid) + " FETCH (UID " + QByteArray::number(uid)
               + " FLAGS () MODSEQ (5) INTERNALDATE \"01-Jan-2026 10:00:00 +0000\" "
                 "RFC822.SIZE 100 ENVELOPE (NIL \"s\" NIL NIL NIL NIL NIL NIL NIL NIL) "
                 "BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1))";
    };
    // While the batch 1:3 streams in, another client flags message 2 (before its metadata
    // arrives) and answers message 1 (after its metadata arrived).
    Session s("IDLE",
              {"C: h3 UID FETCH 1:3" + items, fetch(1),
               "S: * 2 FETCH (UID 2 FLAGS (\\Flagged) MODSEQ (9))",
               "S: * 1 FETCH (UID 1 FLAGS (\\Seen \\Answered) MODSEQ (10))", fetch(2), fetch(3),
               "S: h3 OK done"},
              true);
    QSignalSpy updates(&s.connection, &ImapConnection::fetchReceived);
    ImapFetchMetadataTask task(&s.connection, *UidSet::parse("1:3"));
    task.setBatchSize(3);
    QVERIFY(run(&task));
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(task.messages().size(), 3);
    QList<quint32> uids;
    for (const ImapFetch &f : task.messages())
        uids.append(*f.uid);
    QCOMPARE(uids, QList<quint32>({1, 2, 3}));
    // Both pushes reach the connection's unsolicited handler, in order.
    QTRY_COMPARE(updates.size(), 2);
    QCOMPARE(*updates.at(0).at(0).value<ImapFetch>().uid, 2u);
    QCOMPARE(*updates.at(1).at(0).value<ImapFetch>().uid, 1u);
    // The collected metadata of message 1 carries the newer flags, not the ones it came with.
    QCOMPARE(*task.messages().at(0).flags, QList<QByteArray>({"\\Seen", "\\Answered"}));
    QCOMPARE(*task.messages().at(0).modSeq, 10u);
    QCOMPARE(*task.messages().at(1).flags, QList<QByteArray>());
}

void TestImapTasks::fetchPart_data()
{
    QTest::addColumn<QByteArray>("caps");
    QTest::addColumn<bool>("binary");
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("missing");
    QTest::newRow("body range") << QByteArray("IDLE") << false
                                << QByteArray("C: h2 UID FETCH 42 (UID BODY.PEEK[1.2]<0.5>)\n"
                                              "S: * 3 FETCH (UID 42 FLAGS (\\Seen))\n"
                                              "S: * 3 FETCH (UID 42 BODY[1.2]<0> {5}\nS: hello)\n"
                                              "S: h2 OK done\n")
                                << QByteArray("hello") << false;
    QTest::newRow("binary") << QByteArray("BINARY") << true
                            << QByteArray(
                                       "C: h2 UID FETCH 42 (UID BINARY.PEEK[1.2]<0.5>)\n"
                                       "S: * 3 FETCH (UID 42 BINARY[1.2]<0> ~{6}\nS: ab\nS: cd)\n"
                                       "S: h2 OK done\n")
                            << QByteArray("ab\r\ncd") << false;
    QTest::newRow("empty part") << QByteArray("IDLE") << false
                                << QByteArray("C: h2 UID FETCH 42 (UID BODY.PEEK[1.2]<0.5>)\n"
                                              "S: * 3 FETCH (UID 42 BODY[1.2]<0> \"\")\n"
                                              "S: h2 OK done\n")
                                << QByteArray() << false;
    QTest::newRow("empty literal") << QByteArray("IDLE") << false
                                   << QByteArray("C: h2 UID FETCH 42 (UID BODY.PEEK[1.2]<0.5>)\n"
                                                 "S: * 3 FETCH (UID 42 BODY[1.2]<0> {0}\n"
                                                 "S: )\n"
                                                 "S: h2 OK done\n")
                                   << QByteArray() << false;
    // NIL: the part is gone. The task fails; nothing is there to be cached.
    QTest::newRow("binary asked, not offered")
            << QByteArray("IDLE") << true
            << QByteArray("C: h2 UID FETCH 42 (UID BODY.PEEK[1.2]<0.5>)\n"
                          "S: * 3 FETCH (UID 42 BODY[1.2]<0> NIL)\n"
                          "S: h2 OK done\n")
            << QByteArray() << true;
    // The tagged OK without the section: the task fails, never an empty part.
    QTest::newRow("message expunged meanwhile")
            << QByteArray("IDLE") << false
            << QByteArray("C: h2 UID FETCH 42 (UID BODY.PEEK[1.2]<0.5>)\n"
                          "S: h2 OK done\n")
            << QByteArray() << true;
    QTest::newRow("only flags for the message")
            << QByteArray("IDLE") << false
            << QByteArray("C: h2 UID FETCH 42 (UID BODY.PEEK[1.2]<0.5>)\n"
                          "S: * 3 FETCH (UID 42 FLAGS (\\Seen))\n"
                          "S: h2 OK done\n")
            << QByteArray() << true;
}

void TestImapTasks::fetchPart()
{
    QFETCH(QByteArray, caps);
    QFETCH(bool, binary);
    QFETCH(QByteArray, script);
    QFETCH(QByteArray, data);
    QFETCH(bool, missing);
    Session s(caps, ScriptedServer::lines(script));
    ImapFetchPartTask task(&s.connection, 42, "1.2");
    task.setRange(0, 5);
    task.setPreferBinary(binary);
    QCOMPARE(run(&task), !missing);
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(task.data(), data);
    QCOMPARE(task.isMissing(), missing);
    QCOMPARE(task.error().isError(), missing);
    QVERIFY(!task.isRefused());
}

void TestImapTasks::fetchPartTwiceEachTakesOneAnswer()
{
    // Two identical commands in flight, answered as a server running them in parallel may:
    // both FETCH lines before either tagged OK. Each command takes one of them.
    Session s("IDLE", ScriptedServer::lines("C: h2 UID FETCH 42 (UID BODY.PEEK[HEADER])\n"
                                            "C: h3 UID FETCH 42 (UID BODY.PEEK[HEADER])\n"
                                            "S: * 3 FETCH (UID 42 BODY[HEADER] {5}\nS: first)\n"
                                            "S: * 3 FETCH (UID 42 BODY[HEADER] {5}\nS: again)\n"
                                            "S: h2 OK done\n"
                                            "S: h3 OK done\n"));
    ImapFetchPartTask first(&s.connection, 42, "HEADER");
    ImapFetchPartTask second(&s.connection, 42, "HEADER");
    QSignalSpy firstFinished(&first, &ImapTask::finished);
    first.start();
    QVERIFY(run(&second));
    QTRY_COMPARE(firstFinished.size(), 1);
    QVERIFY(!first.error());
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(first.data(), QByteArray("first"));
    QCOMPARE(second.data(), QByteArray("again"));
}

void TestImapTasks::fetchPartRefusesAnotherMailbox()
{
    // No mailbox is selected: a UID there would name another message, so nothing is sent.
    Session s("IDLE", {});
    ImapFetchPartTask task(&s.connection, 42, "1");
    task.setMailbox("Sent");
    QVERIFY(!run(&task));
    QCOMPARE(task.error().kind(), MailError::Kind::Protocol);
    QVERIFY(!task.isRefused());
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QVERIFY(task.data().isEmpty());
}

void TestImapTasks::search_data()
{
    QTest::addColumn<QByteArray>("caps");
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QByteArray>("uids");
    QTest::newRow("ESEARCH") << QByteArray("ESEARCH")
                             << QByteArray("C: h2 UID SEARCH RETURN (ALL) UNSEEN\n"
                                           "S: * ESEARCH (TAG \"h2\") UID ALL 4:6,9\n"
                                           "S: h2 OK done\n")
                             << QByteArray("4:6,9");
    QTest::newRow("ESEARCH nothing") << QByteArray("ESEARCH")
                                     << QByteArray("C: h2 UID SEARCH RETURN (ALL) UNSEEN\n"
                                                   "S: * ESEARCH (TAG \"h2\") UID\n"
                                                   "S: h2 OK done\n")
                                     << QByteArray();
    QTest::newRow("SEARCH") << QByteArray("IDLE")
                            << QByteArray("C: h2 UID SEARCH UNSEEN\n"
                                          "S: * SEARCH 9 4 5 6\n"
                                          "S: h2 OK done\n")
                            << QByteArray("4:6,9");
}

void TestImapTasks::search()
{
    QFETCH(QByteArray, caps);
    QFETCH(QByteArray, script);
    QFETCH(QByteArray, uids);
    Session s(caps, ScriptedServer::lines(script));
    ImapSearchTask task(&s.connection, "UNSEEN");
    QVERIFY(run(&task));
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(task.uids().toString(), uids);
}

void TestImapTasks::esearchGoesToTheCommandItAnswers()
{
    // Two searches in flight; the first one's task is gone before its answer comes. That
    // answer, correlated to its tag, must not be taken for the second one's.
    Session s("ESEARCH",
              {"C: h2 UID SEARCH RETURN (ALL) UID 6:*", "C: h3 UID SEARCH RETURN (ALL) TEXT \"q\"",
               "S: * ESEARCH (TAG \"h2\") UID ALL 5", "S: h2 OK done",
               "S: * ESEARCH (TAG \"h3\") UID", "S: h3 OK done"});
    auto *abandoned = new ImapSearchTask(&s.connection, "UID 6:*");
    abandoned->start();
    const int first = s.server->position();
    QTRY_VERIFY(s.server->position() > first); // its command went out
    ImapSearchTask task(&s.connection, [](ImapCommandBuilder &b) { b.atom("TEXT").string("q"); });
    QSignalSpy finished(&task, &ImapTask::finished);
    task.start();
    delete abandoned;
    QVERIFY2(finished.wait(5000), qPrintable(s.server->status()));
    QVERIFY(!task.error());
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(task.uids().toString(), QByteArray());
}

void TestImapTasks::storeUnchangedSince()
{
    Session s("IDLE",
              {"C: h3 UID STORE 1:3 (UNCHANGEDSINCE 12) +FLAGS.SILENT (\\Seen)",
               "S: * 1 FETCH (UID 1 MODSEQ (13))", "S: * 3 FETCH (UID 3 MODSEQ (14))",
               "S: h3 OK [MODIFIED 2] Conditional STORE failed"},
              true);
    ImapStoreTask task(&s.connection, *UidSet::parse("1:3"), ImapStoreTask::Mode::Add, {"\\Seen"});
    task.setUnchangedSince(12);
    QVERIFY(run(&task));
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(task.modified().toString(), QByteArray("2"));
    QCOMPARE(task.updates().size(), 2);
}

void TestImapTasks::manyUidsInFewCommands_data()
{
    QTest::addColumn<QByteArray>("operation"); // the command, as sent
    QTest::addColumn<bool>("scattered"); // every other UID, else a million with one gap
    QTest::addColumn<int>("commands");
    // 1:500000,500002:1000000
    QTest::newRow("STORE, contiguous") << QByteArray("STORE") << false << 1;
    QTest::newRow("MOVE, contiguous") << QByteArray("MOVE") << false << 1;
    QTest::newRow("UID EXPUNGE, contiguous") << QByteArray("EXPUNGE") << false << 1;
    // 1,3,5,...,19999: 10,000 numbers, 54,444 bytes as one set, seven lines under 8 KiB.
    QTest::newRow("STORE, scattered") << QByteArray("STORE") << true << 7;
    QTest::newRow("MOVE, scattered") << QByteArray("MOVE") << true << 7;
    QTest::newRow("UID EXPUNGE, scattered") << QByteArray("EXPUNGE") << true << 7;
}

void TestImapTasks::manyUidsInFewCommands()
{
    QFETCH(QByteArray, operation);
    QFETCH(bool, scattered);
    QFETCH(int, commands);
    UidSet uids;
    QList<QByteArray> sets; // the sequence sets expected on the wire, each line under 8 KiB
    if (scattered) {
        QByteArray current;
        for (quint32 uid = 1; uid < 20000; uid += 2) {
            uids.add(uid);
            const QByteArray number = QByteArray::number(uid);
            if (!current.isEmpty() && current.size() + 1 + number.size() > 8000)
                sets.append(std::exchange(current, {}));
            current += (current.isEmpty() ? "" : ",") + number;
        }
        sets.append(current);
    } else {
        uids.addRange(1, 500000);
        uids.addRange(500002, 1000000);
        sets = {"1:500000,500002:1000000"};
    }
    QCOMPARE(sets.size(), commands);
    QList<QByteArray> script;
    int tag = 2;
    for (const QByteArray &set : std::as_const(sets)) {
        const QByteArray t = 'h' + QByteArray::number(tag++);
        QByteArray line = "C: " + t + " UID " + operation + ' ' + set;
        if (operation == "STORE")
            line += " +FLAGS.SILENT (\\Seen)";
        else if (operation == "MOVE")
            line += " Archive";
        QVERIFY(line.size() - 3 + 2 < 8192); // the command line with its CRLF
        script += {line, "S: " + t + " OK done"};
    }
    Session s("MOVE UIDPLUS", script);
    std::unique_ptr<ImapTask> task;
    std::function<int()> count;
    if (operation == "STORE") {
        auto *store = new ImapStoreTask(&s.connection, uids, ImapStoreTask::Mode::Add, {"\\Seen"});
        count = [store] {
            return store->commandCount();
        };
        task.reset(store);
    } else if (operation == "MOVE") {
        auto *move = new ImapMoveTask(&s.connection, uids, "Archive");
        count = [move] {
            return move->commandCount();
        };
        task.reset(move);
    } else {
        auto *expunge = new ImapExpungeTask(&s.connection, uids);
        count = [expunge] {
            return expunge->commandCount();
        };
        task.reset(expunge);
    }
    QVERIFY(run(task.get()));
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(count(), commands);
}

void TestImapTasks::move_data()
{
    QTest::addColumn<QByteArray>("caps");
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QByteArray>("mapping");
    QTest::addColumn<int>("expunges");
    QTest::addColumn<bool>("withheld");
    QTest::newRow("MOVE") << QByteArray("MOVE UIDPLUS")
                          << QByteArray("C: h2 UID MOVE 4:5 Archive\n"
                                        "S: * OK [COPYUID 9 4:5 10:11] Moved UIDs.\n"
                                        "S: * 2 EXPUNGE\n"
                                        "S: * 2 EXPUNGE\n"
                                        "S: h2 OK Move completed\n")
                          << QByteArray("4>10 5>11") << 2 << false;
    QTest::newRow("MOVE, COPYUID naming other UIDs, then again")
            << QByteArray("MOVE UIDPLUS")
            << QByteArray("C: h2 UID MOVE 4:5 Archive\n"
                          "S: * OK [COPYUID 9 1:5 20:22,10:11] Moved UIDs.\n"
                          "S: * OK [COPYUID 9 4:5 10:11] Moved UIDs.\n"
                          "S: * 2 EXPUNGE\n"
                          "S: * 2 EXPUNGE\n"
                          "S: h2 OK Move completed\n")
            << QByteArray("4>10 5>11") << 2 << false;
    QTest::newRow("COPY, STORE, UID EXPUNGE")
            << QByteArray("UIDPLUS")
            << QByteArray("C: h2 UID COPY 4:5 Archive\n"
                          "S: h2 OK [COPYUID 9 4:5 10:11] Copied\n"
                          "C: h3 UID STORE 4:5 +FLAGS.SILENT (\\Deleted)\n"
                          "S: h3 OK stored\n"
                          "C: h4 UID EXPUNGE 4:5\n"
                          "S: * 2 EXPUNGE\n"
                          "S: * 2 EXPUNGE\n"
                          "S: h4 OK expunged\n")
            << QByteArray("4>10 5>11") << 2 << false;
    QTest::newRow("COPY, STORE, EXPUNGE when only these are deleted")
            << QByteArray("IDLE")
            << QByteArray("C: h2 UID COPY 4:5 Archive\n"
                          "S: h2 OK Copied\n"
                          "C: h3 UID STORE 4:5 +FLAGS.SILENT (\\Deleted)\n"
                          "S: h3 OK stored\n"
                          "C: h4 UID SEARCH DELETED\n"
                          "S: * SEARCH 4 5\n"
                          "S: h4 OK searched\n"
                          "C: h5 EXPUNGE\n"
                          "S: * 2 EXPUNGE\n"
                          "S: h5 OK expunged\n")
            << QByteArray() << 1 << false;
    // Without UIDPLUS, another client's \Deleted message 7 would go with a plain EXPUNGE.
    QTest::newRow("no EXPUNGE when others are deleted, without UIDPLUS")
            << QByteArray("IDLE")
            << QByteArray("C: h2 UID COPY 4:5 Archive\n"
                          "S: h2 OK Copied\n"
                          "C: h3 UID STORE 4:5 +FLAGS.SILENT (\\Deleted)\n"
                          "S: h3 OK stored\n"
                          "C: h4 UID SEARCH DELETED\n"
                          "S: * SEARCH 4 5 7\n"
                          "S: h4 OK searched\n")
            << QByteArray() << 0 << true;
}

void TestImapTasks::move()
{
    QFETCH(QByteArray, caps);
    QFETCH(QByteArray, script);
    QFETCH(QByteArray, mapping);
    QFETCH(int, expunges);
    QFETCH(bool, withheld);
    Session s(caps, ScriptedServer::lines(script));
    ImapMoveTask task(&s.connection, *UidSet::parse("4:5"), "Archive");
    QVERIFY(run(&task));
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QByteArrayList pairs;
    for (const auto &p : task.uidMapping())
        pairs.append(QByteArray::number(p.first) + '>' + QByteArray::number(p.second));
    QCOMPARE(pairs.join(' '), mapping);
    QCOMPARE(task.expunged().size(), expunges);
    QCOMPARE(task.withheld(), withheld);
    QCOMPARE(task.state(), ImapMoveTask::State::Done);
}

void TestImapTasks::mailboxOperations_data()
{
    QTest::addColumn<int>("operation");
    QTest::addColumn<QByteArray>("newName");
    QTest::addColumn<QByteArrayList>("script");
    QTest::addColumn<bool>("succeeds");
    using O = ImapMailboxTask::Operation;
    QTest::newRow("create") << int(O::Create) << QByteArray()
                            << QByteArrayList {"C: h2 CREATE \"My Folder\"", "S: h2 OK created"}
                            << true;
    QTest::newRow("create existing")
            << int(O::Create) << QByteArray()
            << QByteArrayList {"C: h2 CREATE \"My Folder\"", "S: h2 NO [ALREADYEXISTS] exists"}
            << true;
    QTest::newRow("delete refused")
            << int(O::Delete) << QByteArray()
            << QByteArrayList {"C: h2 DELETE \"My Folder\"", "S: h2 NO [INUSE] in use"} << false;
    QTest::newRow("rename") << int(O::Rename) << QByteArray("Other")
                            << QByteArrayList {"C: h2 RENAME \"My Folder\" Other", "S: h2 OK done"}
                            << true;
    QTest::newRow("rename bad") << int(O::Rename) << QByteArray("Other")
                                << QByteArrayList {"C: h2 RENAME \"My Folder\" Other",
                                                   "S: h2 BAD syntax"}
                                << false;
    QTest::newRow("subscribe") << int(O::Subscribe) << QByteArray()
                               << QByteArrayList {"C: h2 SUBSCRIBE \"My Folder\"", "S: h2 OK done"}
                               << true;
    QTest::newRow("unsubscribe") << int(O::Unsubscribe) << QByteArray()
                                 << QByteArrayList {"C: h2 UNSUBSCRIBE \"My Folder\"",
                                                    "S: h2 OK done"}
                                 << true;
    QTest::newRow("unselect") << int(O::Unselect) << QByteArray()
                              << QByteArrayList {"C: h2 UNSELECT", "S: h2 OK done"} << true;
}

void TestImapTasks::mailboxOperations()
{
    QFETCH(int, operation);
    QFETCH(QByteArray, newName);
    QFETCH(QByteArrayList, script);
    QFETCH(bool, succeeds);
    Session s("IDLE", script);
    ImapMailboxTask task(&s.connection, ImapMailboxTask::Operation(operation), "My Folder", newName);
    QCOMPARE(run(&task), succeeds);
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    if (!succeeds)
        QCOMPARE(task.error().kind(), MailError::Kind::Protocol);
}

void TestImapTasks::tasksKeepTheirOrderAcrossReady()
{
    // A task started once the state is Ready, but before ready() reached those waiting for it,
    // goes after them.
    Session s("IDLE", {"C: h2 CREATE First", "S: h2 OK created", "C: h3 CREATE Second",
                       "S: h3 OK created"});
    ImapMailboxTask first(&s.connection, ImapMailboxTask::Operation::Create, "First");
    ImapMailboxTask second(&s.connection, ImapMailboxTask::Operation::Create, "Second");
    first.start();
    // stateChanged() is queued before ready(): this runs between the two.
    connect(&s.connection, &ImapConnection::stateChanged, &second, [&](ImapConnection::State state) {
        if (state == ImapConnection::State::Ready)
            second.start();
    });
    QSignalSpy secondSucceeded(&second, &ImapTask::succeeded);
    QTRY_COMPARE(secondSucceeded.size(), 1);
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
}

void TestImapTasks::expunge_data()
{
    QTest::addColumn<QByteArray>("caps");
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<bool>("withheld");
    QTest::addColumn<QByteArray>("others");
    QTest::newRow("UID EXPUNGE with UIDPLUS")
            << QByteArray("UIDPLUS")
            << QByteArray("C: h2 UID EXPUNGE 3:4\nS: * 2 EXPUNGE\nS: * 2 EXPUNGE\nS: h2 OK done\n")
            << false << QByteArray();
    QTest::newRow("EXPUNGE without UIDPLUS when only these are deleted")
            << QByteArray("IDLE")
            << QByteArray("C: h2 UID SEARCH DELETED\nS: * SEARCH 3\nS: h2 OK done\n"
                          "C: h3 EXPUNGE\nS: * 2 EXPUNGE\nS: h3 OK done\n")
            << false << QByteArray();
    QTest::newRow("nothing without UIDPLUS when others are deleted")
            << QByteArray("IDLE")
            << QByteArray("C: h2 UID SEARCH DELETED\nS: * SEARCH 1 3 4 9\nS: h2 OK done\n") << true
            << QByteArray("1,9");
}

void TestImapTasks::expunge()
{
    QFETCH(QByteArray, caps);
    QFETCH(QByteArray, script);
    QFETCH(bool, withheld);
    QFETCH(QByteArray, others);
    Session s(caps, ScriptedServer::lines(script));
    ImapExpungeTask task(&s.connection, *UidSet::parse("3:4"));
    QVERIFY(run(&task));
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(task.withheld(), withheld);
    QCOMPARE(task.othersDeleted().toString(), others);
    QCOMPARE(task.expunged().isEmpty(), withheld);
}

void TestImapTasks::expungeWithQresync()
{
    Session s("UIDPLUS", {"C: h3 UID EXPUNGE 3:4", "S: * VANISHED 3:4", "S: h3 OK done"}, true);
    ImapExpungeTask task(&s.connection, *UidSet::parse("3:4"));
    QVERIFY(run(&task));
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(task.vanished().toString(), QByteArray("3:4"));
}

void TestImapTasks::byeDuringTask()
{
    Session s("IDLE", {"C: h2 UID SEARCH ALL", "S: * BYE Server shutting down", "S: <disconnect>"});
    ImapSearchTask task(&s.connection, "ALL");
    QVERIFY(!run(&task));
    QCOMPARE(task.error().kind(), MailError::Kind::Network);
    QCOMPARE(task.error().serverText(), QStringLiteral("Server shutting down"));
    // A task started on a closed connection fails too, asynchronously.
    ImapSearchTask late(&s.connection, "ALL");
    QVERIFY(!run(&late));
    QCOMPARE(late.error().kind(), MailError::Kind::Network);
}

void TestImapTasks::logout()
{
    Session s("IDLE", {"C: h2 LOGOUT", "S: * BYE bye", "S: h2 OK Logout completed", "C: <close>"});
    QSignalSpy failed(&s.connection, &ImapConnection::failed);
    ImapLogoutTask task(&s.connection);
    QVERIFY(run(&task));
    QTRY_COMPARE(s.connection.state(), ImapConnection::State::Disconnected);
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(failed.size(), 0);
}

QTEST_GUILESS_MAIN(TestImapTasks)
#include "tst_imaptasks.moc"
