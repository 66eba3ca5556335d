#pragma once

#include <QList>
#include <QObject>

class QAction;
class QWidget;

// The main window's actions, with their texts, icons and standard shortcuts. Owned by the
// widget they are created for, so their shortcuts work anywhere in that window.
class MainActions : public QObject
{
    Q_OBJECT
public:
    explicit MainActions(QWidget *window);

    QAction *newMessage() const { return m_newMessage; }
    QAction *reply() const { return m_reply; }
    QAction *replyAll() const { return m_replyAll; }
    // To the mailing list the message came through (its List-Post address).
    QAction *replyToList() const { return m_replyToList; }
    QAction *forward() const { return m_forward; }
    QAction *forwardAsAttachment() const { return m_forwardAsAttachment; }
    QAction *moveTo() const { return m_moveTo; }
    QAction *copyTo() const { return m_copyTo; }
    QAction *deleteMessage() const { return m_delete; }
    QAction *markRead() const { return m_markRead; }
    QAction *markUnread() const { return m_markUnread; }
    QAction *flag() const { return m_flag; }
    // N: the next unread message of the list.
    QAction *nextUnread() const { return m_nextUnread; }
    QAction *search() const { return m_search; }
    QAction *refresh() const { return m_refresh; }
    QAction *accounts() const { return m_accounts; }
    // The address book in and out of vCard files.
    QAction *importContacts() const { return m_importContacts; }
    QAction *exportContacts() const { return m_exportContacts; }
    QAction *settings() const { return m_settings; }
    QAction *quit() const { return m_quit; }
    // A whole message: File → Open (an .eml file), Save As, Print, Export as PDF; View Source and
    // Open in Window for the message on display.
    QAction *openFile() const { return m_openFile; }
    QAction *saveMessage() const { return m_saveMessage; }
    QAction *print() const { return m_print; }
    QAction *exportPdf() const { return m_exportPdf; }
    QAction *viewSource() const { return m_viewSource; }
    QAction *openInWindow() const { return m_openInWindow; }
    // Help: the keyboard shortcuts, About.
    QAction *shortcuts() const { return m_shortcuts; }
    QAction *about() const { return m_about; }
    // Takes back the last move or deletion; disabled while there is none.
    QAction *undo() const { return m_undo; }
    // Checkable: the message list shows threads.
    QAction *threadedView() const { return m_threadedView; }
    QAction *subscribedOnly() const { return m_subscribedOnly; }
    // With threads: replies on one level; every thread opened (*).
    QAction *flatThreads() const { return m_flatThreads; }
    QAction *expandThreads() const { return m_expandThreads; }
    // Checkable: the folder on display keeps its messages for offline use.
    QAction *keepOffline() const { return m_keepOffline; }
    // The folder chosen in the folder tree: a new folder (inside it or at the top level),
    // renamed, deleted (after a question), subscribed (checkable).
    QAction *newFolder() const { return m_newFolder; }
    QAction *renameFolder() const { return m_renameFolder; }
    QAction *deleteFolder() const { return m_deleteFolder; }
    QAction *subscribeFolder() const { return m_subscribeFolder; }

    // The actions that act on the selected messages.
    QList<QAction *> messageActions() const;

private:
    QAction *create(const QString &objectName, const QString &text, const QString &iconName);

    QWidget *m_window;
    QAction *m_newMessage;
    QAction *m_undo;
    QAction *m_reply;
    QAction *m_replyAll;
    QAction *m_replyToList;
    QAction *m_forward;
    QAction *m_forwardAsAttachment;
    QAction *m_moveTo;
    QAction *m_copyTo;
    QAction *m_delete;
    QAction *m_markRead;
    QAction *m_markUnread;
    QAction *m_flag;
    QAction *m_nextUnread;
    QAction *m_search;
    QAction *m_refresh;
    QAction *m_accounts;
    QAction *m_importContacts;
    QAction *m_exportContacts;
    QAction *m_settings;
    QAction *m_quit;
    QAction *m_openFile;
    QAction *m_saveMessage;
    QAction *m_print;
    QAction *m_exportPdf;
    QAction *m_viewSource;
    QAction *m_openInWindow;
    QAction *m_shortcuts;
    QAction *m_about;
    QAction *m_threadedView;
    QAction *m_subscribedOnly;
    QAction *m_flatThreads;
    QAction *m_expandThreads;
    QAction *m_keepOffline;
    QAction *m_newFolder;
    QAction *m_renameFolder;
    QAction *m_deleteFolder;
    QAction *m_subscribeFolder;
};
