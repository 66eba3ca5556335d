#include "attachmentlistwidget.h"

#include <QApplication>
#include <QDrag>
#include <QLocale>
#include <QMimeData>
#include <QMimeDatabase>
#include <QStyle>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

QString baseText(const ViewerMessage::Attachment &a)
{
    const QString name = a.fileName.isEmpty() ? AttachmentListWidget::tr("(unnamed)") : a.fileName;
    if (a.size < 0)
        return name;
    return name + u" ("_s + AttachmentListWidget::sizeText(a.size) + u')';
}

} // namespace

AttachmentListWidget::AttachmentListWidget(QWidget *parent)
    : QListWidget(parent)
{
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setSpacing(2);
    setIconSize(QSize(22, 22));
}

QString AttachmentListWidget::sizeText(qint64 size)
{
    return QLocale().formattedDataSize(size, 1, QLocale::DataSizeTraditionalFormat);
}

QIcon AttachmentListWidget::iconFor(const QString &mimeType, const QString &fileName)
{
    static const QMimeDatabase database;
    QMimeType type = database.mimeTypeForName(mimeType);
    if (!type.isValid() || type.isDefault())
        type = database.mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
    const QIcon fallback = QApplication::style()->standardIcon(QStyle::SP_FileIcon);
    return QIcon::fromTheme(type.iconName(), QIcon::fromTheme(type.genericIconName(), fallback));
}

void AttachmentListWidget::setAttachments(const QList<ViewerMessage::Attachment> &attachments)
{
    clear();
    m_attachments = attachments;
    m_localFiles.clear();
    for (const ViewerMessage::Attachment &a : attachments) {
        auto *item = new QListWidgetItem(iconFor(a.mimeType, a.fileName), baseText(a), this);
        item->setData(PartIdRole, a.partId);
        item->setToolTip(a.mimeType.isEmpty() ? a.fileName : a.fileName + u"\n"_s + a.mimeType);
    }
}

QListWidgetItem *AttachmentListWidget::itemFor(const QString &partId) const
{
    for (int i = 0; i < count(); ++i) {
        if (item(i)->data(PartIdRole).toString() == partId)
            return item(i);
    }
    return nullptr;
}

void AttachmentListWidget::setStatus(const QString &partId, const QString &status)
{
    QListWidgetItem *it = itemFor(partId);
    if (!it)
        return;
    for (const ViewerMessage::Attachment &a : std::as_const(m_attachments)) {
        if (a.partId == partId) {
            it->setText(status.isEmpty() ? baseText(a) : baseText(a) + u" \u2014 "_s + status);
            return;
        }
    }
}

void AttachmentListWidget::setProgress(const QString &partId, qint64 received, qint64 total)
{
    if (total > 0)
        setStatus(partId,
                  tr("downloading %1%").arg(qBound(qint64(0), received * 100 / total, qint64(100))));
    else
        setStatus(partId, tr("downloading %1").arg(sizeText(received)));
}

void AttachmentListWidget::setFailed(const QString &partId, const QString &error)
{
    setStatus(partId, tr("failed: %1").arg(error));
}

void AttachmentListWidget::setLocalFile(const QString &partId, const QString &path)
{
    m_localFiles.insert(partId, path);
    setStatus(partId, QString());
}

QStringList AttachmentListWidget::selectedPartIds() const
{
    QStringList ids;
    for (int i = 0; i < count(); ++i) {
        if (item(i)->isSelected())
            ids << item(i)->data(PartIdRole).toString();
    }
    return ids;
}

QStringList AttachmentListWidget::mimeTypes() const
{
    return {u"text/uri-list"_s};
}

QList<QUrl> AttachmentListWidget::dragUrls(const QList<QListWidgetItem *> &items) const
{
    QList<QUrl> urls;
    for (const QListWidgetItem *it : items) {
        const QString path = m_localFiles.value(it->data(PartIdRole).toString());
        if (!path.isEmpty())
            urls << QUrl::fromLocalFile(path);
    }
    return urls;
}

QMimeData *AttachmentListWidget::mimeData(const QList<QListWidgetItem *> &items) const
{
    const QList<QUrl> urls = dragUrls(items);
    if (urls.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setUrls(urls);
    return mime;
}

void AttachmentListWidget::startDrag(Qt::DropActions supportedActions)
{
    const QList<QListWidgetItem *> items = selectedItems();
    QStringList missing;
    for (const QListWidgetItem *it : items) {
        const QString partId = it->data(PartIdRole).toString();
        if (!m_localFiles.contains(partId))
            missing << partId;
    }
    if (!missing.isEmpty())
        Q_EMIT bytesNeeded(missing);
    QMimeData *mime = mimeData(items);
    if (!mime)
        return;
    auto *drag = new QDrag(this);
    drag->setMimeData(mime);
    if (!items.isEmpty())
        drag->setPixmap(items.first()->icon().pixmap(iconSize()));
    drag->exec(supportedActions & Qt::CopyAction);
}

Qt::DropActions AttachmentListWidget::supportedDropActions() const
{
    return Qt::CopyAction;
}
