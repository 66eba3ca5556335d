#pragma once

#include "viewermessage.h"

#include <QListWidget>

// The attachments of a message: name, size in human units and an icon for the type. Items
// whose bytes are on disk (a temporary copy) can be dragged out to a file manager as file
// URLs; dragging an item whose bytes are not there yet asks for them (bytesNeeded()), and it
// can be dragged once they have arrived.
class AttachmentListWidget : public QListWidget
{
    Q_OBJECT
public:
    static constexpr int PartIdRole = Qt::UserRole + 1;

    explicit AttachmentListWidget(QWidget *parent = nullptr);

    void setAttachments(const QList<ViewerMessage::Attachment> &attachments);
    QList<ViewerMessage::Attachment> attachments() const { return m_attachments; }

    // Download progress of one attachment; total -1 when unknown.
    void setProgress(const QString &partId, qint64 received, qint64 total);
    void setFailed(const QString &partId, const QString &error);
    // The attachment's bytes are in this local file.
    void setLocalFile(const QString &partId, const QString &path);
    QString localFile(const QString &partId) const { return m_localFiles.value(partId); }

    QStringList selectedPartIds() const;
    // The file URLs a drag of these items carries: those whose bytes are on disk.
    QList<QUrl> dragUrls(const QList<QListWidgetItem *> &items) const;
    QListWidgetItem *itemFor(const QString &partId) const;

    static QIcon iconFor(const QString &mimeType, const QString &fileName);
    static QString sizeText(qint64 size);

Q_SIGNALS:
    // The bytes of these attachments are needed to drag them out.
    void bytesNeeded(const QStringList &partIds);

protected:
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
    Qt::DropActions supportedDropActions() const override;
    void startDrag(Qt::DropActions supportedActions) override;

private:
    void setStatus(const QString &partId, const QString &status);

    QList<ViewerMessage::Attachment> m_attachments;
    QHash<QString, QString> m_localFiles;
};
