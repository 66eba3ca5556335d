#pragma once

#include <QMainWindow>
#include <QModelIndex>

class MainActions;
class MessageViewer;
class QAbstractItemModel;
class QLineEdit;
class QSettings;
class QSplitter;
class QTreeView;
class StatusArea;

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

    MainActions *actions() const { return m_actions; }
    QTreeView *folderView() const { return m_folderView; }
    QTreeView *messageView() const { return m_messageList; }
    MessageViewer *messageViewer() const { return m_messageViewer; }
    QSplitter *mainSplitter() const { return m_mainSplitter; }
    QSplitter *messageSplitter() const { return m_messageSplitter; }
    QLineEdit *filterField() const { return m_filterField; }
    StatusArea *statusArea() const { return m_statusArea; }

    void saveLayout();
    void restoreLayout();

Q_SIGNALS:
    void newMessageRequested();
    void replyRequested(const QModelIndex &message);
    void replyAllRequested(const QModelIndex &message);
    void forwardRequested(const QModelIndex &message);
    void deleteRequested(const QModelIndexList &messages);
    void markReadRequested(const QModelIndexList &messages);
    void markUnreadRequested(const QModelIndexList &messages);
    void flagRequested(const QModelIndexList &messages);
    void refreshRequested();
    void accountsRequested();
    void filterTextChanged(const QString &text);
    void folderSelected(const QModelIndex &folder);
    void messageSelected(const QModelIndex &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createToolBar();
    void connectActions();
    void showFilter();
    void hideFilter();
    void updateMessageActions();
    QModelIndex currentMessage() const;
    QModelIndexList selectedMessages() const;

    QSettings *m_settings;
    bool m_ownsSettings = false;
    MainActions *m_actions;
    QSplitter *m_mainSplitter;
    QSplitter *m_messageSplitter;
    QTreeView *m_folderView;
    QTreeView *m_messageList;
    QLineEdit *m_filterField;
    MessageViewer *m_messageViewer;
    StatusArea *m_statusArea;
    QByteArray m_pendingHeaderState;
};
