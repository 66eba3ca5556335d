#include "htmlsanitizer.h"

#include "csssanitizer.h"
#include "htmlentities.h"
#include "htmltokenizer.h"

#include <QVarLengthArray>

#include <algorithm>
#include <array>
#include <string_view>

using namespace Qt::StringLiterals;

namespace {

using Token = HtmlTokenizer::Token;
using Attribute = HtmlTokenizer::Attribute;

// ---------------------------------------------------------------------------------------------
// What happens to each element and attribute. Names are looked up case-insensitively in sorted
// tables, without allocating.

enum class TagRule {
    Drop, // the tag goes, its content stays (the default for unknown elements)
    Keep, // the element and its allowed attributes
    Void, // kept, an element without content or end tag
    Skip, // the element and everything inside it
    SkipRaw, // an element whose content is raw text, dropped with it
    Style, // a style sheet, kept with its rules neutralised
};

struct Name
{
    QLatin1StringView name;
    TagRule rule = TagRule::Drop;
};

// An ASCII name folded to lower case; empty when it cannot be one of ours.
struct FoldedName
{
    char data[16];
    qsizetype size = 0;

    explicit FoldedName(QStringView name)
    {
        if (name.size() > qsizetype(sizeof(data)))
            return;
        for (const QChar c : name) {
            const char16_t u = c.unicode();
            if (u >= 128)
                return;
            data[size++] = char(u >= u'A' && u <= u'Z' ? u + 32 : u);
        }
    }
    std::string_view view() const { return std::string_view(data, size_t(size)); }
};

std::string_view view(QLatin1StringView s)
{
    return std::string_view(s.data(), size_t(s.size()));
}

template<size_t N>
const Name *lookup(const std::array<Name, N> &table, QStringView name)
{
    const FoldedName folded(name);
    const std::string_view key = folded.view();
    if (key.empty())
        return nullptr;
    const auto it = std::lower_bound(table.begin(), table.end(), key,
                                     [](const Name &entry, std::string_view k) {
                                         return view(entry.name) < k;
                                     });
    if (it == table.end() || view(it->name) != key)
        return nullptr;
    return &*it;
}

template<size_t N>
std::array<Name, N> sorted(std::array<Name, N> table)
{
    std::sort(table.begin(), table.end(),
              [](const Name &a, const Name &b) { return view(a.name) < view(b.name); });
    return table;
}

constexpr TagRule K = TagRule::Keep;
constexpr TagRule V = TagRule::Void;
constexpr TagRule S = TagRule::Skip;
constexpr TagRule R = TagRule::SkipRaw;

// clang-format off
const Name *findElement(QStringView name)
{
    static const auto table = sorted(std::array<Name, 97>{{
        {"a"_L1, K}, {"abbr"_L1, K}, {"acronym"_L1, K}, {"address"_L1, K}, {"article"_L1, K},
        {"aside"_L1, K}, {"b"_L1, K}, {"bdi"_L1, K}, {"bdo"_L1, K}, {"big"_L1, K},
        {"blockquote"_L1, K}, {"body"_L1, K}, {"br"_L1, V}, {"caption"_L1, K}, {"center"_L1, K},
        {"cite"_L1, K}, {"code"_L1, K}, {"col"_L1, V}, {"colgroup"_L1, K}, {"dd"_L1, K},
        {"del"_L1, K}, {"details"_L1, K}, {"dfn"_L1, K}, {"div"_L1, K}, {"dl"_L1, K},
        {"dt"_L1, K}, {"em"_L1, K}, {"figcaption"_L1, K}, {"figure"_L1, K}, {"font"_L1, K},
        {"footer"_L1, K}, {"h1"_L1, K}, {"h2"_L1, K}, {"h3"_L1, K}, {"h4"_L1, K},
        {"h5"_L1, K}, {"h6"_L1, K}, {"head"_L1, K}, {"header"_L1, K}, {"hr"_L1, V},
        {"html"_L1, K}, {"i"_L1, K}, {"img"_L1, V}, {"ins"_L1, K}, {"kbd"_L1, K},
        {"label"_L1, K}, {"li"_L1, K}, {"main"_L1, K}, {"mark"_L1, K}, {"nav"_L1, K},
        {"ol"_L1, K}, {"p"_L1, K}, {"pre"_L1, K}, {"q"_L1, K}, {"s"_L1, K},
        {"samp"_L1, K}, {"section"_L1, K}, {"small"_L1, K}, {"span"_L1, K}, {"strike"_L1, K},
        {"strong"_L1, K}, {"sub"_L1, K}, {"summary"_L1, K}, {"sup"_L1, K}, {"table"_L1, K},
        {"tbody"_L1, K}, {"td"_L1, K}, {"tfoot"_L1, K}, {"th"_L1, K}, {"thead"_L1, K},
        {"time"_L1, K}, {"tr"_L1, K}, {"tt"_L1, K}, {"u"_L1, K}, {"ul"_L1, K},
        {"var"_L1, K}, {"wbr"_L1, V}, {"object"_L1, S}, {"applet"_L1, S}, {"frameset"_L1, S},
        {"select"_L1, S}, {"template"_L1, S}, {"svg"_L1, S}, {"math"_L1, S}, {"audio"_L1, S},
        {"video"_L1, S}, {"datalist"_L1, S}, {"script"_L1, R}, {"iframe"_L1, R}, {"noembed"_L1, R},
        {"noframes"_L1, R}, {"textarea"_L1, R}, {"title"_L1, R}, {"xmp"_L1, R}, {"style"_L1, TagRule::Style},
        {"map"_L1, TagRule::Drop}, {"canvas"_L1, TagRule::Drop},
    }});
    return lookup(table, name);
}

const Name *findAttribute(QStringView name)
{
    static const auto table = sorted(std::array<Name, 36>{{
        {"style"_L1}, {"class"_L1}, {"id"_L1}, {"title"_L1}, {"dir"_L1}, {"lang"_L1},
        {"align"_L1}, {"valign"_L1}, {"width"_L1}, {"height"_L1}, {"bgcolor"_L1}, {"color"_L1},
        {"face"_L1}, {"size"_L1}, {"border"_L1}, {"cellpadding"_L1}, {"cellspacing"_L1}, {"colspan"_L1},
        {"rowspan"_L1}, {"nowrap"_L1}, {"type"_L1}, {"start"_L1}, {"value"_L1}, {"alt"_L1},
        {"hspace"_L1}, {"vspace"_L1}, {"clear"_L1}, {"span"_L1}, {"summary"_L1}, {"scope"_L1},
        {"abbr"_L1}, {"headers"_L1}, {"name"_L1}, {"background"_L1}, {"href"_L1}, {"src"_L1},
    }});
    return lookup(table, name);
}
// clang-format on

void appendEscaped(QString &out, QStringView text)
{
    qsizetype from = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        const char16_t *replacement = c == u'&'   ? u"&amp;"
                                      : c == u'<' ? u"&lt;"
                                      : c == u'>' ? u"&gt;"
                                      : c == u'"' ? u"&quot;"
                                                  : nullptr;
        if (!replacement)
            continue;
        out += text.mid(from, i - from);
        out += QStringView(replacement);
        from = i + 1;
    }
    out += text.mid(from);
}

