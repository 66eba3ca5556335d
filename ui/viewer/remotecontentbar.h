#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

// The strip above a message that says how many remote resources were blocked, with the
// choice to load them for this message or always for this sender. Hidden when nothing was
// blocked.
class RemoteContentBar : public QFrame
{
    Q_OBJECT
public:
    explicit RemoteContentBar(QWidget *parent = nullptr);

    void setBlockedCount(int count);
    int blockedCount() const { return m_count; }
    QString text() const;

    QPushButton *loadButton() const { return m_load; }
    QPushButton *alwaysButton() const { return m_always; }

Q_SIGNALS:
    void loadRequested();
    void alwaysRequested();

private:
    QLabel *m_label;
    QPushButton *m_load;
    QPushButton *m_always;
    int m_count = 0;
};
