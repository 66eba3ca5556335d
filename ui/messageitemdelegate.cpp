#include "messageitemdelegate.h"

#include "icons.h"
#include "models/messagelistmodel.h"
#include "models/treerowsmodel.h"

#include <QApplication>
#include <QDateTime>
#include <QFontMetrics>
#include <QLocale>
#include <QPainter>
#include <QStyle>
#include <QTableView>

#include <algorithm>

namespace {

constexpr int markerSize = 14;
constexpr int markerSpacing = 2;

// Only models laid out like MessageListModel get its columns' treatment.
bool isMessageColumn(const QModelIndex &index, int column)
{
    return index.column() == column && index.model()
           && index.model()->columnCount(index.parent()) >= MessageListModel::ColumnCount;
}

} // namespace

QStringList MessageItemDelegate::markers(const QModelIndex &index)
{
    QStringList names;
    if (index.data(MessageListModel::IsUnreadRole).toBool())
        names.append(QStringLiteral("mark-unread"));
    if (index.data(MessageListModel::IsAnsweredRole).toBool())
        names.append(QStringLiteral("mail-reply"));
    if (index.data(MessageListModel::IsFlaggedRole).toBool())
        names.append(QStringLiteral("flag"));
    if (index.data(MessageListModel::HasAttachmentsRole).toBool())
        names.append(QStringLiteral("attach"));
    return names;
}

QString MessageItemDelegate::dateText(const QDateTime &date, const QDateTime &now,
                                      const QLocale &locale)
{
    if (!date.isValid())
        return QString();
    const QDateTime local = date.toLocalTime();
    if (local.date() == now.toLocalTime().date())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

void MessageItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                          const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(MessageListModel::IsUnreadRole).toBool())
        option->font.setBold(true);
    // Marked as deleted, by another program or where the server could not remove a message
    // alone: still in the folder until it is expunged, so shown, struck through and faint.
    if (MessageRecord::Flags::fromInt(index.data(MessageListModel::FlagsRole).toInt())
                .testFlag(MessageRecord::Deleted)) {
        option->font.setStrikeOut(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    }
    if (isMessageColumn(index, MessageListModel::StatusColumn)) {
        option->text.clear();
    } else if (isMessageColumn(index, MessageListModel::DateColumn)) {
        option->text = dateText(index.data(MessageListModel::DateRole).toDateTime(),
                                QDateTime::currentDateTime(), option->locale);
    } else if (isMessageColumn(index, MessageListModel::SizeColumn)) {
        // Nothing while the server has not told it yet (FolderSync::setSizesLaterFrom()).
        const qint64 size = index.data(MessageListModel::SizeRole).toLongLong();
        option->text = size > 0
                               ? option->locale.formattedDataSize(size, 1,
                                                                  QLocale::DataSizeTraditionalFormat)
                               : QString();
        option->displayAlignment = Qt::AlignRight | Qt::AlignVCenter;
    } else if (isMessageColumn(index, MessageListModel::SubjectColumn)
               && option->text.trimmed().isEmpty()) {
        // A message without a subject is not a blank row.
        option->text = tr("(no subject)");
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    }
}

int MessageItemDelegate::dateColumnWidth(const QFont &font, const QLocale &locale)
{
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    // A long date of the past (two-digit day and month, late hour), as the column writes it.
    const QDateTime sample(QDate(2000, 12, 28), QTime(23, 58, 58));
    return metrics.horizontalAdvance(dateText(sample, QDateTime::currentDateTime(), locale)) + 16;
}

int MessageItemDelegate::sizeColumnWidth(const QFont &font, const QLocale &locale)
{
    // The widest sizes as the column writes them, in bold (unread rows), with the margins.
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    int widest = 0;
    for (qint64 size : {qint64(1023), qint64(999) * 1024, qint64(999) * 1024 * 1024})
        widest = qMax(widest, metrics.horizontalAdvance(
                                      locale.formattedDataSize(size, 1,
                                                               QLocale::DataSizeTraditionalFormat)));
    return widest + 16;
}

QRect MessageItemDelegate::branchRect(const QRect &cell, int depth, const QWidget *widget)
{
    const QStyle *style = widget ? widget->style() : QApplication::style();
    const int indentation = style->pixelMetric(QStyle::PM_TreeViewIndentation, nullptr, widget);
    if (widget && widget->layoutDirection() == Qt::RightToLeft)
        return QRect(cell.right() + 1 - (depth + 1) * indentation, cell.top(), indentation,
                     cell.height());
    return QRect(cell.left() + depth * indentation, cell.top(), indentation, cell.height());
}

void MessageItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem cell = option;
    if (qobject_cast<const QTableView *>(option.widget)) {
        // The table draws the focus of the current row across it, never of one cell.
        cell.state &= ~QStyle::State_HasFocus;
    }
    const QVariant depth = isMessageColumn(index, MessageListModel::SubjectColumn)
                                   ? index.data(TreeRowsModel::DepthRole)
                                   : QVariant();
    if (depth.isValid()) {
        // A thread's row: the subject indented by its depth, after the arrow of its replies.
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        QStyleOptionViewItem background = cell;
        initStyleOption(&background, index);
        background.text.clear();
        background.features &= ~QStyleOptionViewItem::HasDisplay;
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &background, painter, widget);
        const QRect branch = branchRect(option.rect, depth.toInt(), widget);
        if (index.data(TreeRowsModel::ExpandableRole).toBool()) {
            QStyleOption arrow;
            arrow.rect = branch;
            arrow.palette = option.palette;
            arrow.direction = option.direction;
            arrow.state = QStyle::State_Children | (option.state & QStyle::State_Selected)
                          | (option.state & QStyle::State_Enabled);
            if (index.data(TreeRowsModel::ExpandedRole).toBool())
                arrow.state |= QStyle::State_Open;
            style->drawPrimitive(QStyle::PE_IndicatorBranch, &arrow, painter, widget);
        }
        if (widget && widget->layoutDirection() == Qt::RightToLeft)
            cell.rect.setRight(std::max(branch.left() - 1, option.rect.left()));
        else
            cell.rect.setLeft(std::min(branch.right() + 1, option.rect.right()));
    }
    QStyledItemDelegate::paint(painter, cell, index);
    if (!isMessageColumn(index, MessageListModel::StatusColumn))
        return;
    const QStringList names = markers(index);
    const QIcon::Mode mode = option.state.testFlag(QStyle::State_Selected) ? QIcon::Selected
                                                                           : QIcon::Normal;
    const int top = option.rect.top() + (option.rect.height() - markerSize) / 2;
    int left = option.rect.left() + markerSpacing;
    for (const QString &name : names) {
        if (left + markerSize > option.rect.right())
            break;
        Icons::icon(name).paint(painter, QRect(left, top, markerSize, markerSize), Qt::AlignCenter,
                                mode);
        left += markerSize + markerSpacing;
    }
}

QSize MessageItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(qMax(size.height(), markerSize + 4));
    return size;
}
