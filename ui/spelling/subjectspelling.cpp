#include "subjectspelling.h"

#include "colourscheme.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QTextCharFormat>

SubjectSpelling::SubjectSpelling(QLineEdit *field, SpellHighlighter *highlighter)
    : QObject(field)
    , m_field(field)
    , m_highlighter(highlighter)
{
    // After the change that set it off is through: the field is not re-entered while it types.
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &SubjectSpelling::mark);
    connect(field, &QLineEdit::textChanged, this, &SubjectSpelling::recheck);
    // A new language, a word added or ignored: the body is checked again, and so is this.
    connect(highlighter, &SpellHighlighter::checked, this, &SubjectSpelling::recheck);
}

void SubjectSpelling::recheck()
{
    m_timer.start();
}

void SubjectSpelling::mark()
{
    const QString text = m_field->text();
    QList<SpellHighlighter::Word> marks;
    for (const SpellHighlighter::Word &word : SpellHighlighter::checkedWords(text)) {
        if (m_highlighter->isMisspelt(text.mid(word.start, word.length)))
            marks.append(word);
    }
    if (marks.isEmpty() && m_marks.isEmpty())
        return;
    m_marks = marks;
    QTextCharFormat format;
    format.setUnderlineStyle(QTextCharFormat::SpellCheckUnderline);
    format.setUnderlineColor(ColourScheme::error(QGuiApplication::palette()));
    // The positions of input method attributes count from the cursor.
    const int cursor = m_field->cursorPosition();
    QList<QInputMethodEvent::Attribute> attributes;
    for (const SpellHighlighter::Word &word : std::as_const(m_marks))
        attributes.append(QInputMethodEvent::Attribute(QInputMethodEvent::TextFormat,
                                                       word.start - cursor, word.length, format));
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(m_field, &event);
    Q_EMIT marked();
}
