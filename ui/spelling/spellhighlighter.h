#pragma once

#include <QSet>
#include <QSyntaxHighlighter>
#include <QTimer>

#include <memory>

class SpellChecker;

// Underlines the misspelt words of a text document with the spell-check underline, in one
// language (or none). Checking is incremental: as the user types, only the paragraph (block)
// that changed is checked again; a new language checks the whole document a few dozen
// paragraphs at a time, between which typing goes on. Quoted lines ("> ..."), the signature
// (after a "-- " line) and words with digits or "@" (addresses, codes) are left alone.
class SpellHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    // A word of a paragraph: where it starts and how long it is.
    struct Word
    {
        int start = 0;
        int length = 0;
    };

    static constexpr int blocksPerStep = 40;

    explicit SpellHighlighter(QTextDocument *document);
    ~SpellHighlighter() override;

    // Empty: no checking. Takes effect from the next turn of the event loop.
    void setLanguage(const QString &language);
    QString language() const;
    // Not marked again in this document.
    void ignore(const QString &word);
    // The user added word to the dictionary: its marks go.
    void refresh();

    // Whether the word is marked as misspelt (as the checker and the ignored words say).
    bool isMisspelt(const QString &word) const;
    // The words of a paragraph that are checked, in order.
    static QList<Word> checkedWords(const QString &text);
    // The checker in use; null without a language.
    SpellChecker *checker() const { return m_checker.get(); }
    // Paragraphs still waiting for the check a new language started.
    bool isChecking() const { return m_nextBlock >= 0; }

Q_SIGNALS:
    // The whole document was checked after a change of language.
    void checked();

protected:
    void highlightBlock(const QString &text) override;

private:
    void checkSomeBlocks();

    static constexpr int inSignature = 1; // block state from a "-- " line on

    QString m_language;
    std::shared_ptr<SpellChecker> m_checker;
    QSet<QString> m_ignored;
    int m_nextBlock = -1;
    QTimer m_stepTimer;
};
