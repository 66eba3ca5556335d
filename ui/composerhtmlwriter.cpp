#include "composerhtmlwriter.h"

#include <QFont>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextList>

#include <cmath>

namespace {

// lastWasSpace: the block so far ends in a space or starts here (a leading space would
// collapse).
QString escapedText(const QString &text, bool &lastWasSpace)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += QStringLiteral("&amp;");
            break;
        case u'<':
            out += QStringLiteral("&lt;");
            break;
        case u'>':
            out += QStringLiteral("&gt;");
            break;
        case u'"':
            out += QStringLiteral("&quot;");
            break;
        case 0x2028: // QChar::LineSeparator, a Shift+Enter break
            out += QStringLiteral("<br>");
            lastWasSpace = true;
            continue;
        case 0xa0:
            out += QStringLiteral("&nbsp;");
            break;
        case u' ':
            // Runs of spaces stay as typed: every second one does not collapse.
            out += lastWasSpace ? QStringLiteral("&nbsp;") : QStringLiteral(" ");
            lastWasSpace = true;
            continue;
        default:
            out += c;
        }
        lastWasSpace = false;
    }
    return out;
}

QString blockContent(const QTextBlock &block)
{
    QString out;
    bool lastWasSpace = true;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment fragment = it.fragment();
        if (!fragment.isValid())
            continue;
        const QTextCharFormat format = fragment.charFormat();
        QString inner;
        // An image format holds images only where the text has its object character; text
        // typed with that format left at the cursor is text.
        if (format.isImageFormat() && fragment.text().contains(QChar::ObjectReplacementCharacter)) {
            const QTextImageFormat image = format.toImageFormat();
            QString tag = QStringLiteral("<img src=\"") + image.name().toHtmlEscaped()
                          + QStringLiteral("\" alt=\"\"");
            if (image.width() > 0)
                tag += QStringLiteral(" width=\"%1\"").arg(qRound(image.width()));
            if (image.height() > 0)
                tag += QStringLiteral(" height=\"%1\"").arg(qRound(image.height()));
            tag += u'>';
            for (const QChar c : fragment.text())
                inner += c == QChar::ObjectReplacementCharacter ? tag : QString();
            lastWasSpace = false;
        } else {
            inner = escapedText(fragment.text(), lastWasSpace);
        }
        const bool link = format.isAnchor() && !format.anchorHref().isEmpty();
        if (format.fontUnderline() && !link)
            inner = QStringLiteral("<u>") + inner + QStringLiteral("</u>");
        if (format.fontItalic())
            inner = QStringLiteral("<i>") + inner + QStringLiteral("</i>");
        if (format.fontWeight() >= QFont::DemiBold)
            inner = QStringLiteral("<b>") + inner + QStringLiteral("</b>");
        if (link)
            inner = QStringLiteral("<a href=\"") + format.anchorHref().toHtmlEscaped()
                    + QStringLiteral("\">") + inner + QStringLiteral("</a>");
        out += inner;
    }
    return out;
}

bool isOrdered(const QTextList *list)
{
    const QTextListFormat::Style style = list->format().style();
    return style == QTextListFormat::ListDecimal || style == QTextListFormat::ListLowerAlpha
           || style == QTextListFormat::ListUpperAlpha || style == QTextListFormat::ListLowerRoman
           || style == QTextListFormat::ListUpperRoman;
}

} // namespace

int ComposerHtmlWriter::quoteLevel(const QTextBlockFormat &format)
{
    if (format.intProperty(QTextFormat::BlockQuoteLevel) <= 0)
        return 0;
    return qMax(1, int(std::lround(format.leftMargin() / quoteIndent)));
}

void ComposerHtmlWriter::setQuoteLevel(QTextBlockFormat *format, int level)
{
    level = qMax(0, level);
    if (level == 0) {
        format->clearProperty(QTextFormat::BlockQuoteLevel);
        format->setLeftMargin(0);
        format->setRightMargin(0);
        return;
    }
    format->setProperty(QTextFormat::BlockQuoteLevel, level);
    format->setLeftMargin(level * quoteIndent);
    format->setRightMargin(0);
}

QString ComposerHtmlWriter::write(const QTextDocument *document)
{
    return QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>")
           + writeBody(document) + QStringLiteral("</body></html>");
}

QString ComposerHtmlWriter::writeBody(const QTextDocument *document)
{
    // The lists open around the current block, innermost last: a list nested by its indent is
    // written inside the item before it, as HTML nests them.
    struct OpenList
    {
        const QTextList *list;
        int indent;
        bool itemOpen;
    };
    QList<OpenList> lists;
    QString out;
    const auto closeInnermost = [&] {
        const OpenList &open = lists.last();
        if (open.itemOpen)
            out += QStringLiteral("</li>");
        out += isOrdered(open.list) ? QStringLiteral("</ol>") : QStringLiteral("</ul>");
        lists.removeLast();
    };
    int depth = 0;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        const int level = quoteLevel(block.blockFormat());
        const QTextList *blockList = level == depth ? block.textList() : nullptr;
        const int indent = blockList ? blockList->format().indent() : 0;
        while (!lists.isEmpty()
               && (!blockList || lists.last().indent > indent
                   || (lists.last().indent == indent && lists.last().list != blockList)))
            closeInnermost();
        for (; depth > level; --depth)
            out += QStringLiteral("</blockquote>");
        for (; depth < level; ++depth)
            out += QStringLiteral("<blockquote type=\"cite\">");
        if (!blockList)
            blockList = block.textList();
        const QString content = blockContent(block);
        if (!blockList) {
            out += content.isEmpty() ? QStringLiteral("<div><br></div>")
                                     : QStringLiteral("<div>") + content + QStringLiteral("</div>");
            continue;
        }
        if (lists.isEmpty() || lists.last().list != blockList) {
            out += isOrdered(blockList) ? QStringLiteral("<ol>") : QStringLiteral("<ul>");
            lists.append(OpenList {blockList, blockList->format().indent(), false});
        } else if (lists.last().itemOpen) {
            out += QStringLiteral("</li>");
        }
        out += QStringLiteral("<li>") + content;
        lists.last().itemOpen = true;
    }
    while (!lists.isEmpty())
        closeInnermost();
    for (; depth > 0; --depth)
        out += QStringLiteral("</blockquote>");
    return out;
}
