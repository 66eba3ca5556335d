#pragma once

#include <QDialog>
#include <QModelIndex>

#include <functional>

class QAbstractItemModel;
class QDialogButtonBox;
class QTreeView;

// Asks for the folder to move or copy messages to: the part of the folder tree under root (an
// invalid root: every account's folders), with only the folders accepts() allows choosable.
// The keyboard's way to what dragging messages onto the folder tree does.
class FolderChooserDialog : public QDialog
{
    Q_OBJECT
public:
    FolderChooserDialog(QAbstractItemModel *folders, const QModelIndex &root,
                        std::function<bool(const QModelIndex &)> accepts,
                        QWidget *parent = nullptr);

    // Copy to Folder rather than Move to Folder: the title and button say so.
    void setCopying(bool copying);
    // Makes index (an account's part of the tree) current and scrolls to it.
    void showNear(const QModelIndex &index);

    // The chosen folder once accepted; invalid before.
    QModelIndex chosenFolder() const;
    QTreeView *folderView() const { return m_view; }

private:
    void updateButtons();

    QTreeView *m_view;
    QDialogButtonBox *m_buttons;
    std::function<bool(const QModelIndex &)> m_accepts;
};
