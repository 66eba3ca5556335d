#include "faketransport.h"
#include "mime/outgoingmessage.h"
#include "models/outboxmodel.h"
#include "net/transport.h"
#include "outbox/messagesender.h"
#include "outbox/outboxstore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

OutgoingMessage message(const QString &subject)
{
    OutgoingMessage m;
    m.from = {u"Alice"_s, u"alice@example.org"_s};
    m.to = {{u"Bob"_s, u"bob@example.org"_s}, {QString(), u"carol@example.org"_s}};
    m.subject = subject;
    m.plainBody = u"Hello\n"_s;
    return m;
}

// One account's outbox whose sender never reaches a server: every attempt fails.
struct Outbox
{
    explicit Outbox(const QString &directory, const QString &accountId)
        : store(directory)
    {
        QVERIFY(!store.open());
        auto settings = [](std::function<void(SmtpSettings)> deliver) {
            deliver(SmtpSettings());
        };
        sender = std::make_unique<MessageSender>(&store, accountId, settings,
                                                 [] { return std::unique_ptr<Transport>(); });
    }
    OutboxStore store;
    std::unique_ptr<MessageSender> sender;
};

} // namespace

class TestOutboxModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsFailedMessagesWithTheirError()
    {
        QTemporaryDir dir;
        Outbox a(dir.filePath(u"a"_s), u"account-a"_s);
        Outbox b(dir.filePath(u"b"_s), u"account-b"_s);
        OutboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addSender(u"account-a"_s, a.sender.get());
        model.addSender(u"account-b"_s, b.sender.get());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(OutboxModel::ColumnCount));

        QSignalSpy failedA(a.sender.get(), &MessageSender::failed);
        QVERIFY(!a.sender->send(message(u"First"_s)).isEmpty());
        QTRY_COMPARE(failedA.size(), 1);
        QSignalSpy failedB(b.sender.get(), &MessageSender::failed);
        QVERIFY(!b.sender->send(message(u"Second"_s)).isEmpty());
        QTRY_COMPARE(failedB.size(), 1);

        QTRY_COMPARE(model.rowCount(), 2);
        const QModelIndex first = model.index(0, OutboxModel::SubjectColumn);
        QCOMPARE(first.data().toString(), u"First"_s);
        QCOMPARE(first.data(OutboxModel::AccountIdRole).toString(), u"account-a"_s);
        QCOMPARE(model.index(1, 0).data(OutboxModel::AccountIdRole).toString(), u"account-b"_s);
        QCOMPARE(model.index(0, OutboxModel::RecipientsColumn).data().toString(),
                 u"bob@example.org, carol@example.org"_s);
        QCOMPARE(first.data(OutboxModel::StateRole).toInt(), int(OutboxEntry::State::Failed));
        QVERIFY(first.data(OutboxModel::CanRetryRole).toBool());
        QVERIFY(!first.data(OutboxModel::IsSendingRole).toBool());
        QVERIFY(model.index(0, OutboxModel::ErrorColumn)
                        .data()
                        .toString()
                        .contains(u"No connection"_s));
        QCOMPARE(model.index(0, OutboxModel::StateColumn).data().toString(),
                 OutboxModel::stateText(OutboxEntry::State::Failed));
        QCOMPARE(model.entry(first).subject, u"First"_s);
        QCOMPARE(model.sender(u"account-b"_s), b.sender.get());
    }

    void followsRetryAndDiscard()
    {
        QTemporaryDir dir;
        Outbox a(dir.filePath(u"a"_s), u"account-a"_s);
        OutboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addSender(u"account-a"_s, a.sender.get());
        QSignalSpy failed(a.sender.get(), &MessageSender::failed);
        const QString id = a.sender->send(message(u"Again"_s));
        QTRY_COMPARE(failed.size(), 1);
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(OutboxModel::EntryIdRole).toString(), id);
        const int attempts = model.entry(model.index(0, 0)).attempts;

        QVERIFY(!a.sender->retry(id));
        QTRY_COMPARE(failed.size(), 2);
        QTRY_COMPARE(model.entry(model.index(0, 0)).attempts, attempts + 1);

        QVERIFY(!a.sender->discard(id));
        QCOMPARE(model.rowCount(), 0);
    }

    void showsTheNextAttempt()
    {
        QTemporaryDir dir;
        OutboxStore store(dir.filePath(u"a"_s));
        QVERIFY(!store.open());
        // The submission server refuses every connection: each attempt waits for the next.
        MessageSender sender(
                &store, u"account-a"_s,
                [](std::function<void(SmtpSettings)> deliver) {
                    SmtpSettings settings;
                    settings.host = u"smtp.example.org"_s;
                    deliver(settings);
                },
                [] {
                    auto transport = std::make_unique<FakeTransport>();
                    transport->setConnectOutcome(FakeTransport::Outcome::Fail);
                    transport->setFailureError(
                            MailError(MailError::Kind::Network, u"Connection refused"_s));
                    return std::unique_ptr<Transport>(std::move(transport));
                });
        sender.setRetryDelays({60 * 60 * 1000});
        OutboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addSender(u"account-a"_s, &sender);
        QSignalSpy retrying(&sender, &MessageSender::retryScheduled);
        const QString id = sender.send(message(u"Later"_s));
        QTRY_COMPARE(retrying.size(), 1);
        QTRY_VERIFY(!sender.isBusy());

        QCOMPARE(model.rowCount(), 1);
        const QModelIndex row = model.index(0, OutboxModel::SubjectColumn);
        QCOMPARE(row.data(OutboxModel::StateRole).toInt(), int(OutboxEntry::State::Queued));
        QVERIFY(!row.data(OutboxModel::IsSendingRole).toBool());
        const QDateTime due = row.data(OutboxModel::NextAttemptRole).toDateTime();
        QVERIFY(due.isValid());
        QCOMPARE(due, sender.nextAttempt(id));
        QCOMPARE(model.entry(row).nextAttempt, due);
        // Waiting: the user may send it now rather than at the time shown.
        QVERIFY(row.data(OutboxModel::CanRetryRole).toBool());
        const QString state = model.index(0, OutboxModel::StateColumn).data().toString();
        QVERIFY2(state.contains(OutboxModel::attemptTimeText(due)), qPrintable(state));
        QVERIFY2(state.startsWith(OutboxModel::stateText(OutboxEntry::State::Queued)),
                 qPrintable(state));

        // Retried now: no waiting time is left on the row.
        QVERIFY(!sender.retry(id));
        QVERIFY(!model.index(0, 0).data(OutboxModel::NextAttemptRole).toDateTime().isValid());
        QCOMPARE(model.index(0, OutboxModel::StateColumn).data().toString(),
                 OutboxModel::stateText(OutboxEntry::State::Queued));
        QTRY_COMPARE(retrying.size(), 2);
        QTRY_VERIFY(model.index(0, 0).data(OutboxModel::NextAttemptRole).toDateTime().isValid());
    }

    void forgetsARemovedSender()
    {
        QTemporaryDir dir;
        auto a = std::make_unique<Outbox>(dir.filePath(u"a"_s), u"account-a"_s);
        OutboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addSender(u"account-a"_s, a->sender.get());
        QSignalSpy failed(a->sender.get(), &MessageSender::failed);
        a->sender->send(message(u"Gone"_s));
        QTRY_COMPARE(failed.size(), 1);
        QTRY_COMPARE(model.rowCount(), 1);
        a.reset();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.sender(u"account-a"_s), nullptr);
    }
};

QTEST_GUILESS_MAIN(TestOutboxModel)
#include "tst_outboxmodel.moc"
