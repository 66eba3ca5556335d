#include "mainactions.h"
#include "mainwindow.h"
#include "messageboxanswer.h"
#include "models/outboxmodel.h"
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
