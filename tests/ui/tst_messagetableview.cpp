// The message list in its table: it shows the list's columns and sorts by a click on the
// header, looks as a tree of messages does, follows the keyboard, selects every message and
// deletes or moves them all, and shows threads as rows that open and close.
#include "folderchooserdialog.h"
#include "mainactions.h"
#include "mainwindow.h"
#include "messageitemdelegate.h"
#include "messagetableview.h"
#include "models/messagegroups.h"
#include "models/messagelistmodel.h"
#include "models/threadlistmodel.h"
#include "models/treerowsmodel.h"
#include "store/messagestore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Message n: sent on day n by "Sender n", its subject a letter running backwards (1 is "Z", 27
// is "Z" again).
MessageRecord message(quint32 uid, bool seen = false)
{
    MessageRecord m;
    m.uid = uid;
    m.subject = u"%1 message"_s.arg(QChar(u'Z' - int((uid - 1) % 26)));
    m.fromName = u"Sender %1"_s.arg(uid);
    m.messageId = "<m" + QByteArray::number(uid) + "@example.org>";
    m.sentDate = QDateTime(QDate(2026, 1, 1).addDays(uid), QTime(9, 0), Qt::UTC);
    if (seen)
        m.flags = MessageRecord::Seen;
    return m;
}

quint32 uidOf(const QModelIndex &index)
{
    return index.data(MessageListModel::UidRole).toUInt();
}

QPoint sectionCentre(const QHeaderView *header, int section)
{
    return {header->sectionViewportPosition(section) + header->sectionSize(section) / 2,
            header->height() / 2};
}

} // namespace

class TestMessageTableView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MessageStore> m_store;
    qint64 m_inboxId = 0;

    // Messages 1..count in a new cache's Inbox; those in seen are read.
    void cache(int count, const QList<quint32> &seen = {})
    {
        m_store = std::make_unique<MessageStore>();
        QVERIFY(!m_store->open(m_dir.filePath(u"%1.sqlite"_s.arg(QTest::currentTestFunction()))));
        FolderRecord inbox;
        inbox.path = u"INBOX"_s;
        m_inboxId = m_store->upsertFolder(inbox).value();
        QList<MessageRecord> records;
        for (quint32 uid = 1; uid <= quint32(count); ++uid)
            records.append(message(uid, seen.contains(uid)));
        QVERIFY(!m_store->upsertMessages(m_inboxId, records));
    }

