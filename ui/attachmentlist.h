#pragma once

#include "mime/outgoingmessage.h"

#include <QList>
#include <QStringList>
#include <QTreeWidget>

// The composer's attachments: name and size of each file, or of data held in memory (a
// forwarded message); accepts files dropped on it.
class AttachmentList : public QTreeWidget
{
    Q_OBJECT
public:
    explicit AttachmentList(QWidget *parent = nullptr);

    // false (and nothing added) for something that is not a readable regular file.
    bool addFile(const QString &path);
    // A file attached under another name and type (a forwarded message that is a file of the
    // cache): attachment.filePath set, read when the message is assembled.
    bool addFileAs(const OutgoingAttachment &attachment);
    // Data attached under fileName (filePath empty, data set).
    void addData(const OutgoingAttachment &attachment);
    void removeSelected();
    // The files among the attachments.
    QStringList filePaths() const;
    // The attachments held as data.
    QList<OutgoingAttachment> dataAttachments() const;
    // Every attachment in the order shown: files and data.
    QList<OutgoingAttachment> attachments() const;
    qint64 totalSize() const;

    // The local files among the URLs of a drag, or empty.
    static QStringList localFiles(const QMimeData *data);

Q_SIGNALS:
    void attachmentsChanged();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
};
