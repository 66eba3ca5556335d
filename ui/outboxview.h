#pragma once

#include <QModelIndex>
#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QPushButton;
class QTreeView;

// The Outbox as the window shows it: the messages not sent yet, with their state (and the time
// of the next automatic attempt) and error, and Retry Now and Delete for the selected one: both
// for any message but the one being sent. The model is an OutboxModel (or anything with
// its roles); the actions leave as signals.
class OutboxView : public QWidget
{
    Q_OBJECT
public:
    explicit OutboxView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    QTreeView *list() const { return m_list; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *deleteButton() const { return m_delete; }
    QLabel *summaryLabel() const { return m_summary; }

Q_SIGNALS:
    void retryRequested(const QModelIndex &entry);
    // The user confirmed that the message shall never be sent.
    void deleteRequested(const QModelIndex &entry);

private:
    QModelIndex currentEntry() const;
    void updateButtons();
    void confirmDelete();

    QLabel *m_summary;
    QTreeView *m_list;
    QPushButton *m_retry;
    QPushButton *m_delete;
};
