#include "csssanitizer.h"

#include "csstokenizer.h"
#include "htmlsanitizer.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace {

using Token = CssTokenizer::Token;
using Kind = Token::Kind;

// A name as the decision reads it: escapes decoded (by the tokenizer), case folded, and
// backslashes a decoded escape left in it removed ("u\\rl(" is treated as "url(": a reader that
// drops them must not find a reference this one did not look at).
QString plainName(const QString &name)
{
    QString folded = name.toLower();
    folded.remove(u'\\');
    return folded;
}

// IE's expression(), behavior and -moz-binding run code; a name made "invalid-..." already is
// none that any reader knows.
bool isDangerousName(const QString &name)
{
    if (name.startsWith(u"invalid-"_s))
        return false;
    return name.contains(u"expression"_s) || name.contains(u"behavior"_s)
           || name.contains(u"-moz-binding"_s);
}

// Characters after which, or before which, nothing joins into another token.
bool isSeparator(QChar c)
{
    return c.isSpace() || c == u';' || c == u'{' || c == u'}' || c == u',' || c == u':';
}

class Sanitizer
{
public:
    Sanitizer(QStringView css, const CssSanitizer::RemotePolicy &admitRemote)
        : m_css(css)
        , m_admitRemote(admitRemote)
    {
        CssTokenizer tokenizer(css);
        for (Token token = tokenizer.next(); token.kind != Kind::End; token = tokenizer.next())
            m_tokens.append(token);
        m_out.reserve(css.size());
    }

    QString run()
    {
        while (m_index < m_tokens.size()) {
            const Token &token = m_tokens.at(m_index);
            switch (token.kind) {
            case Kind::Comment:
                m_seam = true; // dropped: what was on either side must not join
                ++m_index;
                break;
            case Kind::Url:
            case Kind::BadUrl:
                ++m_index;
                writeReference(urlTokenTarget(token));
                break;
            case Kind::Function:
                function(token);
                break;
            case Kind::AtKeyword:
                if (plainName(token.value) == u"import"_s)
                    import();
                else
                    writeSource(token);
                break;
            case Kind::String:
            case Kind::BadString:
                writeString(token);
                break;
            case Kind::Ident:
                if (isDangerousName(plainName(token.value))) {
                    m_seam = true;
                    write(QString(u"invalid-"_s + source(token)));
                    ++m_index;
                } else {
                    writeSource(token);
                }
                break;
            default:
                writeSource(token);
                break;
            }
        }
        return m_out;
    }

private:
    QStringView source(const Token &token) const
    {
        return m_css.sliced(token.start, token.end - token.start);
    }

    // Writes text after what is written, apart from it where something was dropped or replaced
    // between them and the two could read as one token ("none" and "url(", "a" and "b").
    void write(QStringView text)
    {
        if (text.isEmpty())
            return;
        if (m_seam && !m_out.isEmpty() && !isSeparator(m_out.back()) && !isSeparator(text.front())
            && m_out.back() != u'(' && text.front() != u')')
            m_out += u' ';
        m_seam = false;
        m_out += text;
    }

    void writeSource(const Token &token)
    {
        write(source(token));
        ++m_index;
    }

    // A reader whose CSS parser disagrees about where a string ends must not find a function or
    // an at-rule in it either: "(" and "@" inside strings are written as escapes, which mean the
    // same characters to a reader that agrees.
    void writeString(const Token &token)
    {
        const QStringView text = source(token);
        if (!text.contains(u'(') && !text.contains(u'@')) {
            writeSource(token);
            return;
        }
        QString escaped = text.toString();
        escaped.replace(u'(', u"\\28 "_s).replace(u'@', u"\\40 "_s);
        write(escaped);
        ++m_index;
    }

    // The index just past the ")" closing the function or block opened before `from`.
    qsizetype closing(qsizetype from) const
    {
        int depth = 1;
        for (qsizetype i = from; i < m_tokens.size(); ++i) {
            const Kind kind = m_tokens.at(i).kind;
            if (kind == Kind::Function || kind == Kind::OpenParen)
                ++depth;
            else if (kind == Kind::CloseParen && --depth == 0)
                return i + 1;
        }
        return m_tokens.size();
    }

    static QString withoutComments(QString url)
    {
        for (qsizetype open = url.indexOf(u"/*"_s); open >= 0; open = url.indexOf(u"/*"_s)) {
            const qsizetype close = url.indexOf(u"*/"_s, open + 2);
            url.remove(open, close < 0 ? url.size() - open : close + 2 - open);
        }
        return url.trimmed();
    }

    // A url token's address; a bad one's is its text up to the ")" that ends it.
    QString urlTokenTarget(const Token &token) const
    {
        if (token.kind == Kind::Url)
            return withoutComments(token.value);
        QStringView text = source(token).sliced(4); // after "url("
        if (text.endsWith(u')'))
            text.chop(1);
        return withoutComments(text.toString().remove(u'\\'));
    }

    // The address in url( ... ) read as a function: its string, or else its text.
    QString functionTarget(qsizetype from, qsizetype to) const
    {
        QString text;
        for (qsizetype i = from; i < to; ++i) {
            const Token &token = m_tokens.at(i);
            if (token.kind == Kind::String || token.kind == Kind::BadString)
                return token.value;
            if (token.kind == Kind::CloseParen && i == to - 1)
                break;
            if (token.kind != Kind::Comment)
                text += source(token);
        }
        text.remove(u'\\');
        return withoutComments(text);
    }

