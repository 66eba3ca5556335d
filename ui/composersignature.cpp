#include "composersignature.h"

#include "messagequoter.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextEdit>

ComposerSignature::ComposerSignature(QTextEdit *editor)
    : m_editor(editor)
{ }

QString ComposerSignature::block(const QString &signature)
{
    QString text = signature;
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    while (text.endsWith(u'\n'))
        text.chop(1);
    // A signature typed with its own separator keeps a single one.
    if (text.startsWith(QStringLiteral("-- \n")))
        text.remove(0, 4);
    else if (text == QStringLiteral("-- "))
        text.clear();
    if (text.trimmed().isEmpty())
        return {};
    return QStringLiteral("\n\n-- \n") + text;
}

void ComposerSignature::track(int start, const QString &text)
{
    m_cursor = QTextCursor(m_editor->document());
    m_cursor.setPosition(start);
    m_cursor.setPosition(start + int(text.size()), QTextCursor::KeepAnchor);
    m_block = text;
    m_placed = true;
}

QString ComposerSignature::trackedText() const
{
    QString text = m_cursor.selectedText();
    text.replace(QChar::ParagraphSeparator, u'\n');
    text.replace(QChar::LineSeparator, u'\n');
    return text;
}

void ComposerSignature::insert(int position, const QString &signature)
{
    const QString text = block(signature);
    const QTextCursor userCursor = m_editor->textCursor();
    const int userPosition = userCursor.position();
    QTextCursor at(m_editor->document());
    at.setPosition(qBound(0, position, m_editor->document()->characterCount() - 1));
    const int start = at.position();
    at.insertText(text);
    track(start, text);
    // The user's cursor stays where the body put it (before the block when they were equal).
    QTextCursor restored(m_editor->document());
    restored.setPosition(userPosition <= start ? userPosition : userPosition + int(text.size()));
    m_editor->setTextCursor(restored);
}

void ComposerSignature::replace(const QString &signature)
{
    if (!m_placed || m_cursor.isNull() || trackedText() != m_block)
        return; // none put here, or the user made it their own
    const QString text = block(signature);
    if (text == m_block)
        return;
    const int start = m_cursor.selectionStart();
    const int end = m_cursor.selectionEnd();
    const int userPosition = m_editor->textCursor().position();
    m_cursor.beginEditBlock();
    m_cursor.insertText(text); // replaces the selection
    m_cursor.endEditBlock();
    track(start, text);
    // The user's cursor stays in their text: before the block, or as far from its end.
    QTextCursor restored(m_editor->document());
    restored.setPosition(userPosition <= start ? userPosition
                         : userPosition >= end ? userPosition - (end - start) + int(text.size())
                                               : start + int(text.size()));
    m_editor->setTextCursor(restored);
}

int ComposerSignature::quoteStart() const
{
    const QTextDocument *document = m_editor->document();
    const QString forward = MessageQuoter::forwardSeparator();
    for (QTextBlock b = document->begin(); b.isValid(); b = b.next()) {
        const QTextBlockFormat format = b.blockFormat();
        // A plain quote ("> "), a rich one (<blockquote>), or a forwarded message.
        if (b.text().startsWith(u'>') || b.text() == forward
            || format.intProperty(QTextFormat::BlockQuoteLevel) > 0 || format.leftMargin() > 0)
            return b.position();
    }
    return document->characterCount();
}

bool ComposerSignature::adopt(const QString &signature)
{
    m_placed = false;
    m_block.clear();
    const QString text = block(signature);
    if (text.isEmpty())
        return false;
    // Only above the quoted or forwarded message: a copy of the signature in there is never the
    // composer's own block.
    const QString body = m_editor->document()->toPlainText().left(quoteStart());
    const qsizetype at = body.indexOf(text);
    if (at < 0)
        return false;
    track(int(at), text);
    return true;
}
