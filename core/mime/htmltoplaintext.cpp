#include "htmltoplaintext.h"

#include "htmlnames.h"

#include <QList>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {

using Token = HtmlTokenizer::Token;

using HtmlNames::attribute;
using HtmlNames::isNamed;
using HtmlNames::isOneOf;

class Writer
{
public:
    QString finish()
    {
        breakLine(false);
        while (!m_lines.isEmpty() && m_lines.constLast().isEmpty())
            m_lines.removeLast();
        return m_lines.join(u'\n');
    }

    void text(QStringView raw)
    {
        const QString decoded = HtmlSanitizer::decodeEntities(raw);
        if (m_pre > 0) {
            for (const QChar c : decoded) {
                if (c == u'\n')
                    breakLine(true);
                else if (c != u'\r')
                    m_line += c;
            }
            return;
        }
        for (QChar c : decoded) {
            if (HtmlTokenizer::isBlank(c) || c == QChar(0xa0)) {
                if (c == QChar(0xa0)) {
                    m_line += u' '; // kept: a no-break space does not collapse
                    continue;
                }
                if (!m_line.isEmpty() && !m_line.endsWith(u' '))
                    m_line += u' ';
                continue;
            }
            m_line += c;
        }
    }

    // Ends the current line if it holds anything (or always, for a <br>).
    void breakLine(bool force)
    {
        // The signature separator keeps its space (RFC 3676 4.3).
        const bool separator = m_line == u"-- "_s;
        while (m_pre == 0 && !separator && m_line.endsWith(u' '))
            m_line.chop(1);
        if (m_line.isEmpty() && !force)
            return;
        if (m_wantBlank && !m_lines.isEmpty() && !isBlank(m_lines.constLast()))
            m_lines.append(trimmedRight(quotePrefix()));
        m_wantBlank = false;
        QString line = quotePrefix();
        if (!m_lists.isEmpty()) {
            line += QString(2 * (m_lists.size() - 1), u' ');
            if (!m_marker.isEmpty())
                line += m_marker;
            else if (m_inItem)
                line += QString(m_markerWidth, u' ');
        }
        line += m_line;
        m_lines.append(separator ? line : trimmedRight(line));
        m_line.clear();
        m_marker.clear();
    }

    // Ends the line and asks for an empty line before the next one.
    void paragraphBreak()
    {
        breakLine(false);
        m_wantBlank = true;
    }

    void openQuote()
    {
        breakLine(false);
        ++m_quoteDepth;
        m_wantBlank = false;
    }
    void closeQuote()
    {
        breakLine(false);
        if (m_quoteDepth > 0)
            --m_quoteDepth;
        m_wantBlank = false;
    }

    void openList(bool ordered, int start)
    {
        breakLine(false);
        m_wantBlank = false;
        m_lists.append(List {ordered, start - 1});
        m_inItem = false;
    }
    void closeList()
    {
        breakLine(false);
        if (!m_lists.isEmpty())
            m_lists.removeLast();
        m_inItem = !m_lists.isEmpty();
        m_wantBlank = false;
    }
    void openItem()
    {
        breakLine(false);
        if (m_lists.isEmpty())
            m_lists.append(List {false, 0}); // a stray <li>
        List &list = m_lists.last();
        ++list.counter;
        m_marker = list.ordered ? QString::number(list.counter) + u". "_s : u"- "_s;
        m_markerWidth = int(m_marker.size());
        m_inItem = true;
        m_wantBlank = false;
    }
    void closeItem() { breakLine(false); }

    void openLink(const QString &href)
    {
        m_links.append(Link {href, m_line.size(), m_lines.size()});
    }
    void closeLink()
    {
        if (m_links.isEmpty())
            return;
        const Link link = m_links.takeLast();
        if (link.href.isEmpty())
            return;
        QString shown = link.lines == m_lines.size() ? m_line.mid(link.start).trimmed() : QString();
        QString target = link.href;
        if (target.startsWith(u"mailto:"_s, Qt::CaseInsensitive)) {
            target = target.mid(7);
            const qsizetype query = target.indexOf(u'?');
            if (query >= 0)
                target.truncate(query);
        }
        if (target.startsWith(u'#'))
            return; // a link inside the message says nothing in plain text
        if (shown.compare(target, Qt::CaseInsensitive) == 0
            || shown.compare(link.href, Qt::CaseInsensitive) == 0)
            return;
        if (shown.isEmpty() && link.lines == m_lines.size()) {
            m_line += target;
            return;
        }
        if (!m_line.isEmpty() && !m_line.endsWith(u' '))
            m_line += u' ';
        m_line += u'<' + target + u'>';
    }

