#include "htmlcomposereditor.h"

#include "composerhtmlwriter.h"
#include "mime/pastedhtml.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMimeData>
#include <QMimeDatabase>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextFragment>
#include <QTextList>
#include <QUrl>
#include <QUuid>

namespace {

// Pictures wider than this are shown (and sent) scaled down to it.
constexpr int maxImageWidth = 600;
// A picture larger than this is better sent as an attachment.
constexpr qint64 maxImageBytes = 10 * 1024 * 1024;

QString cidUrl(const QByteArray &contentId)
{
    return QStringLiteral("cid:") + QString::fromLatin1(contentId);
}

} // namespace

HtmlComposerEditor::HtmlComposerEditor(QWidget *parent)
    : QTextEdit(parent)
{ }

QString HtmlComposerEditor::insertImageFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("“%1” cannot be read.").arg(QFileInfo(path).fileName());
    if (file.size() > maxImageBytes)
        return tr("“%1” is too large to show in the text; attach it instead.")
                .arg(QFileInfo(path).fileName());
    if (insertImage(file.readAll(), QFileInfo(path).fileName()).isEmpty())
        return tr("“%1” is not a picture.").arg(QFileInfo(path).fileName());
    return {};
}

QByteArray HtmlComposerEditor::insertImage(const QByteArray &bytes, const QString &fileName)
{
    QImage image;
    if (!image.loadFromData(bytes))
        return {};
    OutgoingAttachment part;
    part.fileName = fileName;
    part.mimeType = QMimeDatabase().mimeTypeForFileNameAndData(fileName, bytes).name().toLatin1();
    part.contentId = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1() + "@heron";
    part.isInline = true;
    part.data = bytes;
    m_images.append(part);
    document()->addResource(QTextDocument::ImageResource, QUrl(cidUrl(part.contentId)), image);
    QTextImageFormat format;
    format.setName(cidUrl(part.contentId));
    if (image.width() > maxImageWidth) {
        format.setWidth(maxImageWidth);
        format.setHeight(double(image.height()) * maxImageWidth / image.width());
    }
    QTextCursor cursor = textCursor();
    const QTextCharFormat before = cursor.charFormat();
    cursor.insertImage(format);
    // What is typed next is text, not more of the picture.
    cursor.setCharFormat(before.isImageFormat() ? QTextCharFormat() : before);
    setTextCursor(cursor);
    return part.contentId;
}

void HtmlComposerEditor::addInlineImage(const OutgoingAttachment &part)
{
    QImage image;
    if (part.contentId.isEmpty() || !image.loadFromData(part.data))
        return;
    m_images.append(part);
    document()->addResource(QTextDocument::ImageResource, QUrl(cidUrl(part.contentId)), image);
    // The text set before knew no picture by that name yet.
    document()->markContentsDirty(0, document()->characterCount());
}

QList<OutgoingAttachment> HtmlComposerEditor::inlineImages() const
{
    QList<OutgoingAttachment> shown;
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (!format.isImageFormat()
                || !it.fragment().text().contains(QChar::ObjectReplacementCharacter))
                continue;
            const QString name = format.toImageFormat().name();
            for (const OutgoingAttachment &part : m_images) {
                if (cidUrl(part.contentId) == name && !shown.contains(part))
                    shown.append(part);
            }
        }
    }
    return shown;
}

QString HtmlComposerEditor::composedHtml() const
{
    return ComposerHtmlWriter::write(document());
}

bool HtmlComposerEditor::hasFormatting() const
{
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        if (block.textList() || ComposerHtmlWriter::quoteLevel(block.blockFormat()) > 0)
            return true;
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if ((format.isImageFormat()
                 && it.fragment().text().contains(QChar::ObjectReplacementCharacter))
                || format.isAnchor() || format.fontItalic() || format.fontUnderline()
                || format.fontWeight() >= QFont::DemiBold)
                return true;
        }
    }
    return false;
}

void HtmlComposerEditor::changeQuoteLevel(int delta)
{
    QTextCursor cursor = textCursor();
    QTextCursor walker(document());
    walker.setPosition(cursor.selectionStart());
    const int end = cursor.selectionEnd();
    cursor.beginEditBlock();
    while (true) {
        QTextBlockFormat format = walker.blockFormat();
        ComposerHtmlWriter::setQuoteLevel(&format, ComposerHtmlWriter::quoteLevel(format) + delta);
        walker.setBlockFormat(format);
        if (walker.block().position() + walker.block().length() > end
            || !walker.movePosition(QTextCursor::NextBlock))
            break;
    }
    cursor.endEditBlock();
}

void HtmlComposerEditor::quotePlainLines()
{
    QTextCursor edit(document());
    edit.beginEditBlock();
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        int level = 0;
        int end = 0; // of the marks: each ">" with the blank after it
        while (end < text.size() && text.at(end) == QLatin1Char('>')) {
            ++level;
            ++end;
            if (end < text.size() && text.at(end) == QLatin1Char(' '))
                ++end;
        }
        if (level == 0)
            continue;
        QTextCursor marks(block);
        marks.setPosition(block.position() + end, QTextCursor::KeepAnchor);
        marks.removeSelectedText();
        QTextBlockFormat format = marks.blockFormat();
        ComposerHtmlWriter::setQuoteLevel(&format, ComposerHtmlWriter::quoteLevel(format) + level);
        marks.setBlockFormat(format);
    }
    edit.endEditBlock();
}

void HtmlComposerEditor::setLink(const QString &text, const QUrl &url)
{
    QTextCursor cursor = textCursor();
    QTextCharFormat format;
    format.setAnchor(true);
    format.setAnchorHref(url.toString());
    format.setFontUnderline(true);
    format.setForeground(palette().link());
    cursor.beginEditBlock();
    if (!cursor.hasSelection() || (!text.isEmpty() && text != cursor.selectedText())) {
        cursor.insertText(text.isEmpty() ? url.toString() : text, format);
    } else {
        cursor.mergeCharFormat(format);
    }
    // What is typed after the link is no longer part of it.
    cursor.clearSelection();
    QTextCharFormat after = cursor.charFormat();
    after.setAnchor(false);
    after.setAnchorHref({});
    after.setFontUnderline(false);
    after.clearForeground();
    cursor.setCharFormat(after);
    cursor.endEditBlock();
    setTextCursor(cursor);
}

bool HtmlComposerEditor::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasText() || source->hasHtml() || (acceptRichText() && source->hasImage())
           || QTextEdit::canInsertFromMimeData(source);
}

void HtmlComposerEditor::insertFromMimeData(const QMimeData *source)
{
    if (acceptRichText() && source->hasImage()) {
        // A picture (a copied image, a screenshot) becomes an inline image; its HTML, if any,
        // only points at it, unless the HTML has text of its own.
        const QString cleaned = source->hasHtml() ? PastedHtml::clean(source->html()) : QString();
        const QImage image = qvariant_cast<QImage>(source->imageData());
        if (!image.isNull()
            && QTextDocumentFragment::fromHtml(cleaned).toPlainText().trimmed().isEmpty()) {
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            image.save(&buffer, "PNG");
            insertImage(png, QStringLiteral("picture.png"));
            ensureCursorVisible();
            return;
        }
    }
    if (acceptRichText() && source->hasHtml()) {
        insertHtml(PastedHtml::clean(source->html()));
        ensureCursorVisible();
        return;
    }
    if (source->hasText()) {
        textCursor().insertText(source->text());
        ensureCursorVisible();
        return;
    }
    if (!source->hasImage()) // a picture in plain text: nothing to insert
        QTextEdit::insertFromMimeData(source);
}