    bool keep(const QString &url) const
    {
        switch (HtmlSanitizer::classifyUrl(url)) {
        case HtmlSanitizer::UrlKind::Embedded:
            return true;
        case HtmlSanitizer::UrlKind::Remote:
            return m_admitRemote(url);
        default:
            return false;
        }
    }

    // A reference, kept as url("...") in a form every reader reads alike, or "none".
    void writeReference(const QString &target)
    {
        m_seam = true;
        if (!keep(target)) {
            write(u"none"_s);
            m_seam = true;
            return;
        }
        QString quoted = target;
        quoted.replace(u'\\', u"%5C"_s).replace(u'"', u"%22"_s);
        quoted.remove(u'\n').remove(u'\r').remove(u'\f');
        write(QString(u"url(\""_s + quoted + u"\")"_s));
        m_seam = true;
    }

    void function(const Token &token)
    {
        const QString name = plainName(token.value);
        if (name == u"url"_s) {
            const qsizetype end = closing(m_index + 1);
            const QString target = functionTarget(m_index + 1, end);
            m_index = end;
            writeReference(target);
        } else if (name.endsWith(u"image-set"_s) || name == u"image"_s) {
            // Its strings are addresses too: the whole function goes.
            m_index = closing(m_index + 1);
            m_seam = true;
            write(u"none"_s);
            m_seam = true;
        } else if (isDangerousName(name)) {
            m_seam = true;
            write(QString(u"invalid-"_s + source(token)));
            ++m_index;
        } else {
            writeSource(token);
        }
    }

    // @import: kept as written only when its one reference is a remote one the policy admits
    // and nothing else in it could hide another; otherwise dropped up to its ";".
    void import()
    {
        const qsizetype start = m_index;
        qsizetype end = m_index + 1;
        while (end < m_tokens.size() && m_tokens.at(end).kind != Kind::Semicolon
               && m_tokens.at(end).kind != Kind::OpenCurly)
            ++end;
        const qsizetype stop = end < m_tokens.size() && m_tokens.at(end).kind == Kind::Semicolon
                                       ? end + 1
                                       : end;
        QString target;
        int references = 0;
        bool plain = true;
        for (qsizetype i = start + 1; i < end; ++i) {
            const Token &token = m_tokens.at(i);
            switch (token.kind) {
            case Kind::Function:
                if (plainName(token.value) != u"url"_s) {
                    plain = false;
                    break;
                }
                ++references;
                plain = false;
                target = functionTarget(i + 1, closing(i + 1));
                i = closing(i + 1) - 1;
                break;
            case Kind::Url:
            case Kind::BadUrl:
                ++references;
                target = urlTokenTarget(token);
                plain = plain && token.kind == Kind::Url && !source(token).contains(u'\\');
                break;
            case Kind::String:
                ++references;
                target = token.value;
                plain = plain && !source(token).contains(u'\\');
                break;
            case Kind::Whitespace:
            case Kind::Ident:
            case Kind::Comma:
                plain = plain && !source(token).contains(u'\\');
                break;
            default:
                plain = false;
                break;
            }
        }
        m_index = stop;
        // The policy hears of every remote import, kept or not.
        const bool admitted = HtmlSanitizer::classifyUrl(target) == HtmlSanitizer::UrlKind::Remote
                              && m_admitRemote(target);
        if (admitted && plain && references == 1) {
            write(m_css.sliced(m_tokens.at(start).start,
                               m_tokens.at(stop - 1).end - m_tokens.at(start).start));
            return;
        }
        m_seam = true;
    }

    QStringView m_css;
    const CssSanitizer::RemotePolicy &m_admitRemote;
    QList<Token> m_tokens;
    qsizetype m_index = 0;
    QString m_out;
    bool m_seam = false;
};

// Writes every '<' as the escape "\\3c ", so that a style sheet cannot end its <style> element.
// A '<' that is escaped already ("\\<") keeps its backslash, which then starts the hex escape:
// writing a second one would escape the first, and what follows would be read anew.
void escapeAngles(QString &out)
{
    QString escaped;
    escaped.reserve(out.size() + 16);
    qsizetype backslashes = 0;
    for (const QChar c : std::as_const(out)) {
        if (c == u'<') {
            escaped += backslashes % 2 ? u"3c "_s : u"\\3c "_s;
            backslashes = 0;
            continue;
        }
        backslashes = c == u'\\' ? backslashes + 1 : 0;
        escaped += c;
    }
    out = escaped;
}

} // namespace

QString CssSanitizer::sanitize(QStringView css, Mode mode, const RemotePolicy &admitRemote)
{
    // Without these characters nothing can refer to anything: the common case stays cheap.
    const bool inert = !css.contains(u'(') && !css.contains(u'@') && !css.contains(u'\\')
                       && !css.contains(u"/*") && !css.contains(u"behavior", Qt::CaseInsensitive)
                       && !css.contains(u"binding", Qt::CaseInsensitive);
    if (inert) {
        QString out = css.toString();
        if (mode == Mode::StyleSheet)
            out.replace(u'<', u"\\3c "_s);
        return out;
    }
    // Decided on CSS Syntax tokens; what is kept is written as it came, what is dropped or
    // replaced leaves nothing that could join its neighbours into a new token.
    QString out = Sanitizer(css, admitRemote).run();
    out.replace(u"/*"_s, u"/ *"_s);
    if (mode == Mode::StyleSheet && out.contains(u'<'))
        escapeAngles(out);
    return out;
}
