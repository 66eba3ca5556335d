#pragma once

#include <QObject>
#include <QPoint>
#include <QString>

class QComboBox;
class QMainWindow;
class QMenu;
class QTextEdit;
class QToolBar;
class SpellHighlighter;

// Spell checking in a composer window: the body's misspelt words underlined as the user types
// (SpellHighlighter), the language of this message in a list on a toolbar of its own, and, on
// a misspelt word, the body's context menu offering what it might have been, "Add to
// Dictionary" and "Ignore".
//
// The language is the sender's (the identity's language setting), else the system's, whichever
// has a dictionary installed; once the user chooses one in the list, that one stays for the
// message.
class ComposerSpelling : public QObject
{
    Q_OBJECT
public:
    ComposerSpelling(QMainWindow *window, QTextEdit *body);
    ~ComposerSpelling() override;

    // The sender's language ("de_DE", "de"); empty: the system's.
    void setPreferredLanguage(const QString &language);
    // As if chosen in the list; empty turns checking off.
    void chooseLanguage(const QString &language);
    QString language() const;
    bool isChosenByUser() const { return m_chosenByUser; }

    QComboBox *languageBox() const { return m_languages; }
    QToolBar *toolBar() const { return m_toolBar; }
    SpellHighlighter *highlighter() const { return m_highlighter; }

    // The body's context menu for a click at pos (viewport coordinates): on a misspelt word,
    // its suggestions (each replaces it), "Add to Dictionary" and "Ignore" come first. The
    // caller owns the menu.
    QMenu *createContextMenu(const QPoint &pos);

private:
    void apply(const QString &language);

    QTextEdit *m_body;
    SpellHighlighter *m_highlighter;
    QToolBar *m_toolBar;
    QComboBox *m_languages;
    bool m_chosenByUser = false;
};
