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
    QAction *deleteMessage() const { return m_delete; }
    QAction *markRead() const { return m_markRead; }
    QAction *markUnread() const { return m_markUnread; }
    QAction *flag() const { return m_flag; }
    QAction *search() const { return m_search; }
    QAction *refresh() const { return m_refresh; }
    QAction *accounts() const { return m_accounts; }
    // The address book in and out of vCard files.
    QAction *importContacts() const { return m_importContacts; }
    QAction *exportContacts() const { return m_exportContacts; }
    QAction *quit() const { return m_quit; }
    // Takes back the last move or deletion; disabled while there is none.
    QAction *undo() const { return m_undo; }
    // Checkable: the message list shows threads.
    QAction *threadedView() const { return m_threadedView; }
    // Checkable: the folder on display keeps its messages for offline use.
    QAction *keepOffline() const { return m_keepOffline; }

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
    QAction *m_delete;
    QAction *m_markRead;
    QAction *m_markUnread;
    QAction *m_flag;
    QAction *m_search;
    QAction *m_refresh;
    QAction *m_accounts;
    QAction *m_importContacts;
    QAction *m_exportContacts;
    QAction *m_quit;
    QAction *m_threadedView;
    QAction *m_keepOffline;
};
