// The folder tree's menu and the questions its actions ask: new, rename, delete and empty.
#include "mainwindow.h"

#include "foldernamedialog.h"
#include "foldertreeview.h"
#include "icons.h"
#include "mainactions.h"
#include "models/accountfoldermodel.h"

#include <QAbstractButton>
#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QPersistentModelIndex>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>

using namespace Qt::StringLiterals;

QMenu *MainWindow::createFolderMenu(const QModelIndex &folder)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(u"folderMenu"_s);
    const QPersistentModelIndex index(folder);
    const bool isFolder = m_folderView->isFolder(folder);
    QAction *open = menu->addAction(tr("&Open"));
    open->setObjectName(u"openFolder"_s);
    connect(open, &QAction::triggered, this, [this, index] {
        if (index.isValid())
            m_folderView->setCurrentIndex(index);
    });
    menu->addAction(m_actions->refresh());
    QAction *markRead = menu->addAction(Icons::icon(u"mark-read"_s), tr("Mark All as &Read"));
    markRead->setObjectName(u"markFolderRead"_s);
    markRead->setEnabled(isFolder);
    connect(markRead, &QAction::triggered, this, [this, index] {
        if (index.isValid())
            Q_EMIT markFolderReadRequested(index);
    });
    // Trash and Junk are emptied from here.
    const auto use = FolderRecord::SpecialUse(folder.data(FolderTreeModel::SpecialUseRole).toInt());
    if (isFolder
        && (use == FolderRecord::SpecialUse::Trash || use == FolderRecord::SpecialUse::Junk)) {
        QAction *empty = menu->addAction(Icons::icon(u"trash"_s),
                                         use == FolderRecord::SpecialUse::Trash
                                                 ? tr("&Empty Trash…")
                                                 : tr("&Empty Junk…"));
        empty->setObjectName(u"emptyFolder"_s);
        connect(empty, &QAction::triggered, this, [this, index] { askEmptyFolder(index); });
    }
    menu->addSeparator();
    const bool inAccount = !folder.data(AccountFolderModel::AccountIdRole).toString().isEmpty();
    QAction *create = menu->addAction(Icons::icon(u"folder"_s), tr("&New Folder…"));
    create->setObjectName(u"newFolderHere"_s);
    create->setEnabled(inAccount);
    connect(create, &QAction::triggered, this, [this, index] { askNewFolder(index); });
    QAction *rename = menu->addAction(tr("Ren&ame…"));
    rename->setObjectName(u"renameFolderHere"_s);
    rename->setEnabled(isFolder);
    connect(rename, &QAction::triggered, this, [this, index] { askRenameFolder(index); });
    QAction *remove = menu->addAction(Icons::icon(u"trash"_s), tr("&Delete…"));
    remove->setObjectName(u"deleteFolderHere"_s);
    remove->setEnabled(isFolder);
    connect(remove, &QAction::triggered, this, [this, index] { askDeleteFolder(index); });
    QAction *subscribed = menu->addAction(tr("&Subscribed"));
    subscribed->setObjectName(u"subscribeFolderHere"_s);
    subscribed->setCheckable(true);
    subscribed->setChecked(folder.data(FolderTreeModel::IsSubscribedRole).toBool());
    subscribed->setEnabled(isFolder);
    connect(subscribed, &QAction::triggered, this, [this, index](bool on) {
        if (index.isValid())
            Q_EMIT subscribeFolderRequested(index, on);
    });
    menu->addSeparator();
    menu->addAction(m_actions->subscribedOnly());
    return menu;
}

void MainWindow::updateFolderActions()
{
    const QModelIndex current = m_folderView->currentIndex();
    const bool folder = m_folderView->isFolder(current);
    m_actions->newFolder()->setEnabled(
            !current.data(AccountFolderModel::AccountIdRole).toString().isEmpty());
    m_actions->renameFolder()->setEnabled(folder);
    m_actions->deleteFolder()->setEnabled(folder);
    m_actions->subscribeFolder()->setEnabled(folder);
    m_actions->subscribeFolder()->setChecked(
            folder && current.data(FolderTreeModel::IsSubscribedRole).toBool());
}

void MainWindow::askNewFolder(const QModelIndex &at)
{
    if (at.data(AccountFolderModel::AccountIdRole).toString().isEmpty())
        return;
    const QPersistentModelIndex index(at);
    auto *dialog = FolderNameDialog::forNewFolder(m_folderView->isFolder(at)
                                                          ? at.data(Qt::EditRole).toString()
                                                          : QString(),
                                                  this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, index] {
        if (index.isValid())
            Q_EMIT createFolderRequested(index, dialog->isInside(), dialog->name());
    });
    dialog->open();
}

void MainWindow::askRenameFolder(const QModelIndex &folder)
{
    if (!m_folderView->isFolder(folder))
        return;
    if (const QString refused = m_folderChangeCheck ? m_folderChangeCheck(folder, false) : QString();
        !refused.isEmpty()) {
        showFolderError(refused);
        return;
    }
    const QPersistentModelIndex index(folder);
    auto *dialog = FolderNameDialog::forRename(folder.data(Qt::EditRole).toString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, index] {
        if (index.isValid())
            Q_EMIT renameFolderRequested(index, dialog->name());
    });
    dialog->open();
}

void MainWindow::askDeleteFolder(const QModelIndex &folder)
{
    if (!m_folderView->isFolder(folder))
        return;
    if (const QString refused = m_folderChangeCheck ? m_folderChangeCheck(folder, true) : QString();
        !refused.isEmpty()) {
        showFolderError(refused);
        return;
    }
    const QPersistentModelIndex index(folder);
    const int count = folder.data(FolderTreeModel::MessageCountRole).toInt();
    confirmDestructive(u"deleteFolderBox"_s, tr("Delete Folder"),
                       tr("Delete the folder “%1” and the %n message(s) in it, on the server too? "
                          "This cannot be undone.",
                          nullptr, count)
                               .arg(folder.data(Qt::EditRole).toString()),
                       tr("&Delete Folder"), [this, index] {
                           if (index.isValid())
                               Q_EMIT deleteFolderRequested(index);
                       });
}

void MainWindow::askEmptyFolder(const QModelIndex &folder)
{
    if (!m_folderView->isFolder(folder))
        return;
    const QPersistentModelIndex index(folder);
    const int count = folder.data(FolderTreeModel::MessageCountRole).toInt();
    confirmDestructive(u"emptyFolderBox"_s, tr("Empty Folder"),
                       tr("Delete the %n message(s) in “%1” for good? This cannot be undone.",
                          nullptr, count)
                               .arg(folder.data(Qt::EditRole).toString()),
                       tr("&Empty"), [this, index] {
                           if (index.isValid())
                               Q_EMIT emptyFolderRequested(index);
                       });
}

void MainWindow::confirmDestructive(const QString &objectName, const QString &title,
                                    const QString &text, const QString &action,
                                    const std::function<void()> &confirmed)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Cancel, this);
    box->setObjectName(objectName);
    QPushButton *button = box->addButton(action, QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [box, button, confirmed] {
        if (box->clickedButton() == button)
            confirmed();
    });
    box->open();
}

void MainWindow::showFolderError(const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Folder"), text, QMessageBox::Ok, this);
    box->setObjectName(u"folderErrorBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}
