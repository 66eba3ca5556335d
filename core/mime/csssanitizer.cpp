#include "csssanitizer.h"

#include "htmlsanitizer.h"

using namespace Qt::StringLiterals;

namespace {

bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isIdentChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'-' || c == u'_';
}

// Comments removed, escapes decoded.
QString normalise(QStringView css)
{
    QString out;
    out.reserve(css.size());
    qsizetype i = 0;
    while (i < css.size()) {
        const QChar c = css[i];
        if (c == u'/' && i + 1 < css.size() && css[i + 1] == u'*') {
            const qsizetype end = css.indexOf(u"*/", i + 2);
            i = end < 0 ? css.size() : end + 2;
        } else if (c == u'\\') {
            ++i;
            if (i >= css.size())
                break;
            if (isHex(css[i])) {
                char32_t value = 0;
                const qsizetype start = i;
                while (i < css.size() && i - start < 6 && isHex(css[i]))
                    value = value * 16
                            + static_cast<char32_t>(
                                    QStringView(css.mid(i++, 1)).toUInt(nullptr, 16));
                if (i < css.size() && (css[i] == u' ' || css[i] == u'\t' || css[i] == u'\n'))
                    ++i;
                if (value == 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
                    value = 0xfffd;
                out += QString::fromUcs4(&value, 1);
            } else if (css[i] == u'\n') {
                ++i;
            } else {
                out += css[i++];
            }
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

class Scanner
{
public:
    Scanner(const QString &css, const CssSanitizer::RemotePolicy &admitRemote)
        : m_css(css)
        , m_admitRemote(admitRemote)
    {
        m_out.reserve(css.size());
    }

    QString run()
    {
        while (m_pos < m_css.size()) {
            const QChar c = m_css[m_pos];
            if (!mayStartKeyword(c)) {
                m_out += c;
                ++m_pos;
                continue;
            }
            const bool wordStart = m_pos == 0 || !isIdentChar(m_css[m_pos - 1]);
            // Strings are not skipped: a viewer's CSS parser may disagree with us about where
            // one ends, so a reference inside one is neutralised too.
            if (wordStart && at(u"url(")) {
                url();
            } else if (at(u"image-set(")) {
                m_pos = closingParen(m_pos + 10);
                writeNone();
            } else if (c == u'@' && at(u"@import")) {
                import();
            } else if (at(u"expression") || at(u"behavior") || at(u"-moz-binding")) {
                m_out += u"invalid-";
                m_out += c;
                ++m_pos;
            } else {
                m_out += c;
                ++m_pos;
            }
        }
        return m_out;
    }

private:
    static bool mayStartKeyword(QChar c)
    {
        switch (c.unicode() | 0x20) { // folds ASCII letters to lower case, "@" to "`"
        case u'u':
        case u'i':
        case u'e':
        case u'b':
        case u'-':
        case u'`':
            return true;
        default:
            return false;
        }
    }

    bool at(QStringView word) const
    {
        return QStringView(m_css).mid(m_pos, word.size()).compare(word, Qt::CaseInsensitive) == 0;
    }

    // Just past the string that opens at `from`; an unterminated string ends at the line end.
    qsizetype stringEnd(qsizetype from) const
    {
        const QChar quote = m_css[from];
        for (qsizetype i = from + 1; i < m_css.size(); ++i) {
            if (m_css[i] == quote)
                return i + 1;
            if (m_css[i] == u'\n')
                return i;
        }
        return m_css.size();
    }

    // Just past the ")" closing a function whose arguments start at `from`.
    qsizetype closingParen(qsizetype from) const
    {
        int depth = 1;
        for (qsizetype i = from; i < m_css.size(); ++i) {
            if (m_css[i] == u'"' || m_css[i] == u'\'') {
                i = stringEnd(i) - 1;
            } else if (m_css[i] == u'(') {
                ++depth;
            } else if (m_css[i] == u')' && --depth == 0) {
                return i + 1;
            }
        }
        return m_css.size();
    }

    // The URL of url(...) starting at `from` (at "url("), and where the function ends.
    QString urlArgument(qsizetype from, qsizetype *end) const
    {
        qsizetype i = from + 4;
        while (i < m_css.size() && m_css[i].isSpace())
            ++i;
        *end = closingParen(i);
        if (i < m_css.size() && (m_css[i] == u'"' || m_css[i] == u'\'')) {
            const qsizetype close = stringEnd(i);
            const qsizetype length = close - i - (m_css[close - 1] == m_css[i] ? 2 : 1);
            return m_css.mid(i + 1, qMax<qsizetype>(0, length));
        }
        // An unterminated url( runs to the end of the text, its last character included.
        const bool closed = *end > i && m_css[*end - 1] == u')';
        return m_css.mid(i, qMax<qsizetype>(0, *end - (closed ? 1 : 0) - i)).trimmed();
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

    // In place of a refused reference. Kept apart from a name that follows ("none" then
    // "url(" must not read as the one function "noneurl(", which hides the url( from a second
    // pass over the output while a viewer's parser may still see it).
    void writeNone()
    {
        m_out += u"none";
        if (m_pos < m_css.size() && isIdentChar(m_css[m_pos]))
            m_out += u' ';
    }

    void url()
    {
        qsizetype end = 0;
        QString target = urlArgument(m_pos, &end);
        m_pos = end;
        if (!keep(target)) {
            writeNone();
            return;
        }
        target.replace(u'"', u"%22"_s).replace(u'\n', QString());
        m_out += u"url(\"" + target + u"\")";
    }

    void import()
    {
        qsizetype i = m_pos + 7;
        while (i < m_css.size() && m_css[i].isSpace())
            ++i;
        QString target;
        if (QStringView(m_css).mid(i, 4).compare(u"url(", Qt::CaseInsensitive) == 0) {
            qsizetype end = 0;
            target = urlArgument(i, &end);
        } else if (i < m_css.size() && (m_css[i] == u'"' || m_css[i] == u'\'')) {
            const qsizetype close = stringEnd(i);
            target = m_css.mid(i + 1, qMax<qsizetype>(0, close - i - 2));
        }
        qsizetype end = i;
        while (end < m_css.size() && m_css[end] != u';' && m_css[end] != u'{') {
            if (m_css[end] == u'"' || m_css[end] == u'\'')
                end = stringEnd(end);
            else
                ++end;
        }
        if (end < m_css.size() && m_css[end] == u';')
            ++end;
        if (HtmlSanitizer::classifyUrl(target) == HtmlSanitizer::UrlKind::Remote
            && m_admitRemote(target))
            m_out += QStringView(m_css).mid(m_pos, end - m_pos);
        else if (!m_out.isEmpty() && isIdentChar(m_out.back()) && end < m_css.size()
                 && isIdentChar(m_css[end]))
            m_out += u' '; // the names on either side stay apart ("p" and "url(" not "purl(")
        m_pos = end;
    }

    const QString &m_css;
    const CssSanitizer::RemotePolicy &m_admitRemote;
    QString m_out;
    qsizetype m_pos = 0;
};

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
    // Comments are gone and escapes decoded: what looks like either now came from an escape
    // and must not become one when the result is read again. The backslashes go before the
    // scan, so that text they separated ("u\\rl(") is scanned as it will be read.
    QString normalised = normalise(css);
    normalised.remove(u'\\');
    QString out = Scanner(normalised, admitRemote).run();
    out.replace(u"/*"_s, u"/ *"_s);
    if (mode == Mode::StyleSheet)
        out.replace(u'<', u"\\3c "_s);
    return out;
}
