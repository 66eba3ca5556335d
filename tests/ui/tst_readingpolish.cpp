// What a first trial of the window found: an empty reading pane says so, the body shows when it
// has the focus, a message without subject is not a blank row, unread (bold) sizes are not cut,
// Date stays in view at 800 px and Size does not stretch at 1600 px, and the Help menu has the
// keyboard shortcuts and About.
#include "mainactions.h"
#include "mainwindow.h"
#include "messageitemdelegate.h"
#include "models/messagelistmodel.h"
#include "viewer/messageviewer.h"
#include "viewer/safetextbrowser.h"

#include "viewer/sampleviewermessage.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace {

// Rows laid out like MessageListModel's; the second has no subject, all are unread.
QStandardItemModel *messageModel(QObject *parent)
{
    auto *model = new QStandardItemModel(0, MessageListModel::ColumnCount, parent);
    for (int i = 0; i < 3; ++i) {
        QList<QStandardItem *> row;
        for (int c = 0; c < MessageListModel::ColumnCount; ++c) {
            auto *item = new QStandardItem;
            item->setData(true, MessageListModel::IsUnreadRole);
            item->setData(qint64(1023), MessageListModel::SizeRole);
            row << item;
        }
        row[MessageListModel::SubjectColumn]->setText(i == 1 ? QString() : u"Subject %1"_s.arg(i));
        row[MessageListModel::SenderColumn]->setText(u"Sender %1"_s.arg(i));
        model->appendRow(row);
    }
    return model;
}

class OpenDelegate : public MessageItemDelegate
{
public:
    using MessageItemDelegate::initStyleOption;
    using MessageItemDelegate::MessageItemDelegate;
};

} // namespace

class TestReadingPolish : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyPaneSaysSo();
    void focusInTheBodyIsVisible();
    void messageWithoutSubject();
    void boldSizesAreNotCut();
    void columnsAt800And1600_data();
    void columnsAt800And1600();
    void helpMenu();

private:
    QTemporaryDir m_dir;
};

void TestReadingPolish::emptyPaneSaysSo()
{
    MessageViewer viewer;
    viewer.resize(500, 400);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    QVERIFY(viewer.placeholder()->isVisible());
    QCOMPARE(viewer.placeholder()->text(), u"No message selected"_s);
    viewer.setMessage(htmlMessage(u"<p>Hi</p>"_s));
    QVERIFY(!viewer.placeholder()->isVisible());
    viewer.clear();
    QVERIFY(viewer.placeholder()->isVisible());
}

void TestReadingPolish::focusInTheBodyIsVisible()
{
    QWidget window;
    auto *other = new QLineEdit(&window);
    auto *viewer = new MessageViewer(&window);
    viewer->move(0, 40);
    viewer->resize(500, 400);
    window.resize(520, 460);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    viewer->setMessage(htmlMessage(u"<p>Hi</p>"_s));
    other->setFocus();
    QTRY_VERIFY(other->hasFocus());
    QVERIFY(!viewer->isShowingFocus());
    const QColor unfocused = viewer->browser()->palette().color(QPalette::WindowText);
    viewer->browser()->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(viewer->isShowingFocus());
    QCOMPARE(viewer->browser()->palette().color(QPalette::WindowText),
             viewer->palette().color(QPalette::Highlight));
    QVERIFY(viewer->browser()->palette().color(QPalette::WindowText) != unfocused);
    QVERIFY(viewer->browser()->lineWidth() > 0);
    other->setFocus();
    QTRY_VERIFY(!viewer->isShowingFocus());
}

void TestReadingPolish::messageWithoutSubject()
{
    QStandardItemModel *model = messageModel(this);
    OpenDelegate delegate;
    QStyleOptionViewItem option;
    delegate.initStyleOption(&option, model->index(1, MessageListModel::SubjectColumn));
    QCOMPARE(option.text, u"(no subject)"_s);
    QVERIFY(option.font.italic());
    QStyleOptionViewItem normal;
    delegate.initStyleOption(&normal, model->index(0, MessageListModel::SubjectColumn));
    QCOMPARE(normal.text, u"Subject 0"_s);
    QVERIFY(!normal.font.italic());
    delete model;
}

