#pragma once

#include <QStringList>
#include <QTreeWidget>

// The composer's attachments: name and size of each file; accepts files dropped on it.
class AttachmentList : public QTreeWidget
{
    Q_OBJECT
public:
    explicit AttachmentList(QWidget *parent = nullptr);

    // false (and nothing added) for something that is not a readable regular file.
    bool addFile(const QString &path);
    void removeSelected();
    QStringList filePaths() const;
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
