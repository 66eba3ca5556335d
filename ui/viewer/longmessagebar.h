#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

// The strip under the header of a message too long to lay out at once: only its beginning is
// shown, and a button shows the whole of it. Hidden for messages shown whole.
class LongMessageBar : public QFrame
{
    Q_OBJECT
public:
    explicit LongMessageBar(QWidget *parent = nullptr);

    // Shown when the body was cut after shownCharacters of totalCharacters.
    void setCut(qsizetype shownCharacters, qsizetype totalCharacters);
    QString text() const;
    QPushButton *showAllButton() const { return m_showAll; }

Q_SIGNALS:
    void showAllRequested();

private:
    QLabel *m_label;
    QPushButton *m_showAll;
};
