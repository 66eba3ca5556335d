// The Outbox in the window (OutboxController): each sending attempt ends in the status bar with
// its outcome, and the account's indicator shows whether the submission server was reached.
#include "faketransport.h"
#include "mainwindow.h"
#include "mime/outgoingmessage.h"
#include "models/outboxmodel.h"
#include "outbox/messagesender.h"
#include "outbox/outboxstore.h"
#include "outboxcontroller.h"
#include "outboxview.h"
#include "scriptedserver.h"
#include "statusarea.h"

#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

OutgoingMessage message(const QString &subject)
{
    OutgoingMessage m;
    m.from = {u"Alice"_s, u"alice@example.org"_s};
    m.to = {{u"Bob"_s, u"bob@example.org"_s}};
    m.subject = subject;
    m.plainBody = u"Hello\n"_s;
    return m;
}

// The server refuses the sender: a session that ends before the message is handed over.
const QList<QByteArray> senderRefused {
        "S: 220 smtp.example.org ESMTP",
        "C: EHLO heron.test",
        "S: 250-smtp.example.org",
        "S: 250 AUTH PLAIN",
        "C: AUTH PLAIN AGFsaWNlAHNlY3JldA==",
        "S: 235 2.7.0 Authentication successful",
        "C: MAIL FROM:<alice@example.org>",
        "S: 550 5.7.1 Sender rejected",
        "C: QUIT",
        "S: 221 2.0.0 Bye",
        "C: <close>",
};

} // namespace

class TestOutboxController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusFollowsEachAttemptToItsEnd()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
        MainWindow window(&settings);
        OutboxModel outbox;
        OutboxController controller(&window, &outbox);
        window.statusArea()->setConnectionState(u"account-1"_s, u"Work"_s,
                                                StatusArea::ConnectionState::Online);
        QLabel *indicator = window.statusArea()->connectionLabel(u"account-1"_s);
        QVERIFY(indicator);

        // The first connection is refused; the second reaches a server that refuses the sender.
        std::vector<std::unique_ptr<ScriptedServer>> servers;
        int connections = 0;
        OutboxStore store(dir.filePath(u"outbox"_s));
        QVERIFY(!store.open());
        auto smtpSettings = [](std::function<void(SmtpSettings)> deliver) {
            SmtpSettings s;
            s.host = u"smtp.example.org"_s;
            s.userName = u"alice"_s;
            s.password = u"secret"_s;
            s.ehloName = "heron.test";
            deliver(s);
        };
        auto transports = [&]() -> std::unique_ptr<Transport> {
            auto transport = std::make_unique<FakeTransport>();
            if (connections++ == 0) {
                transport->setConnectOutcome(FakeTransport::Outcome::Fail);
                transport->setFailureError(
                        MailError(MailError::Kind::Network, u"Connection refused"_s));
            } else {
                servers.push_back(std::make_unique<ScriptedServer>(transport.get(), senderRefused));
            }
            return transport;
        };
        MessageSender sender(&store, u"account-1"_s, smtpSettings, transports);
        sender.setRetryDelays({60 * 60 * 1000});
        outbox.addSender(u"account-1"_s, &sender);
        controller.addSender(u"account-1"_s, &sender);
        QSignalSpy status(&controller, &OutboxController::statusMessage);
        QSignalSpy retrying(&sender, &MessageSender::retryScheduled);

        const QString id = sender.send(message(u"Hello"_s));
        QTRY_COMPARE(retrying.size(), 1);
        // The attempt's end is in the status bar, with the host, the error and the next time.
        QTRY_VERIFY(!status.isEmpty());
        const QString unreachable = status.constLast().at(0).toString();
        QVERIFY(unreachable != u"Sending…"_s);
        QVERIFY2(unreachable.contains(u"could not reach smtp.example.org"_s),
                 qPrintable(unreachable));
        QVERIFY2(unreachable.contains(u"Connection refused"_s), qPrintable(unreachable));
        const QDateTime due = sender.nextAttempt(id);
        QVERIFY(due.isValid());
        QVERIFY2(unreachable.contains(OutboxModel::attemptTimeText(due)), qPrintable(unreachable));
        // The account receives, but cannot send.
        QVERIFY2(indicator->toolTip().contains(
                         u"Sending: cannot reach smtp.example.org (Connection refused)"_s),
                 qPrintable(indicator->toolTip()));
        QVERIFY(indicator->property("hasError").toBool());

        // "Retry now" in the Outbox, while the message waits: the server is reached at once
        // and refuses the sender; its words end the attempt.
        QTRY_VERIFY(!sender.isBusy());
        OutboxView *view = window.outboxView();
        QCOMPARE(view->list()->model()->rowCount(), 1);
        view->list()->setCurrentIndex(view->list()->model()->index(0, 0));
        QVERIFY(view->retryButton()->isEnabled());
        const qsizetype before = status.size();
        view->retryButton()->click();
        QTRY_VERIFY(status.size() >= before + 2); // "Sending again…", then the outcome
        QTRY_VERIFY(!sender.isBusy());
        const QString refused = status.constLast().at(0).toString();
        QVERIFY2(refused.contains(u"550 5.7.1 Sender rejected"_s), qPrintable(refused));
        QCOMPARE(servers.size(), size_t(1));
        QTRY_VERIFY2(servers.front()->isComplete(), qPrintable(servers.front()->status()));
        QVERIFY2(indicator->toolTip().contains(u"Sending: smtp.example.org reachable"_s),
                 qPrintable(indicator->toolTip()));
        QVERIFY(!indicator->property("hasError").toBool());
        QCOMPARE(store.entry(id).state, OutboxEntry::State::Failed);
    }
};

QTEST_MAIN(TestOutboxController)
#include "tst_outboxcontroller.moc"
