#include "htmlsanitizer.h"

#include "csssanitizer.h"
#include "htmltokenizer.h"

#include <QHash>
#include <QVarLengthArray>

using namespace Qt::StringLiterals;

namespace {

using Token = HtmlTokenizer::Token;
using Attribute = HtmlTokenizer::Attribute;

// ---------------------------------------------------------------------------------------------
// What happens to each element and attribute.

enum class TagRule {
    Keep, // the element and its allowed attributes
    Drop, // the tag goes, its content stays (the default for unknown elements)
    Skip, // the element and everything inside it
    SkipRaw, // an element whose content is raw text, dropped with it
    Style, // a style sheet, kept with its rules neutralised
};

TagRule ruleFor(const QString &lowerName)
{
    static const QHash<QString, TagRule> rules = [] {
        QHash<QString, TagRule> r;
        for (const char *name :
             {"a",       "abbr",   "acronym", "address", "article", "aside",   "b",       "bdi",
              "bdo",     "big",    "blockquote", "body", "br",      "caption", "center",  "cite",
              "code",    "col",    "colgroup", "dd",     "del",     "details", "dfn",     "div",
              "dl",      "dt",     "em",      "figcaption", "figure", "font",  "footer",  "h1",
              "h2",      "h3",     "h4",      "h5",      "h6",      "head",    "header",  "hr",
              "html",    "i",      "img",     "ins",     "kbd",     "label",   "li",      "main",
              "mark",    "nav",    "ol",      "p",       "pre",     "q",       "s",       "samp",
              "section", "small",  "span",    "strike",  "strong",  "sub",     "summary", "sup",
              "table",   "tbody",  "td",      "tfoot",   "th",      "thead",   "time",    "tr",
              "tt",      "u",      "ul",      "var",     "wbr"})
            r.insert(QString::fromLatin1(name), TagRule::Keep);
        for (const char *name : {"object", "applet", "frameset", "select", "template", "svg",
                                 "math", "audio", "video", "datalist"})
            r.insert(QString::fromLatin1(name), TagRule::Skip);
        for (const char *name :
             {"script", "iframe", "noembed", "noframes", "textarea", "title", "xmp"})
            r.insert(QString::fromLatin1(name), TagRule::SkipRaw);
        r.insert(u"style"_s, TagRule::Style);
        return r;
    }();
    return rules.value(lowerName, TagRule::Drop);
}

bool isVoid(const QString &lowerName)
{
    return lowerName == u"br" || lowerName == u"hr" || lowerName == u"img" || lowerName == u"col"
            || lowerName == u"wbr";
}

bool isAllowedAttribute(const QString &lowerName)
{
    static const QHash<QString, bool> allowed = [] {
        QHash<QString, bool> r;
        for (const char *name :
             {"style", "class", "id", "title", "dir", "lang", "align", "valign", "width",
              "height", "bgcolor", "color", "face", "size", "border", "cellpadding", "cellspacing",
              "colspan", "rowspan", "nowrap", "type", "start", "value", "alt", "hspace", "vspace",
              "clear", "span", "summary", "scope", "abbr", "headers", "name", "background",
              "href", "src"})
            r.insert(QString::fromLatin1(name), true);
        return r;
    }();
    return allowed.contains(lowerName);
}

class Sanitizer
{
public:
    Sanitizer(bool allowRemote, qsizetype sizeHint) : m_allowRemote(allowRemote)
    {
        m_result.html.reserve(sizeHint + sizeHint / 8);
    }

    void run(QStringView input);
    HtmlSanitizer::Result take() { return std::move(m_result); }

private:
    void startTag(const Token &token, const QString &name);
    void image(const Token &token);
    void writeAttributes(const Token &token, const QString &element);
    // Decides about one remote reference: true when it may stay in the output.
    bool admitRemote(const QString &url);
    QString sanitizeCss(QStringView css, CssSanitizer::Mode mode)
    {
        return CssSanitizer::sanitize(css, mode,
                                      [this](const QString &url) { return admitRemote(url); });
    }

