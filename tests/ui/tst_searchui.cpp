#include "mainactions.h"
#include "mainwindow.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

// The main window's side of search: where it searches, what an empty result says, and the
// folder's "Keep Messages for Offline Use".
class TestSearchUi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString settingsPath() const { return m_dir.filePath(u"heron.ini"_s); }

private Q_SLOTS:
    void scopeIsChosenAndKept()
    {
        {
            QSettings settings(settingsPath(), QSettings::IniFormat);
            MainWindow window(&settings);
            window.show();
            QVERIFY(QTest::qWaitForWindowActive(&window));
            QVERIFY(!window.isSearchingAllFolders());
            QVERIFY(!window.searchScope()->isVisible());
            window.actions()->search()->trigger();
            QVERIFY(window.searchScope()->isVisible());
            QSignalSpy scope(&window, &MainWindow::searchScopeChanged);
            window.searchScope()->setCurrentIndex(1);
            QCOMPARE(scope.size(), 1);
            QCOMPARE(scope.last().at(0).toBool(), true);
            QVERIFY(window.isSearchingAllFolders());
            QTest::keyClick(window.filterField(), Qt::Key_Escape);
            QVERIFY(!window.searchScope()->isVisible());
        }
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow again(&settings);
        QVERIFY(again.isSearchingAllFolders());
        again.setSearchingAllFolders(false);
    }

    void emptyResultSaysSo()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        QStandardItemModel results(0, 3);
        window.setMessageModel(&results);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QLabel *empty = window.emptySearchLabel();
        // No search: an empty folder is just empty.
        QVERIFY(!empty->isVisible());
        window.actions()->search()->trigger();
        QTest::keyClicks(window.filterField(), u"nothing"_s);
        QTRY_VERIFY(empty->isVisible());
        QCOMPARE(empty->text(), u"No messages match"_s);
        // While servers are asked, it says so instead.
        window.setSearchBusy(true);
        QCOMPARE(empty->text(), u"Searching…"_s);
        QVERIFY(empty->isVisible());
        // A match arrives: the list shows it, the note goes.
        results.appendRow({new QStandardItem(u"Found"_s)});
        QVERIFY(!empty->isVisible());
        window.setSearchBusy(false);
        results.removeRow(0);
        QVERIFY(empty->isVisible());
        QCOMPARE(empty->text(), u"No messages match"_s);
        window.filterField()->clear();
        QVERIFY(!empty->isVisible());
    }

    void choosingAFolderSearchesThatFolder()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        QStandardItemModel folders;
        folders.appendRow(new QStandardItem(u"Inbox"_s));
        folders.appendRow(new QStandardItem(u"Sent"_s));
        window.setFolderModel(&folders);
        window.setSearchingAllFolders(true);
        window.actions()->search()->trigger();
        // Without a search the choice stays.
        window.folderView()->setCurrentIndex(folders.index(0, 0));
        QVERIFY(window.isSearchingAllFolders());
        QTest::keyClicks(window.filterField(), u"report"_s);
        QSignalSpy scope(&window, &MainWindow::searchScopeChanged);
        window.folderView()->setCurrentIndex(folders.index(1, 0));
        QVERIFY(!window.isSearchingAllFolders());
        QCOMPARE(scope.size(), 1);
        QCOMPARE(window.filterField()->text(), u"report"_s);
    }

    void keepOfflineAsksForTheFolder()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        QStandardItemModel folders;
        folders.appendRow(new QStandardItem(u"Inbox"_s));
        window.setFolderModel(&folders);
        window.folderView()->setCurrentIndex(folders.index(0, 0));
        QAction *keep = window.actions()->keepOffline();
        QVERIFY(!keep->isEnabled());
        window.setKeepOfflineState(true, false);
        QVERIFY(keep->isEnabled());
        QVERIFY(!keep->isChecked());
        QSignalSpy asked(&window, &MainWindow::keepOfflineRequested);
        keep->trigger();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.last().at(0).value<QModelIndex>(), folders.index(0, 0));
        QCOMPARE(asked.last().at(1).toBool(), true);
        window.setKeepOfflineState(true, true);
        keep->trigger();
        QCOMPARE(asked.last().at(1).toBool(), false);
        // All Inboxes or the Outbox: nothing to keep.
        window.setKeepOfflineState(false, true);
        QVERIFY(!keep->isEnabled());
        QVERIFY(!keep->isChecked());
    }
};

QTEST_MAIN(TestSearchUi)
#include "tst_searchui.moc"