void TestReadingPolish::boldSizesAreNotCut()
{
    QSettings settings(m_dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    MainWindow window(&settings);
    window.setMessageModel(messageModel(&window));
    QAbstractItemView *list = window.messageView();
    OpenDelegate delegate;
    QStyleOptionViewItem option;
    option.initFrom(list);
    delegate.initStyleOption(&option, list->model()->index(0, MessageListModel::SizeColumn));
    QVERIFY(option.font.bold());
    const int needed = QFontMetrics(option.font).horizontalAdvance(option.text);
    QVERIFY2(window.messageHeader()->sectionSize(MessageListModel::SizeColumn) > needed + 6,
             qPrintable(option.text));
    // Dates too, in bold.
    QStandardItemModel *model = qobject_cast<QStandardItemModel *>(list->model());
    model->item(0, MessageListModel::DateColumn)
            ->setData(QDateTime(QDate(2001, 12, 30), QTime(22, 48, 59)), MessageListModel::DateRole);
    QStyleOptionViewItem date;
    date.initFrom(list);
    delegate.initStyleOption(&date, model->index(0, MessageListModel::DateColumn));
    QVERIFY(date.font.bold());
    QVERIFY2(window.messageHeader()->sectionSize(MessageListModel::DateColumn)
                     > QFontMetrics(date.font).horizontalAdvance(date.text) + 6,
             qPrintable(date.text));
}

void TestReadingPolish::columnsAt800And1600_data()
{
    QTest::addColumn<int>("width");
    QTest::newRow("800 px") << 800;
    QTest::newRow("1600 px") << 1600;
}

void TestReadingPolish::columnsAt800And1600()
{
    QFETCH(int, width);
    QSettings settings(m_dir.filePath(u"heron-%1.ini"_s.arg(width)), QSettings::IniFormat);
    MainWindow window(&settings);
    window.setMessageModel(messageModel(&window));
    window.resize(width, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAbstractItemView *list = window.messageView();
    QHeaderView *header = window.messageHeader();
    const int sizeWidth = MessageItemDelegate::sizeColumnWidth(list->font(), list->locale());
    QTRY_COMPARE(header->sectionSize(MessageListModel::SizeColumn), sizeWidth);
    // Every column in view: nothing to scroll to.
    const int viewport = list->viewport()->width();
    for (int column : {int(MessageListModel::DateColumn), int(MessageListModel::SizeColumn)}) {
        const int right = header->sectionViewportPosition(column) + header->sectionSize(column);
        QVERIFY2(right <= viewport,
                 qPrintable(u"column %1 ends at %2 of %3"_s.arg(column).arg(right).arg(viewport)));
    }
    // The subject takes the room.
    QCOMPARE(header->sectionResizeMode(MessageListModel::SubjectColumn), QHeaderView::Stretch);
    QVERIFY(header->sectionSize(MessageListModel::SubjectColumn)
            > header->sectionSize(MessageListModel::SenderColumn) / 2);
}

void TestReadingPolish::helpMenu()
{
    QSettings settings(m_dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    MainWindow window(&settings);
    QMenu *help = nullptr;
    for (QAction *menu : window.menuBar()->actions()) {
        if (menu->text() == u"&Help"_s)
            help = menu->menu();
    }
    QVERIFY(help);
    QVERIFY(help->actions().contains(window.actions()->shortcuts()));
    QVERIFY(help->actions().contains(window.actions()->about()));
    QCOMPARE(window.actions()->shortcuts()->shortcut(), QKeySequence(QKeySequence::HelpContents));

    std::unique_ptr<QDialog> dialog(window.createShortcutsDialog());
    auto *table = dialog->findChild<QTreeWidget *>(u"shortcutsTable"_s);
    QVERIFY(table);
    QHash<QString, QString> shortcuts;
    for (int row = 0; row < table->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = table->topLevelItem(row);
        shortcuts.insert(item->data(0, Qt::UserRole).toString(), item->text(1));
    }
    QCOMPARE(shortcuts.value(u"reply"_s),
             QKeySequence(Qt::CTRL | Qt::Key_R).toString(QKeySequence::NativeText));
    QCOMPARE(shortcuts.value(u"nextUnread"_s), u"N"_s);
    QCOMPARE(shortcuts.value(u"viewSource"_s),
             QKeySequence(Qt::CTRL | Qt::Key_U).toString(QKeySequence::NativeText));
    // Every action with a shortcut is listed.
    for (QAction *action : window.QWidget::actions()) {
        if (!action->shortcut().isEmpty())
            QVERIFY2(shortcuts.contains(action->objectName()), qPrintable(action->objectName()));
    }
}

QTEST_MAIN(TestReadingPolish)
#include "tst_readingpolish.moc"