class Sanitizer
{
public:
    Sanitizer(bool allowRemote, const TrackerDetector &trackers, qsizetype sizeHint)
        : m_allowRemote(allowRemote)
        , m_trackers(trackers)
    {
        m_result.html.reserve(sizeHint + sizeHint / 8);
    }

    void run(QStringView input);
    HtmlSanitizer::Result take() { return std::move(m_result); }

private:
    void startTag(const Token &token, const Name &element);
    void image(const Token &token);
    void writeAttributes(const Token &token, QLatin1StringView element);
    void writeAttribute(QLatin1StringView name, QStringView value);
    // Decides about one remote reference: true when it may stay in the output.
    bool admitRemote(const QString &url);
    // True when the remote reference is a tracker, which is then recorded.
    bool isTracker(const QString &url, const TrackerDetector::Verdict &verdict);
    QString sanitizeCss(QStringView css, CssSanitizer::Mode mode)
    {
        return CssSanitizer::sanitize(css, mode,
                                      [this](const QString &url) { return admitRemote(url); });
    }

    bool m_allowRemote;
    const TrackerDetector &m_trackers;
    HtmlSanitizer::Result m_result;
};

void Sanitizer::run(QStringView input)
{
    HtmlTokenizer tokens(input);
    QLatin1StringView skipping; // the element being skipped with its content
    int skipDepth = 0;
    for (;;) {
        // A new token each time, never one assigned over another: Qt 6.4's QVarLengthArray
        // leaks its own heap buffer when it is move-assigned one that is also on the heap (a
        // tag with more than eight attributes after another).
        const Token t = tokens.next();
        if (t.kind == Token::Kind::End)
            break;
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
                appendEscaped(m_result.html, t.text);
            break;
        case Token::Kind::StartTag: {
            const Name *element = findElement(t.text);
            const TagRule rule = element ? element->rule : TagRule::Drop;
            if (skipDepth > 0) {
                if (element && element->name == skipping)
                    ++skipDepth;
                else if (rule == TagRule::SkipRaw || rule == TagRule::Style)
                    tokens.rawText(t.text);
                break;
            }
            switch (rule) {
            case TagRule::Keep:
            case TagRule::Void:
                startTag(t, *element);
                break;
            case TagRule::Drop:
                break;
            case TagRule::Skip:
                skipping = element->name;
                skipDepth = 1;
                break;
            case TagRule::SkipRaw:
                tokens.rawText(t.text);
                break;
            case TagRule::Style:
                m_result.html += u"<style>"
                                 + sanitizeCss(tokens.rawText(t.text),
                                               CssSanitizer::Mode::StyleSheet)
                                 + u"</style>";
                break;
            }
            break;
        }
        case Token::Kind::EndTag: {
            const Name *element = findElement(t.text);
            if (skipDepth > 0) {
                if (element && element->name == skipping)
                    --skipDepth;
                break;
            }
            if (element && element->rule == TagRule::Keep) {
                m_result.html += u"</";
                m_result.html += element->name;
                m_result.html += u'>';
            }
            break;
        }
        case Token::Kind::End:
            break;
        }
    }
}