    bool m_allowRemote;
    HtmlSanitizer::Result m_result;
};

QString lower(QStringView name)
{
    return name.toString().toLower();
}

void Sanitizer::run(QStringView input)
{
    HtmlTokenizer tokens(input);
    QString skipping; // the element being skipped with its content
    int skipDepth = 0;
    for (Token t = tokens.next(); t.kind != Token::Kind::End; t = tokens.next()) {
        switch (t.kind) {
        case Token::Kind::Text:
            if (skipDepth > 0)
                break;
            if (t.text == u"<")
                m_result.html += u"&lt;";
            else
                m_result.html += t.text;
            break;
        case Token::Kind::Cdata:
            if (skipDepth == 0)
                m_result.html += HtmlSanitizer::escape(t.text);
            break;
        case Token::Kind::StartTag: {
            const QString name = lower(t.text);
            const TagRule rule = ruleFor(name);
            if (skipDepth > 0) {
                if (name == skipping)
                    ++skipDepth;
                else if (rule == TagRule::SkipRaw || rule == TagRule::Style)
                    tokens.rawText(name);
                break;
            }
            switch (rule) {
            case TagRule::Keep:
                startTag(t, name);
                break;
            case TagRule::Drop:
                break;
            case TagRule::Skip:
                skipping = name;
                skipDepth = 1;
                break;
            case TagRule::SkipRaw:
                tokens.rawText(name);
                break;
            case TagRule::Style:
                m_result.html += u"<style>" + sanitizeCss(tokens.rawText(name), CssSanitizer::Mode::StyleSheet)
                        + u"</style>";
                break;
            }
            break;
        }
        case Token::Kind::EndTag: {
            const QString name = lower(t.text);
            if (skipDepth > 0) {
                if (name == skipping)
                    --skipDepth;
                break;
            }
            if (ruleFor(name) == TagRule::Keep && !isVoid(name))
                m_result.html += u"</" + name + u'>';
            break;
        }
        case Token::Kind::End:
            break;
        }
    }
}

void Sanitizer::startTag(const Token &token, const QString &name)
{
    if (name == u"img") {
        image(token);
        return;
    }
    m_result.html += u'<' + name;
    writeAttributes(token, name);
    m_result.html += u'>';
}

void Sanitizer::image(const Token &token)
{
    QString src;
    QString alt;
    for (const Attribute &a : token.attributes) {
        const QString attrName = lower(a.name);
        if (attrName == u"src" && src.isNull())
            src = HtmlSanitizer::decodeEntities(a.value).trimmed();
        else if (attrName == u"alt" && alt.isNull())
            alt = HtmlSanitizer::decodeEntities(a.value).simplified();
    }
    const HtmlSanitizer::UrlKind kind = HtmlSanitizer::classifyUrl(src);
    const bool keep = kind == HtmlSanitizer::UrlKind::Embedded
            || (kind == HtmlSanitizer::UrlKind::Remote && admitRemote(src));
    if (!keep) {
        // A placeholder that keeps the author's description of the picture, if any.
        if (!alt.isEmpty())
            m_result.html += u"<span class=\"blocked-image\">[" + HtmlSanitizer::escape(alt)
                    + u"]</span>";
        return;
    }
    m_result.html += u"<img";
    writeAttributes(token, u"img"_s);
    m_result.html += u'>';
}

void Sanitizer::writeAttributes(const Token &token, const QString &element)
{
    QVarLengthArray<QString, 8> written;
    for (const Attribute &a : token.attributes) {
        const QString name = lower(a.name);
        if (!isAllowedAttribute(name) || written.contains(name))
            continue;
        written.append(name);
        QString value = HtmlSanitizer::decodeEntities(a.value);
        if (name == u"href") {
            if (element != u"a")
                continue;
            value = value.trimmed();
            const HtmlSanitizer::UrlKind kind = HtmlSanitizer::classifyUrl(value);
            if (kind != HtmlSanitizer::UrlKind::Remote && kind != HtmlSanitizer::UrlKind::Link
                && kind != HtmlSanitizer::UrlKind::Fragment)
                continue;
        } else if (name == u"src") {
            if (element != u"img")
                continue;
            value = value.trimmed(); // already classified by image()
        } else if (name == u"background") {
            value = value.trimmed();
            const HtmlSanitizer::UrlKind kind = HtmlSanitizer::classifyUrl(value);
            if (kind != HtmlSanitizer::UrlKind::Embedded
                && !(kind == HtmlSanitizer::UrlKind::Remote && admitRemote(value)))
                continue;
        } else if (name == u"style") {
            value = sanitizeCss(value, CssSanitizer::Mode::Declarations);
        }
        m_result.html += u' ' + name + u"=\"" + HtmlSanitizer::escape(value) + u'"';
    }
}

bool Sanitizer::admitRemote(const QString &url)
{
    if (m_allowRemote) {
        m_result.remoteUrls.append(url);
        return true;
    }
    ++m_result.blockedCount;
    if (!m_result.blockedUrls.contains(url))
        m_result.blockedUrls.append(url);
    return false;
}

} // namespace

HtmlSanitizer::Result HtmlSanitizer::sanitize(QStringView html) const
{
    Sanitizer sanitizer(m_allowRemoteContent, html.size());
    sanitizer.run(html);
    return sanitizer.take();
}

