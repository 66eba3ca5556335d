#include "mainactions.h"

#include "icons.h"

#include <QAction>
#include <QIcon>
#include <QWidget>

MainActions::MainActions(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    m_newMessage = create(QStringLiteral("newMessage"), tr("&New Message"),
                          QStringLiteral("mail-new"));
    m_newMessage->setShortcut(QKeySequence::New);

    m_reply = create(QStringLiteral("reply"), tr("&Reply"), QStringLiteral("mail-reply"));
    m_reply->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));

    m_replyAll = create(QStringLiteral("replyAll"), tr("Reply to &All"),
                        QStringLiteral("mail-reply-all"));
    m_replyAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));

    m_replyToList = create(QStringLiteral("replyToList"), tr("Reply to &List"),
                           QStringLiteral("mail-reply-all"));
    m_replyToList->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L));

    m_forward = create(QStringLiteral("forward"), tr("&Forward"), QStringLiteral("mail-forward"));
    m_forward->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

    m_forwardAsAttachment = create(QStringLiteral("forwardAsAttachment"),
                                   tr("Forward as A&ttachment"), QStringLiteral("mail-forward"));
    m_forwardAsAttachment->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));

    m_delete = create(QStringLiteral("delete"), tr("&Delete"), QStringLiteral("trash"));
    m_delete->setShortcut(QKeySequence(Qt::Key_Delete));

    m_moveTo = create(QStringLiteral("moveTo"), tr("Mo&ve to Folder…"), QStringLiteral("folder"));
    m_moveTo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));

    m_copyTo = create(QStringLiteral("copyTo"), tr("Cop&y to Folder…"), QStringLiteral("folder"));
    m_copyTo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y));

    m_markRead = create(QStringLiteral("markRead"), tr("Mark as R&ead"),
                        QStringLiteral("mark-read"));
    m_markRead->setShortcut(QKeySequence(Qt::Key_M));

    m_markUnread = create(QStringLiteral("markUnread"), tr("Mark as &Unread"),
                          QStringLiteral("mark-unread"));
    m_markUnread->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_M));

    m_flag = create(QStringLiteral("flag"), tr("&Flag"), QStringLiteral("flag"));
    m_flag->setShortcut(QKeySequence(Qt::Key_S));

    m_nextUnread = create(QStringLiteral("nextUnread"), tr("&Next Unread Message"),
                          QStringLiteral("mark-unread"));
    m_nextUnread->setShortcut(QKeySequence(Qt::Key_N));

    m_undo = create(QStringLiteral("undo"), tr("&Undo"), QStringLiteral("undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setEnabled(false);

    m_search = create(QStringLiteral("search"), tr("&Search…"), QStringLiteral("search"));
    m_search->setShortcut(QKeySequence::Find);

    m_refresh = create(QStringLiteral("refresh"), tr("&Get Messages"), QStringLiteral("refresh"));
    m_refresh->setShortcut(QKeySequence(Qt::Key_F5));

    m_accounts = create(QStringLiteral("accounts"), tr("&Accounts…"), QStringLiteral("accounts"));
    m_importContacts = create(QStringLiteral("importContacts"), tr("&Import Contacts…"),
                              QStringLiteral("accounts"));
    m_importContacts->setToolTip(tr("Add the people of a vCard file to the address book"));
    m_exportContacts = create(QStringLiteral("exportContacts"), tr("&Export Contacts…"),
                              QStringLiteral("accounts"));
    m_exportContacts->setToolTip(tr("Save the address book as a vCard file"));
    m_accounts->setMenuRole(QAction::NoRole);

    m_settings = create(QStringLiteral("settings"), tr("Se&ttings…"), QStringLiteral("accounts"));
    m_settings->setShortcut(QKeySequence::Preferences);
    m_settings->setMenuRole(QAction::PreferencesRole);

    m_quit = create(QStringLiteral("quit"), tr("&Quit"), QStringLiteral("quit"));
    m_quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quit->setMenuRole(QAction::QuitRole);

    m_openFile = create(QStringLiteral("openFile"), tr("&Open Message File…"),
                        QStringLiteral("folder"));
    m_openFile->setShortcut(QKeySequence::Open);
    m_saveMessage = create(QStringLiteral("saveMessage"), tr("&Save Message As…"),
                           QStringLiteral("drafts"));
    m_saveMessage->setShortcut(QKeySequence::Save);
    m_print = create(QStringLiteral("print"), tr("&Print…"), QString());
    m_print->setShortcut(QKeySequence::Print);
    m_exportPdf = create(QStringLiteral("exportPdf"), tr("&Export as PDF…"), QString());
    m_viewSource = create(QStringLiteral("viewSource"), tr("View &Source"), QString());
    m_viewSource->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    m_openInWindow = create(QStringLiteral("openInWindow"), tr("Open in New &Window"), QString());
    m_shortcuts = create(QStringLiteral("shortcuts"), tr("&Keyboard Shortcuts"), QString());
    m_shortcuts->setShortcut(QKeySequence::HelpContents);
    m_about = create(QStringLiteral("about"), tr("&About Heron"), QStringLiteral("heron"));
    m_about->setMenuRole(QAction::AboutRole);

    m_threadedView = create(QStringLiteral("threadedView"), tr("&Threads"),
                            QStringLiteral("mail-reply-all"));
    m_threadedView->setCheckable(true);
    m_threadedView->setToolTip(tr("Group replies under the message they answer"));

    m_flatThreads = create(QStringLiteral("flatThreads"), tr("&Flat Conversations"),
                           QStringLiteral("mail-reply-all"));
    m_flatThreads->setCheckable(true);
    m_flatThreads->setIcon(QIcon()); // a check box shows whether it is on
    m_flatThreads->setEnabled(false);
    m_flatThreads->setToolTip(
            tr("Show every reply of a thread on one level under its first message"));

    m_expandThreads = create(QStringLiteral("expandThreads"), tr("&Expand All Threads"),
                             QStringLiteral("mail-reply-all"));
    m_expandThreads->setShortcut(QKeySequence(Qt::Key_Asterisk));
    m_expandThreads->setEnabled(false);

    m_subscribedOnly = create(QStringLiteral("subscribedOnly"), tr("Show Only S&ubscribed Folders"),
                              QStringLiteral("folder"));
    m_subscribedOnly->setCheckable(true);
    m_subscribedOnly->setIcon(QIcon()); // a check box shows whether it is on
    m_subscribedOnly->setToolTip(tr("Hide the folders you are not subscribed to"));

    m_keepOffline = create(QStringLiteral("keepOffline"), tr("&Keep Messages for Offline Use"),
                           QStringLiteral("folder"));
    m_keepOffline->setCheckable(true);
    m_keepOffline->setEnabled(false);
    m_keepOffline->setToolTip(tr("Download the folder's messages so that they can be read and"
                                 " searched without a connection"));

    m_newFolder = create(QStringLiteral("newFolder"), tr("&New Folder…"), QStringLiteral("folder"));
    m_newFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_renameFolder = create(QStringLiteral("renameFolder"), tr("&Rename Folder…"), QString());
    m_renameFolder->setShortcut(QKeySequence(Qt::Key_F2));
    m_deleteFolder = create(QStringLiteral("deleteFolder"), tr("&Delete Folder…"),
                            QStringLiteral("trash"));
    m_subscribeFolder = create(QStringLiteral("subscribeFolder"), tr("&Subscribed"), QString());
    m_subscribeFolder->setCheckable(true);
    m_subscribeFolder->setToolTip(tr("Whether the server lists the folder among those you "
                                     "follow"));

    m_reply->setToolTip(tr("Reply to the sender"));
    m_replyAll->setToolTip(tr("Reply to the sender and all recipients"));
    m_replyToList->setToolTip(tr("Reply to the mailing list the message came through"));
    m_forward->setToolTip(tr("Forward the message"));
    m_forwardAsAttachment->setToolTip(tr("Forward the whole message as an attachment"));
    m_moveTo->setToolTip(tr("Move the selected messages to another folder, of any account"));
    m_copyTo->setToolTip(tr("Copy the selected messages to a folder, of any account"));
    m_refresh->setToolTip(tr("Check all accounts for new messages"));
}

QAction *MainActions::create(const QString &objectName, const QString &text, const QString &iconName)
{
    auto *action = new QAction(Icons::icon(iconName), text, m_window);
    action->setObjectName(objectName);
    action->setShortcutContext(Qt::WindowShortcut);
    m_window->addAction(action);
    return action;
}

QList<QAction *> MainActions::messageActions() const
{
    return {m_reply,       m_replyAll,    m_replyToList, m_forward,   m_forwardAsAttachment,
            m_delete,      m_moveTo,      m_copyTo,      m_markRead,  m_markUnread,
            m_flag,        m_saveMessage, m_print,       m_exportPdf, m_viewSource,
            m_openInWindow};
}
