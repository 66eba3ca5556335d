// The message list's row drawing: bold unread rows, status markers, locale dates and sizes,
// threads' replies indented under the arrow of the message they answer.
#include "messageitemdelegate.h"
#include "models/messagelistmodel.h"
#include "models/treerowsmodel.h"

#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QTest>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace {

class ExposedDelegate : public MessageItemDelegate
{
public:
    using MessageItemDelegate::initStyleOption;
};

QList<QStandardItem *> messageRow(bool unread, bool flagged, bool attachment, qint64 size)
{
    QList<QStandardItem *> row;
    for (int column = 0; column < MessageListModel::ColumnCount; ++column) {
        auto *item = new QStandardItem(u"cell %1"_s.arg(column));
        item->setData(unread, MessageListModel::IsUnreadRole);
        item->setData(flagged, MessageListModel::IsFlaggedRole);
        item->setData(false, MessageListModel::IsAnsweredRole);
        item->setData(attachment, MessageListModel::HasAttachmentsRole);
        item->setData(size, MessageListModel::SizeRole);
        item->setData(QDateTime(QDate(2023, 1, 1), QTime(9, 30)), MessageListModel::DateRole);
        row.append(item);
    }
    return row;
}

// Pixels of a status cell that differ from an empty one.
int markedPixels(const QModelIndex &index)
{
    MessageItemDelegate delegate;
    QStyleOptionViewItem option;
    option.rect = QRect(0, 0, 70, 20);
    QImage image(70, 20, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    delegate.paint(&painter, option, index);
    painter.end();
    int marked = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            marked += image.pixel(x, y) != qRgb(255, 255, 255);
    return marked;
}

// The leftmost column of a 300-pixel-wide cell drawn in other colour than white, -1 for none.
int firstInkColumn(const QModelIndex &index, QRect *branch = nullptr)
{
    MessageItemDelegate delegate;
    QStyleOptionViewItem option;
    option.rect = QRect(0, 0, 300, 20);
    option.state = QStyle::State_Enabled;
    QImage image(300, 20, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    delegate.paint(&painter, option, index);
    painter.end();
    if (branch)
        *branch = MessageItemDelegate::branchRect(option.rect,
                                                  index.data(TreeRowsModel::DepthRole).toInt(),
                                                  nullptr);
    for (int x = 0; x < image.width(); ++x) {
        for (int y = 0; y < image.height(); ++y) {
            if (image.pixel(x, y) != qRgb(255, 255, 255))
                return x;
        }
    }
    return -1;
}

} // namespace

class TestMessageItemDelegate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void markersFollowTheFlags();
    void unreadRowsAreBold();
    void deletedRowsAreStruckThrough();
    void sizesAndDatesAreFormatted();
    void statusCellDrawsMarkersOnly();
    void otherModelsAreLeftAlone();
    void threadRowsAreIndentedUnderTheirArrow();
};

void TestMessageItemDelegate::markersFollowTheFlags()
{
    QStandardItemModel model;
    model.appendRow(messageRow(true, true, true, 10));
    model.appendRow(messageRow(false, false, false, 10));
    QCOMPARE(MessageItemDelegate::markers(model.index(0, 0)),
             QStringList({u"mark-unread"_s, u"flag"_s, u"attach"_s}));
    QVERIFY(MessageItemDelegate::markers(model.index(1, 0)).isEmpty());
}

void TestMessageItemDelegate::unreadRowsAreBold()
{
    QStandardItemModel model;
    model.appendRow(messageRow(true, false, false, 10));
    model.appendRow(messageRow(false, false, false, 10));
    ExposedDelegate delegate;
    QStyleOptionViewItem unread;
    delegate.initStyleOption(&unread, model.index(0, MessageListModel::SubjectColumn));
    QVERIFY(unread.font.bold());
    QCOMPARE(unread.text, u"cell %1"_s.arg(int(MessageListModel::SubjectColumn)));
    QStyleOptionViewItem read;
    delegate.initStyleOption(&read, model.index(1, MessageListModel::SubjectColumn));
    QVERIFY(!read.font.bold());
}

void TestMessageItemDelegate::deletedRowsAreStruckThrough()
{
    QStandardItemModel model;
    model.appendRow(messageRow(false, false, false, 10));
    model.appendRow(messageRow(false, false, false, 10));
    for (int column = 0; column < MessageListModel::ColumnCount; ++column) {
        model.setData(model.index(0, column), int(MessageRecord::Deleted | MessageRecord::Seen),
                      MessageListModel::FlagsRole);
        model.setData(model.index(1, column), int(MessageRecord::Seen), MessageListModel::FlagsRole);
    }
    ExposedDelegate delegate;
    QStyleOptionViewItem deleted;
    deleted.palette.setColor(QPalette::Text, Qt::black);
    deleted.palette.setColor(QPalette::PlaceholderText, Qt::gray);
    QStyleOptionViewItem kept = deleted;
    delegate.initStyleOption(&deleted, model.index(0, MessageListModel::SubjectColumn));
    delegate.initStyleOption(&kept, model.index(1, MessageListModel::SubjectColumn));
    QVERIFY(deleted.font.strikeOut());
    QCOMPARE(deleted.palette.color(QPalette::Text), QColor(Qt::gray));
    QVERIFY(!kept.font.strikeOut());
    QCOMPARE(kept.palette.color(QPalette::Text), QColor(Qt::black));
}

