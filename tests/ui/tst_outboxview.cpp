#include "faketransport.h"
#include "mainactions.h"
#include "mainwindow.h"
#include "messageboxanswer.h"
#include "mime/outgoingmessage.h"
#include "models/outboxmodel.h"
#include "outbox/messagesender.h"
#include "outbox/outboxstore.h"
#include "outboxview.h"
#include "viewer/messageviewer.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

// Two outbox rows as an OutboxModel gives them: one failed, one being sent.
QStandardItemModel *outboxModel(QObject *parent)
{
    auto *model = new QStandardItemModel(0, OutboxModel::ColumnCount, parent);
    auto row = [&](const QString &id, const QString &subject, bool canRetry, bool sending) {
        auto *item = new QStandardItem(subject);
        item->setData(id, OutboxModel::EntryIdRole);
        item->setData(u"account-1"_s, OutboxModel::AccountIdRole);
        item->setData(canRetry, OutboxModel::CanRetryRole);
        item->setData(sending, OutboxModel::IsSendingRole);
        QList<QStandardItem *> items {item};
        for (int c = 1; c < OutboxModel::ColumnCount; ++c)
            items.append(new QStandardItem(c == OutboxModel::ErrorColumn ? u"550 refused"_s
                                                                         : QString()));
        model->appendRow(items);
    };
    row(u"e1"_s, u"Failed one"_s, true, false);
    row(u"e2"_s, u"Going out"_s, false, true);
    return model;
}

OutgoingMessage message(const QString &subject)
{
    OutgoingMessage m;
    m.from = {u"Alice"_s, u"alice@example.org"_s};
    m.to = {{u"Bob"_s, u"bob@example.org"_s}};
    m.subject = subject;
    m.plainBody = u"Hello\n"_s;
    return m;
}

// One account's outbox over fake connections, each opened with the given outcome: Fail is a
// refused connection, Manual one that hangs (the message stays being sent).
struct Outbox
{
    Outbox(const QString &directory, const QString &accountId, FakeTransport::Outcome outcome)
        : store(directory)
    {
        QVERIFY(!store.open());
        auto settings = [](std::function<void(SmtpSettings)> deliver) {
            SmtpSettings s;
            s.host = u"smtp.example.org"_s;
            deliver(s);
        };
        auto transports = [outcome] {
            auto transport = std::make_unique<FakeTransport>();
            transport->setConnectOutcome(outcome);
            transport->setFailureError(MailError(MailError::Kind::Network, u"Connection refused"_s));
            return std::unique_ptr<Transport>(std::move(transport));
        };
        sender = std::make_unique<MessageSender>(&store, accountId, settings, transports);
        sender->setRetryDelays({60 * 60 * 1000});
    }
    OutboxStore store;
    std::unique_ptr<MessageSender> sender;
};

} // namespace

class TestOutboxView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString settingsPath() const { return m_dir.filePath(u"heron.ini"_s); }

