#pragma once

#include "spellhighlighter.h"

#include <QList>
#include <QObject>
#include <QTimer>

class QLineEdit;

// Underlines the misspelt words of a one-line field (the composer's subject) as SpellHighlighter
// does in the body, with its language, its checker and its ignored words. A QLineEdit has no
// syntax highlighter: the marks are given to it as the text formats an input method gives its
// pre-edit text, which it draws without changing the text.
class SubjectSpelling : public QObject
{
    Q_OBJECT
public:
    SubjectSpelling(QLineEdit *field, SpellHighlighter *highlighter);

    // The words marked now, by position in the field's text.
    QList<SpellHighlighter::Word> marks() const { return m_marks; }
    // Checks the text again (on the next turn of the event loop).
    void recheck();

Q_SIGNALS:
    // The marks were set again.
    void marked();

private:
    void mark();

    QLineEdit *m_field;
    SpellHighlighter *m_highlighter;
    QList<SpellHighlighter::Word> m_marks;
    QTimer m_timer;
};