private Q_SLOTS:
    void init()
    {
        QFile::remove(m_dir.filePath(u"heron.ini"_s));
        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"heron.ini"_s),
                                                 QSettings::IniFormat);
    }

    void flatListShowsInTheTableAndSortsByTheHeader()
    {
        cache(5);
        MessageListModel messages(m_store.get());
        QAbstractItemModelTester tester(&messages,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        messages.setFolderId(m_inboxId);
        MainWindow window(m_settings.get());
        // The rows take their height as they come: no row is resized, which in a folder of a
        // million is a million signals.
        QSignalSpy rowsResized(window.messageTable()->verticalHeader(),
                               &QHeaderView::sectionResized);
        window.setMessageModel(&messages);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(rowsResized.size(), 0);

        QTableView *table = window.messageTable();
        QCOMPARE(window.messageView(), table);
        QVERIFY(table->isVisible());
        QCOMPARE(table->model(), &messages);
        QCOMPARE(window.threadRows()->sourceModel(), nullptr); // no work on the list's changes
        QCOMPARE(window.messageHeader(), table->horizontalHeader());
        // The list's columns, the subject taking the room; no grid, no row numbers.
        QHeaderView *header = table->horizontalHeader();
        QCOMPARE(header->count(), int(MessageListModel::ColumnCount));
        QVERIFY(header->isVisible());
        QVERIFY(!table->verticalHeader()->isVisible());
        QVERIFY(!table->showGrid());
        QCOMPARE(header->sectionResizeMode(MessageListModel::SubjectColumn), QHeaderView::Stretch);
        QCOMPARE(header->sectionResizeMode(MessageListModel::SenderColumn),
                 QHeaderView::Interactive);
        QVERIFY(header->sectionsMovable());
        QVERIFY(qobject_cast<MessageItemDelegate *>(table->itemDelegate()));
        QCOMPARE(table->selectionBehavior(), QAbstractItemView::SelectRows);
        QCOMPARE(table->selectionMode(), QAbstractItemView::ExtendedSelection);
        QCOMPARE(table->dragDropMode(), QAbstractItemView::DragOnly);
        QCOMPARE(table->defaultDropAction(), Qt::MoveAction);
        QCOMPARE(table->accessibleName(), u"Messages"_s);
        QVERIFY(!table->tabKeyNavigation());

        // Rows as high as the tree makes them, every one alike.
        QTreeView tree;
        tree.setUniformRowHeights(true);
        tree.setItemDelegate(new MessageItemDelegate(&tree));
        tree.setModel(&messages);
        tree.resize(600, 300);
        tree.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tree));
        QVERIFY(table->rowHeight(0) > 0);
        QCOMPARE(table->rowHeight(0), tree.visualRect(messages.index(0, 0)).height());
        QCOMPARE(table->rowHeight(4), table->rowHeight(0));
        QCOMPARE(table->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
        tree.setModel(nullptr);

        // Newest first, then by subject at a click on its header, and back.
        QCOMPARE(header->sortIndicatorSection(), int(MessageListModel::DateColumn));
        QCOMPARE(uidOf(messages.index(0, 0)), 5u);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          sectionCentre(header, MessageListModel::SubjectColumn));
        QCOMPARE(header->sortIndicatorSection(), int(MessageListModel::SubjectColumn));
        const Qt::SortOrder first = header->sortIndicatorOrder();
        QTRY_COMPARE(uidOf(messages.index(0, 0)), first == Qt::AscendingOrder ? 5u : 1u);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          sectionCentre(header, MessageListModel::SubjectColumn));
        QVERIFY(header->sortIndicatorOrder() != first);
        QTRY_COMPARE(uidOf(messages.index(0, 0)), first == Qt::AscendingOrder ? 1u : 5u);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          sectionCentre(header, MessageListModel::SenderColumn));
        QCOMPARE(header->sortIndicatorSection(), int(MessageListModel::SenderColumn));
    }

    void aNewOrderLeavesTheRowHeaderAlone()
    {
        // Before each new order Qt's header walks every section, a million in a large folder;
        // the table's rows, all of one height and none hidden, need none of it.
        const char *aboutToChange = SIGNAL(
                layoutAboutToBeChanged(QList<QPersistentModelIndex>,
                                       QAbstractItemModel::LayoutChangeHint));
        const char *keepSections = SLOT(
                _q_sectionsAboutToBeChanged(QList<QPersistentModelIndex>,
                                            QAbstractItemModel::LayoutChangeHint));
        QStandardItemModel model(5, 1);
        for (int row = 0; row < 5; ++row)
            model.setItem(row, 0, new QStandardItem(QString::number(5 - row)));
        QTableView plain;
        plain.setModel(&model);
        QVERIFY(QObject::disconnect(&model, aboutToChange, plain.verticalHeader(), keepSections));
        MessageTableView table;
        table.setModel(&model);
        QVERIFY(!QObject::disconnect(&model, aboutToChange, table.verticalHeader(), keepSections));
        table.setModel(nullptr);
        table.setModel(&model); // and again for each new model
        QVERIFY(!QObject::disconnect(&model, aboutToChange, table.verticalHeader(), keepSections));

        const int height = table.rowHeight(0);
        model.sort(0);
        QCOMPARE(table.model()->index(0, 0).data().toString(), u"1"_s);
        QCOMPARE(table.verticalHeader()->count(), 5);
        QCOMPARE(table.rowHeight(4), height);
        // A change of the number of rows still reaches it.
        model.appendRow(new QStandardItem(u"6"_s));
        QCOMPARE(table.verticalHeader()->count(), 6);
        model.sort(0, Qt::DescendingOrder);
        QCOMPARE(table.model()->index(0, 0).data().toString(), u"6"_s);
        QCOMPARE(table.verticalHeader()->count(), 6);
    }

    void farRowsArePaintedOnceAWorkerReadThem()
    {
        // Reading a window far down a large list here would hold the window for longer than
        // a frame: the table draws its rows blank, and a worker reads them.
        cache(3000);
        MessageListModel messages(m_store.get());
        messages.setWindowSize(50);
        messages.setBackgroundWindowSkip(500);
        messages.setFolderId(m_inboxId);
        MainWindow window(m_settings.get());
        window.setMessageModel(&messages);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTableView *table = window.messageTable();
        const int loads = messages.windowLoadCount();
        table->scrollTo(messages.index(1000, 0), QAbstractItemView::PositionAtTop);
        table->viewport()->repaint();
        QCOMPARE(messages.windowLoadCount(), loads);
        QTRY_COMPARE(messages.backgroundWindowReads(), 1);
        QTRY_COMPARE(messages.windowLoadCount(), loads + 1);
        table->viewport()->repaint();
        QCOMPARE(messages.windowLoadCount(), loads + 1);
        QCOMPARE(uidOf(table->indexAt(QPoint(5, 2))), 2000u); // newest first
        QCOMPARE(messages.windowLoadCount(), loads + 1);
    }

    void togglingThreadsShowsThemInTheSameTable()
    {
        // As the application does: threads show a thread model, else the folder's list.
        cache(6);
        MessageListModel messages(m_store.get());
        messages.setFolderId(m_inboxId);
        std::unique_ptr<ThreadListModel> threads;
        MainWindow window(m_settings.get());
        connect(&window, &MainWindow::threadedChanged, this, [&](bool threaded) {
            if (!threaded) {
                window.setMessageModel(&messages);
                threads.reset();
                return;
            }
            auto next = std::make_unique<ThreadListModel>(m_store.get());
            next->setFolderId(m_inboxId);
            window.setMessageModel(next.get());
            threads = std::move(next);
        });
        window.setMessageModel(&messages);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTableView *table = window.messageTable();
        QCOMPARE(window.messageView(), table);
        table->horizontalHeader()->resizeSection(MessageListModel::SenderColumn, 177);
        table->sortByColumn(MessageListModel::SubjectColumn, Qt::AscendingOrder);
        QTRY_COMPARE(uidOf(messages.index(0, 0)), 6u); // "U message"

        window.setThreaded(true);
        QCOMPARE(window.messageView(), table);
        QVERIFY(table->isVisible());
        TreeRowsModel *rows = window.threadRows();
        QCOMPARE(table->model(), rows);
        QCOMPARE(rows->sourceModel(), threads.get());
        QCOMPARE(window.messageHeader(), table->horizontalHeader());
        QCOMPARE(table->horizontalHeader()->sortIndicatorSection(),
                 int(MessageListModel::SubjectColumn));
        QCOMPARE(table->horizontalHeader()->sortIndicatorOrder(), Qt::AscendingOrder);
        QCOMPARE(table->horizontalHeader()->sectionSize(MessageListModel::SenderColumn), 177);
        QTRY_VERIFY(!threads->isLoading());
        QCOMPARE(rows->rowCount(), 6);
        QCOMPARE(uidOf(rows->index(0, 0)), 6u);
        QCOMPARE(window.emptySearchLabel()->parentWidget(), table->viewport());

        // The threads' order and widths stay for the flat list.
        table->sortByColumn(MessageListModel::SubjectColumn, Qt::DescendingOrder);
        QTRY_COMPARE(uidOf(rows->index(0, 0)), 1u);
        table->horizontalHeader()->resizeSection(MessageListModel::SenderColumn, 188);
        window.setThreaded(false);
        QCOMPARE(table->model(), &messages);
        QCOMPARE(rows->sourceModel(), nullptr);
        QCOMPARE(table->horizontalHeader()->sortIndicatorSection(),
                 int(MessageListModel::SubjectColumn));
        QCOMPARE(table->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(table->horizontalHeader()->sectionSize(MessageListModel::SenderColumn), 188);
        QTRY_COMPARE(uidOf(messages.index(0, 0)), 1u); // "Z message"
    }

    void threadsOpenAndCloseByMouseAndKeys()
    {
        // 1 <- 2 <- 3 (a conversation of three, each answering the one before) and 4 alone.
        m_store = std::make_unique<MessageStore>();
        QVERIFY(!m_store->open(m_dir.filePath(u"threads.sqlite"_s)));
        FolderRecord inbox;
        inbox.path = u"INBOX"_s;
        m_inboxId = m_store->upsertFolder(inbox).value();
        QList<MessageRecord> records;
        for (quint32 uid = 1; uid <= 4; ++uid) {
            MessageRecord m = message(uid);
            if (uid == 2 || uid == 3)
                m.inReplyTo = "<m" + QByteArray::number(uid - 1) + "@example.org>";
            records.append(m);
        }
        QVERIFY(!m_store->upsertMessages(m_inboxId, records));
        ThreadListModel threads(m_store.get());
        threads.setFolderId(m_inboxId);
        MainWindow window(m_settings.get());
        window.setThreaded(true);
        window.setMessageModel(&threads);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_VERIFY(!threads.isLoading());
        auto *table = static_cast<MessageTableView *>(window.messageTable());
        TreeRowsModel *rows = window.threadRows();
        QCOMPARE(table->model(), rows);
        table->sortByColumn(MessageListModel::DateColumn, Qt::AscendingOrder);
        QTRY_COMPARE(rows->rowCount(), 2);
        QTRY_COMPARE(uidOf(rows->index(0, 0)), 1u);
        QCOMPARE(uidOf(rows->index(1, 0)), 4u);
        QSignalSpy selected(&window, &MainWindow::messageSelected);

        // A click on the arrow opens the thread and leaves the selection alone.
        const QModelIndex first = rows->index(0, MessageListModel::SubjectColumn);
        const QRect arrow = MessageItemDelegate::branchRect(table->visualRect(first), 0, table);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, arrow.center());
        QCOMPARE(rows->rowCount(), 3);
        QCOMPARE(uidOf(rows->index(1, 0)), 2u);
        QCOMPARE(rows->index(1, 0).data(TreeRowsModel::DepthRole).toInt(), 1);
        QCOMPARE(selected.size(), 0);
        QVERIFY(!table->selectionModel()->hasSelection());
        // A click on the subject beside it selects the message.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualRect(first).center() + QPoint(arrow.width(), 0));
        QCOMPARE(selected.size(), 1);
        QCOMPARE(uidOf(selected.last().at(0).value<QModelIndex>()), 1u);
        // Right on an open thread goes to its first reply, Right again opens that one.
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Right);
        QCOMPARE(uidOf(table->currentIndex()), 2u);
        QTest::keyClick(table, Qt::Key_Right);
        QCOMPARE(rows->rowCount(), 4);
        QCOMPARE(uidOf(rows->index(2, 0)), 3u);
        QCOMPARE(rows->index(2, 0).data(TreeRowsModel::DepthRole).toInt(), 2);
        QTest::keyClick(table, Qt::Key_Down);
        QCOMPARE(uidOf(table->currentIndex()), 3u);
        // Left on a reply goes to the message it answers; Left again closes that one.
        QTest::keyClick(table, Qt::Key_Left);
        QCOMPARE(uidOf(table->currentIndex()), 2u);
        QTest::keyClick(table, Qt::Key_Left);
        QCOMPARE(rows->rowCount(), 3);
        QCOMPARE(uidOf(table->currentIndex()), 2u);
        // - on the thread closes it; its reply on display gives way to the thread.
        const int before = int(selected.size());
        QTest::keyClick(table, Qt::Key_Up);
        QTest::keyClick(table, Qt::Key_Down);
        QCOMPARE(uidOf(table->currentIndex()), 2u);
        table->setExpanded(rows->index(0, 0), false);
        QCOMPARE(rows->rowCount(), 2);
        QCOMPARE(uidOf(table->currentIndex()), 1u);
        QVERIFY(table->selectionModel()->isRowSelected(0, {}));
        QCOMPARE(uidOf(selected.last().at(0).value<QModelIndex>()), 1u);
        QVERIFY(selected.size() > before);
        // + opens it again, its reply closed as it was left.
        QTest::keyClick(table, Qt::Key_Plus);
        QCOMPARE(rows->rowCount(), 3);
        QTest::keyClick(table, Qt::Key_Minus);
        QCOMPARE(rows->rowCount(), 2);
        // Left and Right on a message without replies scroll the columns as in a flat list.
        QTest::keyClick(table, Qt::Key_Down);
        QCOMPARE(uidOf(table->currentIndex()), 4u);
        QTest::keyClick(table, Qt::Key_Right);
        QCOMPARE(rows->rowCount(), 2);
        QCOMPARE(uidOf(table->currentIndex()), 4u);
        // View → Expand All Threads.
        window.actions()->expandThreads()->trigger();
        QCOMPARE(rows->rowCount(), 4);
        QCOMPARE(uidOf(table->currentIndex()), 4u);
    }

    void togglingThreadsKeepsATablesMessageOnDisplay()
    {
        // A list that is a table (a folder's, All Inboxes, search results) stays as it is when
        // threads are toggled, with its selection and the message on display.
        cache(5);
        MessageListModel messages(m_store.get());
        messages.setFolderId(m_inboxId);
        MainWindow window(m_settings.get());
        window.setMessageModel(&messages);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.messageView()->setFocus();
        QSignalSpy selected(&window, &MainWindow::messageSelected);
        window.messageView()->setCurrentIndex(messages.index(2, 0));
        window.messageView()->selectionModel()->select(messages.index(3, 0),
                                                       QItemSelectionModel::Select
                                                               | QItemSelectionModel::Rows);
        QCOMPARE(selected.size(), 1);

        window.setThreaded(true);
        QCOMPARE(window.messageTable()->model(), &messages);
        QCOMPARE(window.messageTable()->currentIndex().row(), 2);
        QItemSelectionModel *selection = window.messageTable()->selectionModel();
        QVERIFY(selection->isRowSelected(2, {}));
        QVERIFY(selection->isRowSelected(3, {}));
        QVERIFY(!selection->isRowSelected(1, {}));
        QCOMPARE(selected.size(), 1); // the same message stays on display
        QVERIFY(window.actions()->deleteMessage()->isEnabled());
        QCOMPARE(QApplication::focusWidget(), window.messageTable());

        window.setThreaded(false);
        QCOMPARE(window.messageTable()->currentIndex().row(), 2);
        QCOMPARE(selected.size(), 1);
        // The window's own keys still reach the list: Enter opens the message.
        QSignalSpy open(&window, &MainWindow::openInWindowRequested);
        QTest::keyClick(window.messageTable(), Qt::Key_Return);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.at(0).at(0).value<QModelIndex>().row(), 2);
    }

    void selectAllThenDeleteFromTheTable()
    {
        cache(40);
        MessageListModel messages(m_store.get());
        messages.setFolderId(m_inboxId);
        MainWindow window(m_settings.get());
        window.setMessageModel(&messages);
        QList<quint32> uids; // of the rows asked to be deleted, read before they go
        connect(&window, &MainWindow::deleteRequested, this,
                [this, &uids](const QItemSelection &selection) {
                    QList<quint32> asked;
                    for (const QModelIndex &row : MessageGroups::rowsOf(selection))
                        asked.append(uidOf(row));
                    uids += asked;
                    QVERIFY(!m_store->removeMessages(m_inboxId, asked));
                });
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTableView *table = window.messageTable();
        table->setFocus();
        table->setCurrentIndex(messages.index(3, 0));
        QSignalSpy deleted(&window, &MainWindow::deleteRequested);
        QSignalSpy selected(&window, &MainWindow::messageSelected);

        QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier);
        QItemSelectionModel *selection = table->selectionModel();
        QCOMPARE(selection->selection().size(), 1); // one range, not a row at a time
        // The header paints without asking whether its columns are selected, which would read
        // every row's flags.
        QItemSelectionModel *headerSelection = table->horizontalHeader()->selectionModel();
        QVERIFY(headerSelection && headerSelection != selection);
        QCOMPARE(headerSelection->model(), &messages);
        QVERIFY(!headerSelection->hasSelection());
        for (int row = 0; row < messages.rowCount(); ++row)
            QVERIFY(selection->isRowSelected(row, {}));
        QVERIFY(window.actions()->deleteMessage()->isEnabled());

        window.actions()->deleteMessage()->trigger();
        QCOMPARE(deleted.size(), 1);
        std::sort(uids.begin(), uids.end());
        QCOMPARE(uids.size(), 40);
        QCOMPARE(uids.first(), 1u);
        QCOMPARE(uids.last(), 40u);
        QTRY_COMPARE(messages.rowCount(), 0);
        QVERIFY(!selection->hasSelection());
        QVERIFY(!selected.last().at(0).value<QModelIndex>().isValid()); // nothing on display
        QVERIFY(!window.actions()->deleteMessage()->isEnabled());
    }

    void deletingSeveralRangesSelectsTheRowAfterThem()
    {
        // Rows listed newest first: row r shows message 20 - r.
        cache(20);
        MessageListModel messages(m_store.get());
        messages.setFolderId(m_inboxId);
        MainWindow window(m_settings.get());
        window.setMessageModel(&messages);
        connect(&window, &MainWindow::deleteRequested, this,
                [this](const QItemSelection &selection) {
                    QList<quint32> asked;
                    for (const QModelIndex &row : MessageGroups::rowsOf(selection))
                        asked.append(uidOf(row));
                    QVERIFY(!m_store->removeMessages(m_inboxId, asked));
                });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTableView *table = window.messageTable();
        const auto selectRanges = [&](const QList<std::pair<int, int>> &ranges) {
            QItemSelection selection;
            for (const auto &[top, bottom] : ranges) {
                selection.append(
                        QItemSelectionRange(messages.index(top, 0),
                                            messages.index(bottom,
                                                           MessageListModel::ColumnCount - 1)));
            }
            table->selectionModel()->setCurrentIndex(messages.index(ranges.first().first, 0),
                                                     QItemSelectionModel::NoUpdate);
            table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
            QCOMPARE(table->selectionModel()->selection().size(), ranges.size());
        };

        // Ranges next to each other and one further down: the first row after the first range
        // that is in none of them, messages 20 - 2 to 20 - 5 gone, message 14 shown.
        selectRanges({{4, 5}, {2, 3}, {7, 7}});
        window.actions()->deleteMessage()->trigger();
        QTRY_COMPARE(messages.rowCount(), 15);
        QCOMPARE(uidOf(table->currentIndex()), 14u);
        QCOMPARE(table->selectionModel()->selectedRows().size(), 1);

        // Every row from one down to the end: the row above the first takes the place.
        const int last = messages.rowCount() - 1;
        selectRanges({{5, last}, {1, 4}});
        window.actions()->deleteMessage()->trigger();
        QTRY_COMPARE(messages.rowCount(), 1);
        QCOMPARE(uidOf(table->currentIndex()), 20u);
    }

    void selectAllThenMoveFromTheTable()
    {
        cache(30);
        MessageListModel messages(m_store.get());
        messages.setFolderId(m_inboxId);
        constexpr int folderIdRole = Qt::UserRole + 7;
        constexpr int accountIdRole = Qt::UserRole + 8;
        QStandardItemModel folders;
        auto *account = new QStandardItem(u"Work"_s);
        account->setSelectable(false);
        account->setData(u"Work"_s, accountIdRole);
        folders.appendRow(account);
        QStandardItem *archive = nullptr;
        for (const QString &name : {u"Inbox"_s, u"Archive"_s}) {
            auto *folder = new QStandardItem(name);
            folder->setData(u"Work"_s, accountIdRole);
            folder->setData(name == u"Inbox"_s ? m_inboxId : m_inboxId + 40, folderIdRole);
            account->appendRow(folder);
            archive = folder;
        }
        MainWindow window(m_settings.get());
        window.setFolderModel(&folders);
        window.setFolderIdRole(folderIdRole);
        window.setAccountIdRole(accountIdRole);
        window.setMessageModel(&messages);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.folderView()->setCurrentIndex(account->child(0)->index());
        QTableView *table = window.messageTable();
        QCOMPARE(window.messageView(), table);
        table->setFocus();
        QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier);
        QVERIFY(table->selectionModel()->isRowSelected(0, {}));
        QVERIFY(table->selectionModel()->isRowSelected(29, {}));

        QSignalSpy move(&window, &MainWindow::moveRequested);
        window.actions()->moveTo()->trigger();
        FolderChooserDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<FolderChooserDialog *>()) && dialog->isVisible());
        dialog->folderView()->setCurrentIndex(archive->index());
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_COMPARE(move.size(), 1);
        QCOMPARE(move.at(0).at(0).value<QModelIndex>(), archive->index());
        QCOMPARE(move.at(0).at(1).value<MessageGroup>().folderId, m_inboxId);
        QList<quint32> uids = move.at(0).at(1).value<MessageGroup>().uids;
        std::sort(uids.begin(), uids.end());
        QCOMPARE(uids.size(), 30);
        QCOMPARE(uids.first(), 1u);
        QCOMPARE(uids.last(), 30u);
        QVERIFY(!move.at(0).at(1).value<MessageGroup>().wholeFolder);

        // Every row of a list of backgroundCountRows() or more goes as its folder: the UIDs are
        // read on a worker as it moves, not here before the dialog opens.
        const QPointer<FolderChooserDialog> first = dialog;
        QTRY_VERIFY(!first);
        messages.setBackgroundCountRows(20);
        QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier);
        window.actions()->moveTo()->trigger();
        QTRY_VERIFY((dialog = window.findChild<FolderChooserDialog *>()) && dialog->isVisible());
        dialog->folderView()->setCurrentIndex(archive->index());
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_COMPARE(move.size(), 2);
        const MessageGroup folder = move.at(1).at(1).value<MessageGroup>();
        QVERIFY(folder.wholeFolder);
        QCOMPARE(folder.folderId, m_inboxId);
        QVERIFY(folder.uids.isEmpty());
    }

    void keyboardWalksTheTable()
    {
        // Newest first: 8, 7, ... 1; 6 and 3 are unread.
        QList<quint32> seen;
        for (quint32 uid = 1; uid <= 8; ++uid) {
            if (uid != 6 && uid != 3)
                seen.append(uid);
        }
        cache(8, seen);
        MessageListModel messages(m_store.get());
        messages.setFolderId(m_inboxId);
        MainWindow window(m_settings.get());
        window.setMessageModel(&messages);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTableView *table = window.messageTable();
        QCOMPARE(window.messageView(), table);
        table->setFocus();
        table->setCurrentIndex(messages.index(0, 0));
        QSignalSpy selected(&window, &MainWindow::messageSelected);

        QTest::keyClick(table, Qt::Key_Down);
        QCOMPARE(uidOf(table->currentIndex()), 7u);
        QCOMPARE(uidOf(selected.last().at(0).value<QModelIndex>()), 7u);
        QVERIFY(table->selectionModel()->isRowSelected(1, {}));
        QVERIFY(!table->selectionModel()->isRowSelected(0, {}));
        QTest::keyClick(table, Qt::Key_End);
        QCOMPARE(uidOf(table->currentIndex()), 1u);
        QTest::keyClick(table, Qt::Key_Home);
        QCOMPARE(uidOf(table->currentIndex()), 8u);
        // Left and Right keep the message; Shift+Down selects the rows as well.
        QTest::keyClick(table, Qt::Key_Right);
        QCOMPARE(uidOf(table->currentIndex()), 8u);
        QTest::keyClick(table, Qt::Key_Down, Qt::ShiftModifier);
        QVERIFY(table->selectionModel()->isRowSelected(0, {}));
        QVERIFY(table->selectionModel()->isRowSelected(1, {}));

        // N: the next unread message after the current one, then none.
        QAction *next = window.actions()->nextUnread();
        QVERIFY(window.selectNextUnread());
        QCOMPARE(uidOf(table->currentIndex()), 6u);
        next->trigger();
        QCOMPARE(uidOf(table->currentIndex()), 3u);
        QCOMPARE(uidOf(selected.last().at(0).value<QModelIndex>()), 3u);
        QVERIFY(table->selectionModel()->isRowSelected(5, {}));
        QVERIFY(!window.selectNextUnread());
        QCOMPARE(uidOf(table->currentIndex()), 3u);
    }
};

QTEST_MAIN(TestMessageTableView)
#include "tst_messagetableview.moc"
