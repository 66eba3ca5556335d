#include "htmlentities.h"

#include <QHash>

using namespace Qt::StringLiterals;

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
                {"amp", u'&'},      {"lt", u'<'},       {"gt", u'>'},       {"quot", u'"'},
                {"apos", u'\''},    {"nbsp", 0xa0},     {"colon", u':'},    {"Tab", u'\t'},
                {"NewLine", u'\n'}, {"lpar", u'('},     {"rpar", u')'},     {"sol", u'/'},
                {"bsol", u'\\'},    {"period", u'.'},   {"comma", u','},    {"semi", u';'},
                {"equals", u'='},   {"num", u'#'},      {"excl", u'!'},     {"quest", u'?'},
                {"commat", u'@'},   {"percnt", u'%'},   {"lsqb", u'['},     {"rsqb", u']'},
                {"lcub", u'{'},     {"rcub", u'}'},     {"plus", u'+'},     {"copy", 0xa9},
                {"reg", 0xae},      {"trade", 0x2122},  {"hellip", 0x2026}, {"mdash", 0x2014},
                {"ndash", 0x2013},  {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"ldquo", 0x201c},
                {"rdquo", 0x201d},  {"bull", 0x2022},   {"middot", 0xb7},   {"laquo", 0xab},
                {"raquo", 0xbb},    {"euro", 0x20ac},   {"pound", 0xa3},    {"yen", 0xa5},
                {"cent", 0xa2},     {"deg", 0xb0},      {"times", 0xd7},    {"divide", 0xf7},
                {"shy", 0xad},      {"zwj", 0x200d},    {"zwnj", 0x200c},   {"ensp", 0x2002},
                {"emsp", 0x2003},   {"thinsp", 0x2009},
        };
        for (const auto &e : table)
            r.insert(QString::fromLatin1(e.name), e.ch);
        // The letters of Latin-1 (U+00C0 to U+00FF) by their HTML 4 names, as mail written in
        // German, French or Spanish uses them.
        const char *const latin1Letters[] = {
                "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig", "Ccedil",
                "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc", "Iuml",
                "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",  nullptr,
                "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN", "szlig",
                "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig", "ccedil",
                "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc", "iuml",
                "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",  nullptr,
                "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn", "yuml",
        };
        char16_t letter = 0xc0;
        for (const char *letterName : latin1Letters) {
            if (letterName)
                r.insert(QString::fromLatin1(letterName), letter);
            ++letter;
        }
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

QString HtmlEntities::decode(QStringView text)
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
