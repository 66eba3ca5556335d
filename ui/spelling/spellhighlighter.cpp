#include "spellhighlighter.h"

#include "colourscheme.h"
#include "spellchecker.h"

#include <QGuiApplication>
#include <QTextBoundaryFinder>
#include <QTextDocument>

SpellHighlighter::SpellHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    m_stepTimer.setInterval(0);
    connect(&m_stepTimer, &QTimer::timeout, this, &SpellHighlighter::checkSomeBlocks);
}

SpellHighlighter::~SpellHighlighter() = default;

void SpellHighlighter::setLanguage(const QString &language)
{
    if (language == m_language)
        return;
    m_language = language;
    // Every paragraph again, a few at a time, with the new checker from the first step on: the
    // whole document's highlighting QSyntaxHighlighter starts on its own when it gets a
    // document comes first and finds no checker, which keeps it cheap.
    m_nextBlock = 0;
    m_stepTimer.start();
}

QString SpellHighlighter::language() const
{
    return m_language;
}

void SpellHighlighter::ignore(const QString &word)
{
    m_ignored.insert(word);
    refresh();
}

void SpellHighlighter::refresh()
{
    m_nextBlock = 0;
    m_stepTimer.start();
}

void SpellHighlighter::checkSomeBlocks()
{
    QTextDocument *doc = document();
    if (!doc || m_nextBlock < 0) {
        m_stepTimer.stop();
        return;
    }
    if ((m_checker ? m_checker->language() : QString()) != m_language)
        m_checker = m_language.isEmpty() ? nullptr : SpellChecker::forLanguage(m_language);
    QTextBlock block = doc->findBlockByNumber(m_nextBlock);
    for (int i = 0; i < blocksPerStep && block.isValid(); ++i) {
        rehighlightBlock(block);
        block = block.next();
    }
    if (block.isValid()) {
        m_nextBlock = block.blockNumber();
        return;
    }
    m_nextBlock = -1;
    m_stepTimer.stop();
    Q_EMIT checked();
}

bool SpellHighlighter::isMisspelt(const QString &word) const
{
    return m_checker && !m_ignored.contains(word) && !m_checker->isCorrect(word);
}

QList<SpellHighlighter::Word> SpellHighlighter::checkedWords(const QString &text)
{
    QList<Word> words;
    if (text.startsWith(QLatin1Char('>')))
        return words; // a quote: someone else's words
    QTextBoundaryFinder finder(QTextBoundaryFinder::Word, text);
    int start = 0;
    while (finder.toNextBoundary() >= 0) {
        const int end = int(finder.position());
        if (finder.boundaryReasons() & QTextBoundaryFinder::EndOfItem) {
            QStringView word = QStringView(text).mid(start, end - start);
            // An apostrophe ends no word ("don't"), but a quote around one is not part of it.
            while (word.startsWith(QLatin1Char('\'')) && word.size() > 1) {
                word = word.mid(1);
                ++start;
            }
            while (word.endsWith(QLatin1Char('\'')) && word.size() > 1)
                word.chop(1);
            bool checkable = word.size() > 1;
            bool letters = false;
            for (const QChar c : word) {
                if (c.isDigit() || c == QLatin1Char('@') || c == QLatin1Char('_')
                    || c == QLatin1Char('/'))
                    checkable = false;
                letters = letters || c.isLetter();
            }
            // Part of an address or a link ("example.org", "www.x"): not a word to check.
            const bool inAddress = (start > 0
                                    && (text.at(start - 1) == QLatin1Char('@')
                                        || text.at(start - 1) == QLatin1Char('.')))
                                   || (end < text.size() && text.at(end) == QLatin1Char('@'))
                                   || (end + 1 < text.size() && text.at(end) == QLatin1Char('.')
                                       && text.at(end + 1).isLetterOrNumber());
            if (checkable && letters && !inAddress)
                words.append(Word {start, int(word.size())});
        }
        start = end;
    }
    return words;
}

void SpellHighlighter::highlightBlock(const QString &text)
{
    // From the signature's "-- " line on, the words are names and addresses: not checked. The
    // state tells the paragraphs after it (and QSyntaxHighlighter checks them again when it
    // changes).
    const bool signature = text == QLatin1String("-- ") || previousBlockState() == inSignature;
    setCurrentBlockState(signature ? inSignature : 0);
    if (!m_checker || signature)
        return;
    QTextCharFormat marked;
    marked.setUnderlineStyle(QTextCharFormat::SpellCheckUnderline);
    marked.setUnderlineColor(ColourScheme::error(QGuiApplication::palette()));
    for (const Word &word : checkedWords(text)) {
        if (isMisspelt(text.mid(word.start, word.length)))
            setFormat(word.start, word.length, marked);
    }
}
