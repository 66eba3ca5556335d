#include "pastedhtml.h"

#include "htmlnames.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace {

using Token = HtmlTokenizer::Token;

using HtmlNames::attribute;
using HtmlNames::isNamed;
using HtmlNames::isOneOf;

// Text as written, with stray angle brackets escaped; character references stay as they are.
void appendText(QString &out, QStringView text)
{
    for (const QChar c : text) {
        if (c == u'<')
            out += u"&lt;"_s;
        else if (c == u'>')
            out += u"&gt;"_s;
        else
            out += c;
    }
}

// What a style attribute says about weight, slant and underline; nothing else is read.
struct Emphasis
{
    bool bold = false;
    bool notBold = false;
    bool italic = false;
    bool underline = false;
};

Emphasis emphasisOf(const QString &style)
{
    Emphasis e;
    QString s = style.toLower();
    s.remove(u' ');
    for (const QStringView declaration : QStringView(s).split(u';')) {
        const qsizetype colon = declaration.indexOf(u':');
        if (colon < 0)
            continue;
        const QStringView property = declaration.left(colon);
        const QStringView value = declaration.mid(colon + 1);
        if (property == u"font-weight") {
            bool ok = false;
            const int weight = value.toInt(&ok);
            if (value == u"bold" || value == u"bolder" || (ok && weight >= 600))
                e.bold = true;
            else
                e.notBold = true;
        } else if (property == u"font-style") {
            e.italic = value == u"italic" || value == u"oblique";
        } else if (property == u"text-decoration" || property == u"text-decoration-line") {
            e.underline = value.contains(u"underline");
        }
    }
    return e;
}

// Elements whose content is dropped with them.
bool isSkipped(QStringView name)
{
    return isOneOf(name, "script", "style", "title", "textarea", "xmp", "noscript", "template",
                   "iframe", "object", "embed", "applet", "svg", "math", "select", "frameset",
                   "noframes", "audio", "video", "canvas", "button");
}

// Elements kept as they are, without attributes.
bool isStructure(QStringView name)
{
    return isOneOf(name, "p", "div", "ul", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
                   "pre", "code", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "s",
                   "strike", "del", "sub", "sup", "dl", "dt", "dd");
}

class Cleaner
{
public:
    explicit Cleaner(QStringView html)
        : m_tokenizer(html)
    {
        m_out.reserve(html.size());
    }

    QString run()
    {
        for (Token t = m_tokenizer.next(); t.kind != Token::Kind::End; t = m_tokenizer.next()) {
            switch (t.kind) {
            case Token::Kind::Text:
                appendText(m_out, t.text);
                break;
            case Token::Kind::Cdata:
                break;
            case Token::Kind::StartTag:
                start(t);
                break;
            case Token::Kind::EndTag:
                end(t.text);
                break;
            case Token::Kind::End:
                break;
            }
        }
        while (!m_open.isEmpty())
            m_out += m_open.takeLast().closer;
        return m_out;
    }

private:
    struct Open
    {
        QString name; // lower case
        QString closer; // what closes it in the output
    };

    void start(const Token &t)
    {
        const QStringView name = t.text;
        const QString lower = name.toString().toLower();
        if (m_open.size() >= maxDepth && !isSkipped(name))
            return; // nesting past any real page: the tag goes, its content stays
        if (isSkipped(name)) {
            m_tokenizer.rawText(name);
        } else if (isNamed(name, "br"_L1) || isNamed(name, "hr"_L1)) {
            m_out += u'<' + lower + u'>';
        } else if (isNamed(name, "img"_L1)) {
            // Never loaded: the description stays, the picture does not.
            m_out += HtmlSanitizer::escape(attribute(t, "alt"_L1));
        } else if (isNamed(name, "ol"_L1)) {
            bool ok = false;
            const int first = attribute(t, "start"_L1).toInt(&ok);
            m_out += ok && first != 1 ? u"<ol start=\""_s + QString::number(first) + u"\">"_s
                                      : u"<ol>"_s;
            push(lower, u"</ol>"_s);
        } else if (isStructure(name)) {
            m_out += u'<' + lower + u'>';
            push(lower, u"</"_s + lower + u'>');
        } else if (isNamed(name, "a"_L1)) {
            const QString href = attribute(t, "href"_L1);
            const HtmlSanitizer::UrlKind kind = HtmlSanitizer::classifyUrl(href);
            if (kind == HtmlSanitizer::UrlKind::Remote || kind == HtmlSanitizer::UrlKind::Link) {
                m_out += u"<a href=\""_s + HtmlSanitizer::escape(href) + u"\">"_s;
                push(lower, u"</a>"_s);
            } else {
                push(lower, {});
            }
        } else if (isOneOf(name, "b", "strong", "i", "em", "u", "span", "font", "ins", "mark")) {
            const Emphasis e = emphasisOf(attribute(t, "style"_L1));
            const bool bold = (isOneOf(name, "b", "strong") && !e.notBold) || e.bold;
            const bool italic = isOneOf(name, "i", "em") || e.italic;
            const bool underline = isOneOf(name, "u", "ins") || e.underline;
            QString closer;
            if (bold) {
                m_out += u"<b>"_s;
                closer.prepend(u"</b>"_s);
            }
            if (italic) {
                m_out += u"<i>"_s;
                closer.prepend(u"</i>"_s);
            }
            if (underline) {
                m_out += u"<u>"_s;
                closer.prepend(u"</u>"_s);
            }
            push(lower, closer);
        }
        // Anything else: the tag goes, its content stays.
    }

    void end(QStringView name)
    {
        const QString lower = name.toString().toLower();
        // Closes the innermost element of that name and whatever was left open inside it.
        for (qsizetype i = m_open.size() - 1; i >= 0; --i) {
            if (m_open.at(i).name != lower)
                continue;
            while (m_open.size() > i)
                m_out += m_open.takeLast().closer;
            return;
        }
    }

    void push(const QString &name, const QString &closer) { m_open.append(Open {name, closer}); }

    static constexpr qsizetype maxDepth = 256;

    HtmlTokenizer m_tokenizer;
    QString m_out;
    QList<Open> m_open;
};

} // namespace

QString PastedHtml::clean(QStringView html)
{
    return Cleaner(html).run();
}
