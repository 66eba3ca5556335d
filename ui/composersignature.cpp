#include "composersignature.h"

#include "htmlcomposereditor.h"
#include "messagequoter.h"
#include "mime/pastedhtml.h"
#include "signatureimages.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextEdit>

namespace {
const QString separator = QStringLiteral("\n\n-- \n");
} // namespace

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
    return separator + text;
}

QString ComposerSignature::htmlOf(const Identity &identity, QList<OutgoingAttachment> *images)
{
    // Cleaned as pasted HTML is, which keeps no picture: they are taken out before and put
    // back after, as references to parts of the message.
    QList<OutgoingAttachment> pictures;
    const QString cleaned = PastedHtml::clean(
            SignatureImages::extract(identity.htmlSignature, &pictures));
    const QString html = SignatureImages::insertReferences(cleaned, pictures);
    if (QTextDocumentFragment::fromHtml(html).toPlainText().trimmed().isEmpty())
        return {};
    if (images)
        *images = pictures;
    return html;
}

bool ComposerSignature::isRich() const
{
    return m_editor->acceptRichText();
}

bool ComposerSignature::insertBlock(QTextCursor *cursor, const Identity &identity, bool rich,
                                    QTextEdit *editor)
{
    QList<OutgoingAttachment> images;
    const QString html = rich ? htmlOf(identity, &images) : QString();
    if (html.isEmpty()) {
        const QString text = block(identity.signature);
        if (text.isEmpty())
            return false;
        cursor->insertText(text, QTextCharFormat());
        return true;
    }
    cursor->insertText(separator, QTextCharFormat());
    if (auto *htmlEditor = qobject_cast<HtmlComposerEditor *>(editor)) {
        for (const OutgoingAttachment &image : std::as_const(images))
            htmlEditor->addInlineImage(image);
    }
    cursor->insertHtml(html);
    // Text that followed (a quote header) stays on a line of its own.
    if (!cursor->atBlockEnd())
        cursor->insertBlock();
    return true;
}

void ComposerSignature::track(int start, int end)
{
    m_cursor = QTextCursor(m_editor->document());
    m_cursor.setPosition(start);
    m_cursor.setPosition(end, QTextCursor::KeepAnchor);
    m_block = trackedText();
    m_placed = true;
}

QString ComposerSignature::trackedText() const
{
    QString text = m_cursor.selectedText();
    text.replace(QChar::ParagraphSeparator, u'\n');
    text.replace(QChar::LineSeparator, u'\n');
    return text;
}

void ComposerSignature::insert(int position, const Identity &identity)
{
    const int userPosition = m_editor->textCursor().position();
    QTextCursor at(m_editor->document());
    at.setPosition(qBound(0, position, m_editor->document()->characterCount() - 1));
    const int start = at.position();
    at.beginEditBlock();
    insertBlock(&at, identity, isRich(), m_editor);
    at.endEditBlock();
    const int end = at.position();
    track(start, end);
    // The user's cursor stays where the body put it (before the block when they were equal).
    QTextCursor restored(m_editor->document());
    restored.setPosition(userPosition <= start ? userPosition : userPosition + (end - start));
    m_editor->setTextCursor(restored);
}

void ComposerSignature::replace(const Identity &identity)
{
    if (!m_placed || m_cursor.isNull() || trackedText() != m_block)
        return; // none put here, or the user made it their own
    const int start = m_cursor.selectionStart();
    const int end = m_cursor.selectionEnd();
    const int userPosition = m_editor->textCursor().position();
    QTextCursor at = m_cursor;
    at.beginEditBlock();
    at.removeSelectedText();
    insertBlock(&at, identity, isRich(), m_editor);
    at.endEditBlock();
    const int newEnd = at.position();
    track(start, newEnd);
    // The user's cursor stays in their text: before the block, or as far from its end.
    QTextCursor restored(m_editor->document());
    restored.setPosition(userPosition <= start ? userPosition
                         : userPosition >= end ? userPosition - (end - start) + (newEnd - start)
                                               : newEnd);
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

bool ComposerSignature::adopt(const Identity &identity)
{
    m_placed = false;
    m_block.clear();
    // The block as it reads once inserted, made the same way in a scratch document.
    QTextDocument scratch;
    QTextCursor cursor(&scratch);
    if (!insertBlock(&cursor, identity, isRich(), nullptr))
        return false;
    const QString text = scratch.toPlainText();
    // Only above the quoted or forwarded message: a copy of the signature in there is never the
    // composer's own block.
    const QString body = m_editor->document()->toPlainText().left(quoteStart());
    const qsizetype at = body.indexOf(text);
    if (at < 0)
        return false;
    track(int(at), int(at + text.size()));
    return true;
}

bool ComposerSignature::replaceWithText(const QString &text)
{
    if (!m_placed || m_cursor.isNull() || trackedText() != m_block)
        return false;
    m_cursor.insertText(text, QTextCharFormat());
    m_placed = false;
    m_block.clear();
    m_cursor = QTextCursor();
    return true;
}
