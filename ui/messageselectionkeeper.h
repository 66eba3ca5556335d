#pragma once

#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPersistentModelIndex>
#include <QPointer>

class QAbstractItemModel;
class QItemSelectionModel;
class QAbstractItemView;

// Keeps the message list's selection and the message on display in step. The message on
// display is the list's current row, as the user chose it. When it leaves the list (deleted,
// moved, expunged by the server) or the list is rebuilt, the keeper decides what comes next:
//
// - after prepareRemoval() (the user asked to delete or move the selected rows): the row that
//   takes the place of the first of them, the one before them when they were the last rows,
//   nothing when the list is empty then;
// - otherwise the same message where the rebuilt list still holds it, else nothing.
//
// The models remove rows with beginRemoveRows(), move them with a layout change or reset for
// large changes; all three are followed. Rows are remembered by persistent index and by the
// message's identity (account, folder, UID) with their row, so that a reset loses nothing.
class MessageSelectionKeeper : public QObject
{
    Q_OBJECT
public:
    explicit MessageSelectionKeeper(QAbstractItemView *view, QObject *parent = nullptr);
    ~MessageSelectionKeeper() override;

    QAbstractItemView *view() const { return m_view; }
    // Sets the view's model. A new model starts with no message on display.
    void setModel(QAbstractItemModel *model);
    // To be called before the selected rows are asked to leave the list: the row that will
    // follow them is remembered, and selected once they (or the message on display) are gone.
    void prepareRemoval();
    // Nothing selected and nothing on display (another folder is opened).
    void clear();

    QModelIndex shownMessage() const { return m_shown; }

Q_SIGNALS:
    // The message to show changed; invalid when there is none. Emitted once per change,
    // whether the user chose the row or the list moved on by itself.
    void shownMessageChanged(const QModelIndex &message);
    // The message on display left the list; shownMessageChanged() follows.
    void shownMessageLeft();
    // The rows selected changed (chosen by the user, or left the list).
    void selectionChanged();

private:
    struct Identity
    {
        QString account;
        qint64 folder = 0;
        quint32 uid = 0;
        bool isNull() const { return uid == 0; }
        bool operator==(const Identity &other) const = default;
    };
    struct FollowUp
    {
        bool pending = false;
        QPersistentModelIndex successor; // invalid: the list ends up empty
        Identity identity;
        int row = -1; // the successor's top-level row once the removed rows are gone
    };

    static Identity identityOf(const QModelIndex &index);
    QModelIndex find(const Identity &identity, int rowHint) const;
    void onCurrentChanged(const QModelIndex &current);
    void beginChange();
    void endChange(bool rebuilt);
    void settle(bool rebuilt);
    void applyFollowUp();
    // Selects the message on display again where the rebuilt list still holds it.
    bool showAgain();
    void remember(const QModelIndex &index);
    void forget();
    // Selects index alone, makes it current and reports it as the message to show.
    void show(const QModelIndex &index);
    void showNothing();
    void disconnectModel();
    void connectSelection();
    // The view's own selection model for the model before, now that it is no longer used.
    void dropSelectionModel(QItemSelectionModel *selection, QAbstractItemView *view);

    QAbstractItemView *m_view;
    QPointer<QAbstractItemModel> m_model;
    QPointer<QItemSelectionModel> m_selection;
    QList<QMetaObject::Connection> m_connections;
    QList<QMetaObject::Connection> m_selectionConnections;
    QPersistentModelIndex m_shown;
    Identity m_shownIdentity;
    int m_shownRow = -1; // where the message was, to look there first
    bool m_showing = false;
    FollowUp m_followUp;
    int m_changing = 0; // model changes under way: their current changes are not the user's
    bool m_rebuilt = false; // a reset happened during the changes under way
    bool m_selecting = false; // the keeper itself moves the current row
};