void Sanitizer::startTag(const Token &token, const Name &element)
{
    if (element.name == "img"_L1) {
        image(token);
        return;
    }
    m_result.html += u'<';
    m_result.html += element.name;
    writeAttributes(token, element.name);
    m_result.html += u'>';
}

void Sanitizer::image(const Token &token)
{
    QString src;
    QString alt;
    QString width;
    QString height;
    QString style;
    for (const Attribute &a : token.attributes) {
        if (src.isNull() && a.name.compare("src"_L1, Qt::CaseInsensitive) == 0)
            src = HtmlSanitizer::decodeEntities(a.value).trimmed();
        else if (alt.isNull() && a.name.compare("alt"_L1, Qt::CaseInsensitive) == 0)
            alt = HtmlSanitizer::decodeEntities(a.value).simplified();
        else if (width.isNull() && a.name.compare("width"_L1, Qt::CaseInsensitive) == 0)
            width = HtmlSanitizer::decodeEntities(a.value);
        else if (height.isNull() && a.name.compare("height"_L1, Qt::CaseInsensitive) == 0)
            height = HtmlSanitizer::decodeEntities(a.value);
        else if (style.isNull() && a.name.compare("style"_L1, Qt::CaseInsensitive) == 0)
            style = HtmlSanitizer::decodeEntities(a.value);
    }
    const HtmlSanitizer::UrlKind kind = HtmlSanitizer::classifyUrl(src);
    // A tracker leaves no trace, not even its description.
    if (kind == HtmlSanitizer::UrlKind::Remote
        && isTracker(src, m_trackers.classifyImage(src, width, height, style)))
        return;
    const bool keep = kind == HtmlSanitizer::UrlKind::Embedded
                      || (kind == HtmlSanitizer::UrlKind::Remote && admitRemote(src));
    if (!keep) {
        // A placeholder that keeps the author's description of the picture, if any.
        if (!alt.isEmpty()) {
            m_result.html += u"<span class=\"blocked-image\">[";
            appendEscaped(m_result.html, alt);
            m_result.html += u"]</span>";
        }
        return;
    }
    m_result.html += u"<img";
    writeAttributes(token, "img"_L1);
    m_result.html += u'>';
}