namespace {

QString namedEntity(QStringView name)
{
    static const QHash<QString, char16_t> entities = [] {
        QHash<QString, char16_t> r;
        const struct
        {
            const char *name;
            char16_t ch;
        } table[] = {
            {"amp", u'&'},     {"lt", u'<'},      {"gt", u'>'},      {"quot", u'"'},
            {"apos", u'\''},   {"nbsp", 0xa0},    {"colon", u':'},   {"Tab", u'\t'},
            {"NewLine", u'\n'}, {"lpar", u'('},   {"rpar", u')'},    {"sol", u'/'},
            {"bsol", u'\\'},   {"period", u'.'},  {"comma", u','},   {"semi", u';'},
            {"equals", u'='},  {"num", u'#'},     {"excl", u'!'},    {"quest", u'?'},
            {"commat", u'@'},  {"percnt", u'%'},  {"lsqb", u'['},    {"rsqb", u']'},
            {"lcub", u'{'},    {"rcub", u'}'},    {"plus", u'+'},    {"copy", 0xa9},
            {"reg", 0xae},     {"trade", 0x2122}, {"hellip", 0x2026}, {"mdash", 0x2014},
            {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201c},
            {"rdquo", 0x201d}, {"bull", 0x2022},  {"middot", 0xb7},  {"laquo", 0xab},
            {"raquo", 0xbb},   {"euro", 0x20ac},  {"pound", 0xa3},   {"yen", 0xa5},
            {"cent", 0xa2},    {"deg", 0xb0},     {"times", 0xd7},   {"divide", 0xf7},
            {"shy", 0xad},     {"zwj", 0x200d},   {"zwnj", 0x200c},  {"ensp", 0x2002},
            {"emsp", 0x2003},  {"thinsp", 0x2009},
        };
        for (const auto &e : table)
            r.insert(QString::fromLatin1(e.name), e.ch);
        r.insert(u"tab"_s, u'\t');
        r.insert(u"newline"_s, u'\n');
        return r;
    }();
    const auto it = entities.constFind(name.toString());
    return it == entities.constEnd() ? QString() : QString(QChar(it.value()));
}

bool isDecimalDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isHexDigit(QChar c)
{
    return isDecimalDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

char32_t hexValue(QChar c)
{
    if (isDecimalDigit(c))
        return c.unicode() - u'0';
    return (c.unicode() | 0x20) - u'a' + 10;
}

} // namespace

QString HtmlSanitizer::decodeEntities(QStringView text)
{
    if (!text.contains(u'&'))
        return text.toString();
    QString out;
    out.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text[i];
        if (c != u'&') {
            out += c;
            ++i;
            continue;
        }
        qsizetype j = i + 1;
        if (j < text.size() && text[j] == u'#') {
            ++j;
            const bool hex = j < text.size() && (text[j] == u'x' || text[j] == u'X');
            if (hex)
                ++j;
            const qsizetype digitsStart = j;
            char32_t value = 0;
            while (j < text.size() && (hex ? isHexDigit(text[j]) : isDecimalDigit(text[j]))) {
                // Saturates: any number of leading zeros, no overflow.
                value = qMin<char32_t>(value * (hex ? 16 : 10) + hexValue(text[j]), 0x110000);
                ++j;
            }
            if (j == digitsStart) {
                out += c;
                ++i;
                continue;
            }
            if (value == 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
                value = 0xfffd;
            out += QString::fromUcs4(&value, 1);
        } else {
            while (j < text.size() && j - i <= 32 && text[j].isLetterOrNumber()
                   && text[j].unicode() < 128)
                ++j;
            const QString decoded = namedEntity(text.mid(i + 1, j - i - 1));
            if (decoded.isEmpty()) {
                out += c;
                ++i;
                continue;
            }
            out += decoded;
        }
        if (j < text.size() && text[j] == u';')
            ++j;
        i = j;
    }
    return out;
}

QString HtmlSanitizer::escape(QStringView text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += u"&amp;";
            break;
        case u'<':
            out += u"&lt;";
            break;
        case u'>':
            out += u"&gt;";
            break;
        case u'"':
            out += u"&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

HtmlSanitizer::UrlKind HtmlSanitizer::classifyUrl(QStringView url)
{
    // Browsers drop blanks and control characters around and inside the scheme.
    QString compact;
    for (const QChar c : url) {
        if (c.unicode() > 0x20 && c.unicode() != 0x7f)
            compact += c;
        if (compact.size() >= 16)
            break;
    }
    if (compact.startsWith(u"//"))
        return UrlKind::Remote;
    if (compact.startsWith(u'#'))
        return UrlKind::Fragment;
    const qsizetype colon = compact.indexOf(u':');
    if (colon <= 0)
        return UrlKind::Forbidden;
    const QString scheme = compact.left(colon).toLower();
    if (scheme == u"http" || scheme == u"https")
        return UrlKind::Remote;
    if (scheme == u"mailto")
        return UrlKind::Link;
    if (scheme == u"cid")
        return UrlKind::Embedded;
    if (scheme == u"data" && compact.mid(colon + 1).startsWith(u"image/", Qt::CaseInsensitive))
        return UrlKind::Embedded;
    return UrlKind::Forbidden;
}