    void pre(bool open)
    {
        breakLine(false);
        m_pre += open ? 1 : -1;
        if (m_pre < 0)
            m_pre = 0;
    }

private:
    struct List
    {
        bool ordered = false;
        int counter = 0;
    };
    struct Link
    {
        QString href;
        qsizetype start = 0;
        qsizetype lines = 0;
    };

    QString quotePrefix() const
    {
        QString prefix;
        for (int i = 0; i < m_quoteDepth; ++i)
            prefix += u"> "_s;
        return prefix;
    }
    // Empty, or only the marks of a quote.
    static bool isBlank(QStringView line)
    {
        for (const QChar c : line)
            if (c != u'>' && c != u' ')
                return false;
        return true;
    }
    static QString trimmedRight(QString line)
    {
        while (line.endsWith(u' '))
            line.chop(1);
        return line;
    }

    QStringList m_lines;
    QString m_line;
    QString m_marker; // the marker of the item whose first line is being written
    int m_markerWidth = 0;
    bool m_inItem = false;
    bool m_wantBlank = false;
    int m_quoteDepth = 0;
    int m_pre = 0;
    QList<List> m_lists;
    QList<Link> m_links;
};

} // namespace

QString HtmlToPlainText::convert(QStringView html)
{
    HtmlTokenizer tokenizer(html);
    Writer out;
    for (Token token = tokenizer.next(); token.kind != Token::Kind::End; token = tokenizer.next()) {
        const QStringView name = token.text;
        switch (token.kind) {
        case Token::Kind::Text:
            out.text(token.text);
            break;
        case Token::Kind::Cdata:
            break;
        case Token::Kind::StartTag:
            if (isOneOf(name, "script", "style", "title", "textarea", "xmp", "noscript",
                        "template")) {
                tokenizer.rawText(name);
            } else if (isOneOf(name, "head")) {
                // Its content (title, style, meta) is skipped element by element.
            } else if (isNamed(name, "br"_L1)) {
                out.breakLine(true);
            } else if (isOneOf(name, "p", "h1", "h2", "h3", "h4", "h5", "h6", "table")) {
                out.paragraphBreak();
            } else if (isOneOf(name, "div", "tr", "dt", "dd", "address", "center", "section",
                               "article", "header", "footer", "figure", "caption")) {
                out.breakLine(false);
            } else if (isNamed(name, "hr"_L1)) {
                out.breakLine(false);
                out.text(u"----------");
                out.breakLine(false);
            } else if (isNamed(name, "blockquote"_L1)) {
                out.openQuote();
            } else if (isOneOf(name, "ul", "menu", "dir")) {
                out.openList(false, 1);
            } else if (isNamed(name, "ol"_L1)) {
                bool ok = false;
                const int start = attribute(token, "start"_L1).toInt(&ok);
                out.openList(true, ok ? start : 1);
            } else if (isNamed(name, "li"_L1)) {
                out.openItem();
            } else if (isNamed(name, "a"_L1)) {
                out.openLink(attribute(token, "href"_L1));
            } else if (isNamed(name, "img"_L1)) {
                out.text(attribute(token, "alt"_L1));
            } else if (isNamed(name, "pre"_L1)) {
                out.pre(true);
            } else if (isOneOf(name, "td", "th")) {
                out.text(u" ");
            }
            break;
        case Token::Kind::EndTag:
            if (isOneOf(name, "p", "h1", "h2", "h3", "h4", "h5", "h6", "table")) {
                out.paragraphBreak();
            } else if (isOneOf(name, "div", "tr", "dt", "dd", "address", "center", "section",
                               "article", "header", "footer", "figure", "caption")) {
                out.breakLine(false);
            } else if (isNamed(name, "blockquote"_L1)) {
                out.closeQuote();
            } else if (isOneOf(name, "ul", "ol", "menu", "dir")) {
                out.closeList();
            } else if (isNamed(name, "li"_L1)) {
                out.closeItem();
            } else if (isNamed(name, "a"_L1)) {
                out.closeLink();
            } else if (isNamed(name, "pre"_L1)) {
                out.pre(false);
            }
            break;
        case Token::Kind::End:
            break;
        }
    }
    return out.finish();
}
