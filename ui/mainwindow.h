#pragma once

#include "models/messagegroups.h"

#include <QItemSelection>
#include <QMainWindow>
#include <QModelIndex>

#include <functional>

class FolderTreeView;
class MainActions;
class MessageTableView;
class MessageSelectionKeeper;
class MessageViewer;
class OutboxView;
class QAbstractItemModel;
class QAbstractItemView;
class QComboBox;
class QLabel;
class QDialog;
class QHeaderView;
class QLineEdit;
class QMenu;
class QSettings;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;
class QTreeView;
class StatusArea;
class TreeRowsModel;

// The main window composes the folder tree, the message list and the message view. It knows
// no service: its actions come out as signals, and the models are handed in from outside.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // The layout (geometry, splitters, column widths) is kept in `settings`; nullptr uses the
    // application's default QSettings. The settings object must outlive the window.
    explicit MainWindow(QSettings *settings = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setFolderModel(QAbstractItemModel *model);
    void setMessageModel(QAbstractItemModel *model);
    void setOutboxModel(QAbstractItemModel *model);
    // Whether the message on display came through a mailing list that takes posts (List-Post):
    // Reply to List is enabled only then.
    void setListReplyAvailable(bool available);
    // The folder model's role holding a folder's id: drops go only onto real folders.
    void setFolderIdRole(int role);
    // The folder model's role holding a folder's account: drags naming an account go only there.
    void setAccountIdRole(int role);

    // The message pane shows either the message list with the viewer or the Outbox.
    void showMessageList();
    void showOutbox();
    bool isShowingOutbox() const;

    // Asked when the window closes (Quit, Ctrl+Q, the window's close button): true while mail
    // is waiting to be sent, and then the user confirms before the window closes.
    void setUnsentMailCheck(std::function<bool()> check) { m_hasUnsentMail = std::move(check); }
    // Asked before a folder is renamed (deleting false) or deleted: why it cannot be, or empty.
    // A reason is shown instead of the rename dialog or the confirmation.
    void setFolderChangeCheck(std::function<QString(const QModelIndex &, bool deleting)> check)
    {
        m_folderChangeCheck = std::move(check);
    }
    // Asks for the .eml file File → Open opens (a file dialog unless replaced, as tests do).
    void setOpenFileChooser(std::function<QString()> chooser)
    {
        m_openFileChooser = std::move(chooser);
    }

    // The Help menu's keyboard shortcuts: every action of the window that has one, with it.
    QDialog *createShortcutsDialog();

    MainActions *actions() const { return m_actions; }
    QTreeView *folderView() const;
    // The message list: a table, for threads too (their rows through threadRows()).
    QAbstractItemView *messageView() const;
    QTableView *messageTable() const;
    QHeaderView *messageHeader() const;
    // The list's rows when it shows threads: the model set, its threads expanded as the user
    // chose. The message view's model then, and its indexes those of the list's signals.
    TreeRowsModel *threadRows() const { return m_threadRows; }
    MessageViewer *messageViewer() const { return m_messageViewer; }
    QSplitter *mainSplitter() const { return m_mainSplitter; }
    QSplitter *messageSplitter() const { return m_messageSplitter; }
    QLineEdit *filterField() const { return m_filterField; }
    // Beside the filter: where it searches, this folder or every folder of every account.
    QComboBox *searchScope() const { return m_searchScope; }
    bool isSearchingAllFolders() const;
    void setSearchingAllFolders(bool all);
    // Tells over an empty list that a search found nothing ("No messages match"), or, while
    // busy, that servers are still being asked.
    void setSearchBusy(bool busy);
    QLabel *emptySearchLabel() const { return m_emptySearch; }
    // Whether the folder on display keeps its messages for offline use; enabled: it can.
    void setKeepOfflineState(bool enabled, bool kept);
    StatusArea *statusArea() const { return m_statusArea; }
    OutboxView *outboxView() const { return m_outboxView; }

    // The context menus: of the selected messages (the message list's actions), and of a
    // folder (Open, Get Messages, Mark All as Read). The caller owns them.
    QMenu *createMessageMenu();
    QMenu *createFolderMenu(const QModelIndex &folder);

    // Tells why a folder could not be created, renamed, deleted or (un)subscribed, in a message
    // box over the window.
    void showFolderError(const QString &text);

    // What Undo takes back ("Moved 3 messages to Trash"); empty: nothing, and Undo is disabled.
    void setUndoText(const QString &text);

    // The message on display is marked read (markReadRequested()) once it has stayed on display
    // this long: walking the list with the arrow keys leaves the messages passed over unread.
    void setMarkReadDelay(int milliseconds);
    int markReadDelay() const;
    // Selects the next unread message after the current one (N); false when there is none.
    bool selectNextUnread();

    // Shows the text of a search for the messages from this address ("from:ADDRESS").
    void searchFrom(const QString &address);

    bool isThreaded() const;
    void setThreaded(bool threaded);
    // With threads, each conversation's replies on one level (View → Flat Conversations).
    bool isFlatThreads() const;

    void saveLayout();
    void restoreLayout();

Q_SIGNALS:
    void newMessageRequested();
    void replyRequested(const QModelIndex &message);
    void replyAllRequested(const QModelIndex &message);
    void replyToListRequested(const QModelIndex &message);
    void forwardRequested(const QModelIndex &message);
    void forwardAsAttachmentRequested(const QModelIndex &message);
    void deleteRequested(const QItemSelection &messages);
    void undoRequested();
    void markReadRequested(const QItemSelection &messages);
    void markUnreadRequested(const QItemSelection &messages);
    void flagRequested(const QItemSelection &messages);
    void refreshRequested();
    // Every message of the folder (an index of the folder model) is to be marked read.
    void markFolderReadRequested(const QModelIndex &folder);
    // A new message to this address (an address's or a mailto: link's context menu).
    void composeToRequested(const QString &address);
    // An .eml file to show in a window of its own (File → Open).
    void openFileRequested(const QString &path);
    // The message on display: saved as a file, its source shown, shown in a window of its own
    // (Open in New Window, Enter, a double click).
    void saveMessageRequested(const QModelIndex &message);
    void viewSourceRequested(const QModelIndex &message);
    void openInWindowRequested(const QModelIndex &message);
    void accountsRequested();
    void importContactsRequested();
    void exportContactsRequested();
    void settingsRequested();
    void filterTextChanged(const QString &text);
    void searchScopeChanged(bool allFolders);
    // The user turned "Keep Messages for Offline Use" on or off for the folder.
    void keepOfflineRequested(const QModelIndex &folder, bool keep);
    void threadedChanged(bool threaded);
    void flatThreadsChanged(bool flat);
    void folderSelected(const QModelIndex &folder);
    // The message to show: chosen by the user, or the one that follows deleted or moved
    // messages. Invalid when none is (another folder, an empty list, the message left the list);
    // the message viewer is cleared then.
    void messageSelected(const QModelIndex &message);
    // Messages were dragged from the list onto the folder targetFolder, or sent there with Move
    // to Folder: a whole folder when every row of its large list was (MessageGroups).
    void moveRequested(const QModelIndex &targetFolder, const MessageGroup &messages);
    // The same for a copy: dragged with Ctrl held, or sent there with Copy to Folder. The
    // target may be a folder of another account, as for a move.
    void copyRequested(const QModelIndex &targetFolder, const MessageGroup &messages);
    // Folder → New Folder with the name typed: inside the folder at (an index of the folder
    // model), or, with inside false, at the top level of at's account.
    void createFolderRequested(const QModelIndex &at, bool inside, const QString &name);
    void renameFolderRequested(const QModelIndex &folder, const QString &name);
    // Asked after the user confirmed.
    void deleteFolderRequested(const QModelIndex &folder);
    void subscribeFolderRequested(const QModelIndex &folder, bool subscribed);
    // Empty Trash / Empty Junk, after the user confirmed: every message of the folder goes.
    void emptyFolderRequested(const QModelIndex &folder);

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createMenus();
    void createToolBar();
    void connectActions();
    void showFilter();
    void hideFilter();
    void updateMessageActions();
    void updateEmptySearch();
    void fitSearchColumns();
    void fitColumns();
    // Move to Folder (Copy to Folder with copy): asks for a folder of any account, then
    // moveRequested() (copyRequested()).
    void chooseMoveTarget(bool copy);
    // The folder operations, for the folder at (the folder tree's current one from the Folder
    // menu, the one clicked from its context menu): a dialog, then the request.
    void askNewFolder(const QModelIndex &at);
    void askRenameFolder(const QModelIndex &folder);
    void askDeleteFolder(const QModelIndex &folder);
    void askEmptyFolder(const QModelIndex &folder);
    // A warning with Cancel (the default) and the button action; confirmed() when it is chosen.
    void confirmDestructive(const QString &objectName, const QString &title, const QString &text,
                            const QString &action, const std::function<void()> &confirmed);
    void updateFolderActions();
    void onCurrentFolderChanged(const QModelIndex &current);
    bool confirmQuitWithUnsentMail();
    QModelIndex currentMessage() const;
    // Whether model shows as threads (through m_threadRows): a tree of messages, or any model
    // but a table or list one with View → Threads.
    bool showsAsThreads(const QAbstractItemModel *model) const;
    // The model set with setMessageModel(): the table's, or the one behind the thread rows.
    QAbstractItemModel *messageModel() const;
    // The columns' widths, order and sort for model, as the user left them or at first start.
    void layOutColumns(const QAbstractItemModel *model);
    // The selected rows as the list's selection model keeps them, in ranges: a million rows
    // selected are one range, not a million indexes.
    QItemSelection selectedMessages() const;

    QSettings *m_settings;
    bool m_ownsSettings = false;
    QMetaObject::Connection m_folderCurrentConnection;
    MainActions *m_actions;
    QSplitter *m_mainSplitter;
    QSplitter *m_messageSplitter;
    FolderTreeView *m_folderView;
    QStackedWidget *m_messagePane;
    QWidget *m_listPane;
    OutboxView *m_outboxView;
    MessageTableView *m_messageTable;
    TreeRowsModel *m_threadRows;
    MessageSelectionKeeper *m_selectionKeeper;
    QLineEdit *m_filterField;
    QComboBox *m_searchScope;
    QLabel *m_emptySearch;
    bool m_searchBusy = false;
    bool m_listReplyAvailable = false;
    QList<QMetaObject::Connection> m_modelConnections;
    MessageViewer *m_messageViewer;
    StatusArea *m_statusArea;
    QByteArray m_pendingHeaderState;
    std::function<bool()> m_hasUnsentMail;
    std::function<QString()> m_openFileChooser;
    std::function<QString(const QModelIndex &, bool)> m_folderChangeCheck;
    QTimer *m_readTimer;
    QPersistentModelIndex m_readPending; // the message the timer marks read
};
