#pragma once

#include <QObject>
#include <QPoint>
#include <QString>

#include <functional>

class QComboBox;
class QLineEdit;
class QMainWindow;
class QMenu;
class QTextEdit;
class QToolBar;
class SpellHighlighter;
class SubjectSpelling;

// Spell checking in a composer window: the body's misspelt words underlined as the user types
// (SpellHighlighter), the language of this message in a list on a toolbar of its own, and, on
// a misspelt word, the body's context menu offering what it might have been, "Add to
// Dictionary" and "Ignore". The subject (setSubjectField()) is checked alike, in the same
// language.
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
    // The language a message was written in ("de-DE" as Content-Language gives it, or
    // "de_DE"), as if chosen in the list: the installed dictionary that serves it best. False,
    // changing nothing, when none does.
    bool restoreLanguage(const QString &language);
    bool isChosenByUser() const { return m_chosenByUser; }

    QComboBox *languageBox() const { return m_languages; }
    QToolBar *toolBar() const { return m_toolBar; }
    SpellHighlighter *highlighter() const { return m_highlighter; }

    // The body's context menu for a click at pos (viewport coordinates): on a misspelt word,
    // its suggestions (each replaces it), "Add to Dictionary" and "Ignore" come first. The
    // caller owns the menu.
    QMenu *createContextMenu(const QPoint &pos);

    // Checks the subject line too: marks, and the same offers in its context menu.
    void setSubjectField(QLineEdit *subject);
    SubjectSpelling *subjectSpelling() const { return m_subjectSpelling; }
    // The subject's context menu for a click at pos (its own coordinates), as for the body.
    QMenu *createSubjectContextMenu(const QPoint &pos);

private:
    void apply(const QString &language);
    // Before the first of menu's actions: what word might have been (each calling replace with
    // it), "Add to Dictionary" and "Ignore".
    void offerCorrections(QMenu *menu, const QString &word,
                          const std::function<void(const QString &)> &replace);

    QTextEdit *m_body;
    SpellHighlighter *m_highlighter;
    QToolBar *m_toolBar;
    QComboBox *m_languages;
    QLineEdit *m_subject = nullptr;
    SubjectSpelling *m_subjectSpelling = nullptr;
    bool m_chosenByUser = false;
};