void Sanitizer::writeAttributes(const Token &token, QLatin1StringView element)
{
    using Kind = HtmlSanitizer::UrlKind;
    QVarLengthArray<QLatin1StringView, 8> written;
    for (const Attribute &a : token.attributes) {
        const Name *attribute = findAttribute(a.name);
        if (!attribute || written.contains(attribute->name))
            continue;
        const QLatin1StringView name = attribute->name;
        written.append(name);
        const bool plain = !a.value.contains(u'&');
        if (name == "style"_L1) {
            writeAttribute(name,
                           sanitizeCss(plain ? a.value : HtmlSanitizer::decodeEntities(a.value),
                                       CssSanitizer::Mode::Declarations));
            continue;
        }
        const bool isUrl = name == "href"_L1 || name == "src"_L1 || name == "background"_L1;
        if (!isUrl) {
            if (plain)
                writeAttribute(name, a.value);
            else
                writeAttribute(name, HtmlSanitizer::decodeEntities(a.value));
            continue;
        }
        const QString value = HtmlSanitizer::decodeEntities(a.value).trimmed();
        if (name == "href"_L1) {
            const Kind kind = HtmlSanitizer::classifyUrl(value);
            if (element != "a"_L1
                || (kind != Kind::Remote && kind != Kind::Link && kind != Kind::Fragment))
                continue;
        } else if (name == "src"_L1) {
            if (element != "img"_L1)
                continue; // an image's source was classified by image()
        } else {
            const Kind kind = HtmlSanitizer::classifyUrl(value);
            if (kind != Kind::Embedded && !(kind == Kind::Remote && admitRemote(value)))
                continue;
        }
        writeAttribute(name, value);
    }
}

void Sanitizer::writeAttribute(QLatin1StringView name, QStringView value)
{
    m_result.html += u' ';
    m_result.html += name;
    m_result.html += u"=\"";
    appendEscaped(m_result.html, value);
    m_result.html += u'"';
}

bool Sanitizer::isTracker(const QString &url, const TrackerDetector::Verdict &verdict)
{
    if (!verdict.isTracker())
        return false;
    m_result.trackers.append({url, verdict});
    return true;
}

bool Sanitizer::admitRemote(const QString &url)
{
    if (isTracker(url, m_trackers.classifyUrl(url)))
        return false;
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
    Sanitizer sanitizer(m_allowRemoteContent, m_trackers, html.size());
    sanitizer.run(html);
    return sanitizer.take();
}

QString HtmlSanitizer::decodeEntities(QStringView text)
{
    return HtmlEntities::decode(text);
}

QString HtmlSanitizer::escape(QStringView text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    appendEscaped(out, text);
    return out;
}

HtmlSanitizer::UrlKind HtmlSanitizer::classifyUrl(QStringView url)
{
    // Browsers drop blanks and control characters around and inside the scheme.
    char buffer[16];
    qsizetype size = 0;
    for (qsizetype i = 0; i < url.size() && size < qsizetype(sizeof(buffer)); ++i) {
        const char16_t u = url[i].unicode();
        if (u <= 0x20 || u == 0x7f)
            continue;
        buffer[size++] = u >= 128 ? '?' : char(u >= u'A' && u <= u'Z' ? u + 32 : u);
    }
    const std::string_view compact(buffer, size_t(size));
    if (compact.starts_with("//"))
        return UrlKind::Remote;
    if (compact.starts_with('#'))
        return UrlKind::Fragment;
    const size_t colon = compact.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return UrlKind::Forbidden;
    const std::string_view scheme = compact.substr(0, colon);
    if (scheme == "http" || scheme == "https")
        return UrlKind::Remote;
    if (scheme == "mailto")
        return UrlKind::Link;
    if (scheme == "cid")
        return UrlKind::Embedded;
    if (scheme == "data" && compact.substr(colon + 1).starts_with("image/"))
        return UrlKind::Embedded;
    return UrlKind::Forbidden;
}
