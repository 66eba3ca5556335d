#include "plaintextrenderer.h"

#include "htmlsanitizer.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace {

struct Line
{
    int depth = 0;
    QString text;
    bool signature = false;
};

// Quote depth and content of one physical line. Flowed text writes the markers without
// blanks between them and stuffs a space after them; other text often has "> > ".
Line parseLine(QStringView raw, bool flowed)
{
    Line line;
    qsizetype i = 0;
    while (i < raw.size()) {
        if (raw[i] == u'>') {
            ++line.depth;
            ++i;
            if (!flowed && i < raw.size() && raw[i] == u' ')
                ++i;
        } else if (!flowed && line.depth > 0 && raw[i] == u' ' && i + 1 < raw.size()
                   && raw[i + 1] == u'>') {
            ++i;
        } else {
            break;
        }
    }
    if (flowed && i < raw.size() && raw[i] == u' ')
        ++i; // space-stuffing
    line.text = raw.mid(i).toString();
    return line;
}

bool isSignatureSeparator(const QString &text)
{
    return text == u"-- ";
}

// Logical lines: physical lines, or for flowed text the paragraphs they join into.
QList<Line> logicalLines(QStringView text, bool flowed, bool deleteSpace)
{
    QList<Line> lines;
    if (text.isEmpty())
        return lines;
    bool continuing = false; // the previous line ended in a soft break
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(u'\n', start);
        if (end < 0)
            end = text.size();
        QStringView raw = text.mid(start, end - start);
        if (raw.endsWith(u'\r'))
            raw.chop(1);
        start = end + 1;
        if (end == text.size() && raw.isEmpty() && !lines.isEmpty() && !continuing)
            break; // the final line end
        Line line = parseLine(raw, flowed);
        const bool soft = flowed && line.text.endsWith(u' ') && !isSignatureSeparator(line.text);
        if (soft && deleteSpace)
            line.text.chop(1);
        if (continuing && !lines.isEmpty() && lines.last().depth == line.depth)
            lines.last().text += line.text;
        else
            lines.append(line);
        continuing = soft;
    }
    // Everything after a signature separator at the same depth is signature.
    int signatureDepth = -1;
    for (Line &line : lines) {
        if (signatureDepth >= 0 && line.depth != signatureDepth)
            signatureDepth = -1;
        if (signatureDepth < 0 && isSignatureSeparator(line.text))
            signatureDepth = line.depth;
        line.signature = signatureDepth >= 0;
    }
    return lines;
}

QString quoteColor(int depth)
{
    static const char *const colors[] = {"#3465a4", "#4e9a06", "#ce5c00", "#75507b", "#8f5902"};
    return QString::fromLatin1(colors[(depth - 1) % 5]);
}

QString openQuote(int depth)
{
    return u"<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" "
           "style=\"margin-top: 4px; margin-bottom: 4px;\"><tr><td style=\"border-left: 3px "
           "solid "_s
           + quoteColor(depth) + u"; padding-left: 8px; color: "_s + quoteColor(depth) + u";\">"_s;
}

bool isUrlChar(QChar c)
{
    return !c.isSpace() && c != u'<' && c != u'>' && c != u'"' && c.unicode() >= 0x20;
}

bool isLocalChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'.' || c == u'_' || c == u'%' || c == u'+' || c == u'-';
}

bool isDomainChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'.' || c == u'-';
}

// The end of a web address starting at `from`, without trailing punctuation.
qsizetype urlEnd(QStringView text, qsizetype from)
{
    qsizetype end = from;
    int openParens = 0;
    while (end < text.size() && isUrlChar(text[end])) {
        if (text[end] == u'(')
            ++openParens;
        else if (text[end] == u')' && --openParens < 0)
            break;
        ++end;
    }
    while (end > from && QStringView(u".,;:!?'*").contains(text[end - 1]))
        --end;
    return end;
}

QString link(const QString &href, QStringView label)
{
    return u"<a href=\""_s + HtmlSanitizer::escape(href) + u"\">"_s + HtmlSanitizer::escape(label)
           + u"</a>"_s;
}

} // namespace

QString PlainTextRenderer::linkify(QStringView text)
{
    static const QStringView prefixes[] = {u"https://", u"http://", u"mailto:", u"www."};
    QString out;
    qsizetype emitted = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const bool wordStart = i == 0 || !(text[i - 1].isLetterOrNumber() || text[i - 1] == u'.');
        bool linked = false;
        for (QStringView prefix : prefixes) {
            if (!wordStart || !text.mid(i).startsWith(prefix, Qt::CaseInsensitive))
                continue;
            const qsizetype end = urlEnd(text, i);
            if (end - i <= prefix.size())
                break;
            const QStringView url = text.mid(i, end - i);
            out += HtmlSanitizer::escape(text.mid(emitted, i - emitted));
            out += link(prefix == u"www." ? u"http://"_s + url : url.toString(), url);
            i = emitted = end;
            linked = true;
            break;
        }
        if (linked)
            continue;
        if (text[i] == u'@') {
            qsizetype left = i;
            while (left > emitted && isLocalChar(text[left - 1]))
                --left;
            qsizetype right = i + 1;
            while (right < text.size() && isDomainChar(text[right]))
                ++right;
            while (right > i + 1 && (text[right - 1] == u'.' || text[right - 1] == u'-'))
                --right;
            const QStringView domain = text.mid(i + 1, right - i - 1);
            if (left < i && domain.contains(u'.') && !domain.startsWith(u'.')) {
                const QStringView address = text.mid(left, right - left);
                out += HtmlSanitizer::escape(text.mid(emitted, left - emitted));
                out += link(u"mailto:"_s + address, address);
                i = emitted = right;
                continue;
            }
        }
        ++i;
    }
    out += HtmlSanitizer::escape(text.mid(emitted));
    return out;
}

QString PlainTextRenderer::render(QStringView text) const
{
    const QList<Line> lines = logicalLines(text, m_flowed, m_deleteSpace);
    QString out = u"<div style=\"white-space: pre-wrap;\">"_s;
    int depth = 0;
    bool inParagraph = false;
    bool paragraphIsSignature = false;
    for (const Line &line : lines) {
        if (inParagraph && (line.depth != depth || line.signature != paragraphIsSignature)) {
            out += u"</p>";
            inParagraph = false;
        }
        for (; depth < line.depth; ++depth)
            out += openQuote(depth + 1);
        for (; depth > line.depth; --depth)
            out += u"</td></tr></table>";
        if (inParagraph) {
            out += u"<br>";
        } else {
            out += line.signature
                           ? u"<p class=\"signature\" style=\"margin: 0; color: #888a85;\">"_s
                           : u"<p style=\"margin: 0;\">"_s;
            inParagraph = true;
            paragraphIsSignature = line.signature;
        }
        out += linkify(line.text);
    }
    if (inParagraph)
        out += u"</p>";
    for (; depth > 0; --depth)
        out += u"</td></tr></table>";
    out += u"</div>";
    return out;
}
