#pragma once

#include <QFrame>
#include <QStringList>

class QLabel;
class QPushButton;

// The strip above a message that says how many remote resources were blocked, with the
// choice to load them for this message or always for this sender, and how many trackers were
// blocked and whose ("2 trackers blocked: Mailchimp, a hidden image"). Trackers stay blocked
// when the rest is loaded: the strip then names them alone, without the buttons. Hidden when
// nothing was blocked.
class RemoteContentBar : public QFrame
{
    Q_OBJECT
public:
    explicit RemoteContentBar(QWidget *parent = nullptr);

    void setBlockedCount(int count) { setBlocked(count, {}); }
    // trackers: one name per tracker blocked, as the user should read it.
    void setBlocked(int count, const QStringList &trackers);
    int blockedCount() const { return m_count; }
    int trackerCount() const { return int(m_trackers.size()); }
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
    QStringList m_trackers;
};
