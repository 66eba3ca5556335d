#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

// The strip under the header of a message too long to lay out at once: only its beginning is
// shown, and a button shows the whole of it. A text too long to read into memory at all is shown
// by its beginning, and the button saves the message. Hidden for messages shown whole.
class LongMessageBar : public QFrame
{
    Q_OBJECT
public:
    explicit LongMessageBar(QWidget *parent = nullptr);

    // Shown when the body was cut after shownCharacters of totalCharacters.
    void setCut(qsizetype shownCharacters, qsizetype totalCharacters);
    // Shown when only the beginning of a text of wholeBytes could be read for display (it is
    // too long to hold in memory): the button saves the message instead, to read it whole.
    void setHeldBack(qint64 shownBytes, qint64 wholeBytes);
    bool isHeldBack() const { return m_heldBack; }
    QString text() const;
    QPushButton *showAllButton() const { return m_showAll; }

Q_SIGNALS:
    void showAllRequested();
    void saveMessageRequested();

private:
    QLabel *m_label;
    QPushButton *m_showAll;
    bool m_heldBack = false;
};