private Q_SLOTS:
    void retryAndDeleteFollowTheSelection()
    {
        OutboxView view;
        QStandardItemModel *model = outboxModel(&view);
        view.setModel(model);
        QVERIFY(!view.retryButton()->isEnabled());
        QVERIFY(!view.deleteButton()->isEnabled());
        QVERIFY(view.summaryLabel()->text().contains(u"2"_s));

        QSignalSpy retry(&view, &OutboxView::retryRequested);
        QSignalSpy remove(&view, &OutboxView::deleteRequested);
        view.list()->setCurrentIndex(model->index(0, OutboxModel::ErrorColumn));
        QVERIFY(view.retryButton()->isEnabled());
        QVERIFY(view.deleteButton()->isEnabled());
        view.retryButton()->click();
        QCOMPARE(retry.size(), 1);
        QCOMPARE(retry.at(0).at(0).value<QModelIndex>().data(OutboxModel::EntryIdRole).toString(),
                 u"e1"_s);

        // A message being sent can be neither retried nor deleted.
        view.list()->setCurrentIndex(model->index(1, 0));
        QVERIFY(!view.retryButton()->isEnabled());
        QVERIFY(!view.deleteButton()->isEnabled());
        QCOMPARE(remove.size(), 0);
    }

    void retryNowWhileWaitingButNotWhileSending()
    {
        QTemporaryDir dir;
        Outbox waiting(dir.filePath(u"a"_s), u"account-a"_s, FakeTransport::Outcome::Fail);
        Outbox sending(dir.filePath(u"b"_s), u"account-b"_s, FakeTransport::Outcome::Manual);
        OutboxModel model;
        model.addSender(u"account-a"_s, waiting.sender.get());
        model.addSender(u"account-b"_s, sending.sender.get());
        OutboxView view;
        view.setModel(&model);

        QSignalSpy retrying(waiting.sender.get(), &MessageSender::retryScheduled);
        waiting.sender->send(message(u"Waits"_s));
        QTRY_COMPARE(retrying.size(), 1);
        sending.sender->send(message(u"Goes"_s));
        QTRY_VERIFY(sending.sender->isBusy());
        QTRY_COMPARE(model.rowCount(), 2);

        // Waiting for its automatic retry: the time shows, and it may be sent now.
        const QModelIndex waits = model.index(0, OutboxModel::StateColumn);
        QCOMPARE(model.index(0, OutboxModel::SubjectColumn).data().toString(), u"Waits"_s);
        const QDateTime due = waiting.sender->nextAttempt(
                model.index(0, 0).data(OutboxModel::EntryIdRole).toString());
        QVERIFY(due.isValid());
        const QString shown = view.list()->model()->data(waits).toString();
        QVERIFY2(shown.contains(OutboxModel::attemptTimeText(due)), qPrintable(shown));
        view.list()->setCurrentIndex(waits);
        QVERIFY(view.retryButton()->isEnabled());
        QVERIFY(view.deleteButton()->isEnabled());
        QSignalSpy retry(&view, &OutboxView::retryRequested);
        view.retryButton()->click();
        QCOMPARE(retry.size(), 1);
        QCOMPARE(retry.at(0).at(0).value<QModelIndex>().data(OutboxModel::AccountIdRole).toString(),
                 u"account-a"_s);

        // Being sent: neither.
        QCOMPARE(model.index(1, OutboxModel::SubjectColumn).data().toString(), u"Goes"_s);
        view.list()->setCurrentIndex(model.index(1, 0));
        QVERIFY(!view.retryButton()->isEnabled());
        QVERIFY(!view.deleteButton()->isEnabled());
    }

    void deleteAsksFirst()
    {
        OutboxView view;
        QStandardItemModel *model = outboxModel(&view);
        view.setModel(model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.list()->setCurrentIndex(model->index(0, 0));
        QSignalSpy remove(&view, &OutboxView::deleteRequested);

        bool asked = false;
        answerNextQuestion(QMessageBox::No, &asked);
        view.deleteButton()->click();
        QVERIFY(asked);
        QCOMPARE(remove.size(), 0);

        asked = false;
        answerNextQuestion(QMessageBox::Yes, &asked);
        view.deleteButton()->click();
        QVERIFY(asked);
        QCOMPARE(remove.size(), 1);
        QCOMPARE(remove.at(0).at(0).value<QModelIndex>().data(OutboxModel::EntryIdRole).toString(),
                 u"e1"_s);
    }

    void windowSwitchesBetweenListAndOutbox()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        window.setOutboxModel(outboxModel(&window));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.isShowingOutbox());
        QVERIFY(window.messageView()->isVisible());
        window.showOutbox();
        QVERIFY(window.isShowingOutbox());
        QVERIFY(window.outboxView()->isVisible());
        QVERIFY(!window.messageView()->isVisible());
        QVERIFY(!window.messageViewer()->isVisible());
        QCOMPARE(window.outboxView()->list()->model()->rowCount(), 2);
        // Message actions have nothing to act on in the Outbox.
        QVERIFY(!window.actions()->reply()->isEnabled());
        QVERIFY(!window.actions()->search()->isEnabled());
        window.showMessageList();
        QVERIFY(!window.isShowingOutbox());
        QVERIFY(window.messageView()->isVisible());
        QVERIFY(window.actions()->search()->isEnabled());
    }

    void quittingWithUnsentMailAsks()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        bool unsent = true;
        int checks = 0;
        window.setUnsentMailCheck([&] {
            ++checks;
            return unsent;
        });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // Ctrl+Q, answered "keep running": the window stays.
        bool asked = false;
        answerNextQuestion(QMessageBox::No, &asked);
        window.actions()->quit()->trigger();
        QVERIFY(asked);
        QVERIFY(window.isVisible());
        QCOMPARE(checks, 1);

        // The close button, answered "quit": the window closes.
        asked = false;
        answerNextQuestion(QMessageBox::Yes, &asked);
        QVERIFY(window.close());
        QVERIFY(asked);
        QVERIFY(!window.isVisible());

        // Nothing unsent: no question.
        unsent = false;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        asked = false;
        answerNextQuestion(QMessageBox::No, &asked);
        QVERIFY(window.close());
        QVERIFY(!asked);
        QCoreApplication::processEvents(); // lets the unused answer run and find no box
        QVERIFY(!asked);
    }
};

QTEST_MAIN(TestOutboxView)
#include "tst_outboxview.moc"