void TestMessageItemDelegate::sizesAndDatesAreFormatted()
{
    QStandardItemModel model;
    model.appendRow(messageRow(false, false, false, 1116));
    ExposedDelegate delegate;
    QStyleOptionViewItem size;
    size.locale = QLocale::c();
    delegate.initStyleOption(&size, model.index(0, MessageListModel::SizeColumn));
    QCOMPARE(size.text, u"1.1 kB"_s);
    QVERIFY(size.displayAlignment.testFlag(Qt::AlignRight));
    // A size the server has not told yet is not "0 bytes".
    model.appendRow(messageRow(false, false, false, 0));
    QStyleOptionViewItem unknown;
    unknown.locale = QLocale::c();
    delegate.initStyleOption(&unknown, model.index(1, MessageListModel::SizeColumn));
    QVERIFY(unknown.text.isEmpty());

    const QLocale c = QLocale::c();
    const QDateTime morning(QDate(2023, 1, 1), QTime(9, 30));
    QCOMPARE(MessageItemDelegate::dateText(morning, QDateTime(QDate(2023, 1, 1), QTime(18, 0)), c),
             c.toString(QTime(9, 30), QLocale::ShortFormat));
    QCOMPARE(MessageItemDelegate::dateText(morning, QDateTime(QDate(2023, 3, 5), QTime(18, 0)), c),
             c.toString(morning, QLocale::ShortFormat));
    QVERIFY(MessageItemDelegate::dateText(QDateTime(), morning, c).isEmpty());
}

void TestMessageItemDelegate::statusCellDrawsMarkersOnly()
{
    QStandardItemModel model;
    model.appendRow(messageRow(false, false, false, 10));
    model.appendRow(messageRow(false, true, false, 10));
    model.appendRow(messageRow(true, true, true, 10));
    // No text in the status cell; markers add pixels, more markers more of them.
    QCOMPARE(markedPixels(model.index(0, MessageListModel::StatusColumn)), 0);
    const int one = markedPixels(model.index(1, MessageListModel::StatusColumn));
    QVERIFY(one > 0);
    QVERIFY(markedPixels(model.index(2, MessageListModel::StatusColumn)) > one);
}

void TestMessageItemDelegate::otherModelsAreLeftAlone()
{
    QStandardItemModel model(1, 3);
    model.setItem(0, 0, new QStandardItem(u"first"_s));
    ExposedDelegate delegate;
    QStyleOptionViewItem option;
    delegate.initStyleOption(&option, model.index(0, 0));
    QCOMPARE(option.text, u"first"_s);
}

void TestMessageItemDelegate::threadRowsAreIndentedUnderTheirArrow()
{
    // A thread (with a reply, which has one of its own) and a message alone.
    QStandardItemModel tree;
    QList<QStandardItem *> thread = messageRow(false, false, false, 10);
    QList<QStandardItem *> reply = messageRow(false, false, false, 10);
    reply.first()->appendRow(messageRow(false, false, false, 10));
    thread.first()->appendRow(reply);
    tree.appendRow(thread);
    tree.appendRow(messageRow(false, false, false, 10));
    TreeRowsModel rows;
    rows.setSourceModel(&tree);
    rows.setExpanded(rows.index(0, 0), true);
    QCOMPARE(rows.rowCount(), 3); // the thread, its reply, the message alone
    const int subject = MessageListModel::SubjectColumn;

    // The thread draws its arrow first; its subject starts after it.
    QRect arrow;
    const int threadInk = firstInkColumn(rows.index(0, subject), &arrow);
    QCOMPARE(arrow.left(), 0);
    QVERIFY(arrow.width() > 0);
    QVERIFY(threadInk >= 0 && threadInk < arrow.right());
    // The message alone has no arrow, and its subject lines up with the thread's.
    const int aloneInk = firstInkColumn(rows.index(2, subject));
    QVERIFY(aloneInk > arrow.right());
    // The reply is one level in: its arrow (it has a reply of its own) where the thread's
    // subject starts.
    QRect replyArrow;
    const int replyInk = firstInkColumn(rows.index(1, subject), &replyArrow);
    QCOMPARE(replyArrow.left(), arrow.width());
    QVERIFY(replyInk >= replyArrow.left() && replyInk < replyArrow.right());
    // Other columns, and lists that are not threads, are not indented.
    QCOMPARE(firstInkColumn(rows.index(1, MessageListModel::SenderColumn)),
             firstInkColumn(tree.index(1, MessageListModel::SenderColumn)));
    QVERIFY(firstInkColumn(tree.index(1, subject)) < arrow.right());

    // Right to left: the arrow at the right end, one indentation further left per level.
    QWidget rightToLeft;
    rightToLeft.setLayoutDirection(Qt::RightToLeft);
    const QRect cell(0, 0, 300, 20);
    const QRect mirrored = MessageItemDelegate::branchRect(cell, 0, &rightToLeft);
    QCOMPARE(mirrored.right(), cell.right());
    QCOMPARE(MessageItemDelegate::branchRect(cell, 1, &rightToLeft).right(),
             cell.right() - mirrored.width());
}

QTEST_MAIN(TestMessageItemDelegate)
#include "tst_messageitemdelegate.moc"
