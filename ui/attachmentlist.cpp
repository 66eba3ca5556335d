#include "attachmentlist.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileIconProvider>
#include <QFileInfo>
#include <QHeaderView>
#include <QIcon>
#include <QKeyEvent>
#include <QLocale>
#include <QMimeData>
#include <QMimeDatabase>

namespace {
constexpr int pathRole = Qt::UserRole;
constexpr int sizeRole = Qt::UserRole + 1;
constexpr int dataRole = Qt::UserRole + 2;
constexpr int mimeTypeRole = Qt::UserRole + 3;

OutgoingAttachment attachmentOf(const QTreeWidgetItem *item)
{
    OutgoingAttachment attachment;
    attachment.filePath = item->data(0, pathRole).toString();
    attachment.fileName = item->text(0);
    attachment.mimeType = item->data(0, mimeTypeRole).toByteArray();
    attachment.data = item->data(0, dataRole).toByteArray();
    return attachment;
}
} // namespace

AttachmentList::AttachmentList(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({tr("Attachment"), tr("Size")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAcceptDrops(true);
    setDropIndicatorShown(false);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::Interactive);
}

bool AttachmentList::addFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable())
        return false;
    const QString absolute = info.absoluteFilePath();
    if (filePaths().contains(absolute))
        return true;
    auto *item = new QTreeWidgetItem(this);
    item->setText(0, info.fileName());
    item->setToolTip(0, absolute);
    item->setIcon(0, QFileIconProvider().icon(info));
    item->setText(1,
                  QLocale().formattedDataSize(info.size(), 1, QLocale::DataSizeTraditionalFormat));
    item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    item->setData(0, pathRole, absolute);
    item->setData(0, sizeRole, info.size());
    Q_EMIT attachmentsChanged();
    return true;
}

bool AttachmentList::addFileAs(const OutgoingAttachment &attachment)
{
    const QFileInfo info(attachment.filePath);
    if (!info.isFile() || !info.isReadable())
        return false;
    auto *item = new QTreeWidgetItem(this);
    item->setText(0, attachment.fileName.isEmpty() ? info.fileName() : attachment.fileName);
    item->setToolTip(0, item->text(0));
    const QMimeType type = QMimeDatabase().mimeTypeForName(QString::fromLatin1(attachment.mimeType));
    item->setIcon(0, QIcon::fromTheme(type.iconName(), QIcon::fromTheme(type.genericIconName())));
    item->setText(1,
                  QLocale().formattedDataSize(info.size(), 1, QLocale::DataSizeTraditionalFormat));
    item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    item->setData(0, pathRole, info.absoluteFilePath());
    item->setData(0, mimeTypeRole, attachment.mimeType);
    item->setData(0, sizeRole, info.size());
    Q_EMIT attachmentsChanged();
    return true;
}

void AttachmentList::addData(const OutgoingAttachment &attachment)
{
    auto *item = new QTreeWidgetItem(this);
    item->setText(0, attachment.fileName);
    item->setToolTip(0, attachment.fileName);
    const QMimeType type = QMimeDatabase().mimeTypeForName(QString::fromLatin1(attachment.mimeType));
    item->setIcon(0, QIcon::fromTheme(type.iconName(), QIcon::fromTheme(type.genericIconName())));
    item->setText(1, QLocale().formattedDataSize(attachment.data.size(), 1,
                                                 QLocale::DataSizeTraditionalFormat));
    item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    item->setData(0, dataRole, attachment.data);
    item->setData(0, mimeTypeRole, attachment.mimeType);
    item->setData(0, sizeRole, qint64(attachment.data.size()));
    Q_EMIT attachmentsChanged();
}

void AttachmentList::removeSelected()
{
    const QList<QTreeWidgetItem *> items = selectedItems();
    if (items.isEmpty())
        return;
    qDeleteAll(items);
    Q_EMIT attachmentsChanged();
}

QStringList AttachmentList::filePaths() const
{
    QStringList paths;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        const QString path = topLevelItem(i)->data(0, pathRole).toString();
        if (!path.isEmpty())
            paths.append(path);
    }
    return paths;
}

QList<OutgoingAttachment> AttachmentList::dataAttachments() const
{
    QList<OutgoingAttachment> list = attachments();
    list.removeIf([](const OutgoingAttachment &a) { return !a.filePath.isEmpty(); });
    return list;
}

QList<OutgoingAttachment> AttachmentList::attachments() const
{
    QList<OutgoingAttachment> list;
    for (int i = 0; i < topLevelItemCount(); ++i)
        list.append(attachmentOf(topLevelItem(i)));
    return list;
}

qint64 AttachmentList::totalSize() const
{
    qint64 total = 0;
    for (int i = 0; i < topLevelItemCount(); ++i)
        total += topLevelItem(i)->data(0, sizeRole).toLongLong();
    return total;
}

QStringList AttachmentList::localFiles(const QMimeData *data)
{
    QStringList files;
    if (!data || !data->hasUrls())
        return files;
    for (const QUrl &url : data->urls())
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            files.append(url.toLocalFile());
    return files;
}

void AttachmentList::dragEnterEvent(QDragEnterEvent *event)
{
    if (localFiles(event->mimeData()).isEmpty())
        return event->ignore();
    event->acceptProposedAction();
}

void AttachmentList::dragMoveEvent(QDragMoveEvent *event)
{
    if (localFiles(event->mimeData()).isEmpty())
        return event->ignore();
    event->acceptProposedAction();
}

void AttachmentList::dropEvent(QDropEvent *event)
{
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty())
        return event->ignore();
    for (const QString &file : files)
        addFile(file);
    event->acceptProposedAction();
}

void AttachmentList::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
        removeSelected();
        return;
    }
    QTreeWidget::keyPressEvent(event);
}
