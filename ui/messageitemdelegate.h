#pragma once

#include <QStyledItemDelegate>

class QWidget;

// Draws the message list's rows: unread messages in bold, the status column as small markers
// (unread, answered, flagged, attachment), dates in the user's locale (only the time for
// today's mail) and sizes in bytes, kB or MB. It reads MessageListModel's roles, so it serves
// the flat, threaded and unified lists alike.
class MessageItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The markers shown for a row, as icon names, in display order.
    static QStringList markers(const QModelIndex &index);
    static QString dateText(const QDateTime &date, const QDateTime &now, const QLocale &locale);
    // A width of the Size column that holds every size the column writes, in bold too.
    static int sizeColumnWidth(const QFont &font, const QLocale &locale);
    // The same for the Date column.
    static int dateColumnWidth(const QFont &font, const QLocale &locale);
    // In threads (TreeRowsModel's rows), where the Subject cell of a row at depth draws the
    // arrow that expands or collapses it: one indentation further in per level.
    static QRect branchRect(const QRect &cell, int depth, const QWidget *widget);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
