#include "charsetdecoder.h"

#include <QList>
#include <QStringDecoder>

#include <memory>
#include <utility>
#include <vector>

namespace {

struct Alias
{
    const char *alias;
    const char *name;
};

// Names seen in real mail that QStringDecoder does not know, or knows as a narrower charset
// than the one senders actually use.
constexpr Alias aliases[] = {
        {"us-ascii", "windows-1252"},
        {"ascii", "windows-1252"},
        {"ansi_x3.4-1968", "windows-1252"},
        {"iso-8859-1", "windows-1252"},
        {"iso8859-1", "windows-1252"},
        {"iso_8859-1", "windows-1252"},
        {"latin1", "windows-1252"},
        {"latin-1", "windows-1252"},
        {"utf8", "utf-8"},
        {"unicode-1-1-utf-7", "utf-7"},
        {"x-unicode20utf8", "utf-8"},
        {"gb2312", "gb18030"},
        {"gbk", "gb18030"},
        {"x-gbk", "gb18030"},
        {"x-sjis", "shift_jis"},
        {"sjis", "shift_jis"},
        {"ms_kanji", "shift_jis"},
        {"cp932", "windows-31j"},
        {"x-euc-jp", "euc-jp"},
        {"ks_c_5601-1987", "euc-kr"},
        {"x-mac-roman", "macintosh"},
        {"tis-620", "windows-874"},
        {"iso-8859-8-i", "iso-8859-8"},
        {"big5-hkscs", "big5-hkscs"},
};

QByteArray trimmedLower(QByteArrayView charset)
{
    QByteArray name = charset.trimmed().toByteArray().toLower();
    // Some senders quote the value twice or add a trailing garbage character.
    while (!name.isEmpty() && (name.startsWith('"') || name.startsWith('\'')))
        name.remove(0, 1);
    while (!name.isEmpty() && (name.endsWith('"') || name.endsWith('\'') || name.endsWith(';')))
        name.chop(1);
    return name;
}

// windows-1252's bytes 0x80 to 0x9F; 0 where the code page defines no character.
constexpr char16_t windows1252High[32] = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

// windows-1252 by table, without opening a converter: the charset of most 8-bit headers, read
// once per message by a synchronisation. False (and *text untouched) when a byte is one the code
// page leaves undefined: QStringDecoder decides those.
bool fromWindows1252(QByteArrayView bytes, QString *text)
{
    QString out(bytes.size(), Qt::Uninitialized);
    QChar *to = out.data();
    for (char c : bytes) {
        const auto u = static_cast<uchar>(c);
        char16_t unit = u;
        if (u >= 0x80 && u < 0xA0) {
            unit = windows1252High[u - 0x80];
            if (unit == 0)
                return false;
        }
        *to++ = QChar(unit);
    }
    *text = out;
    return true;
}

// UTF-8 decoded once, whether or not it turns out valid; false (and *text untouched) when it is
// not. ASCII, most header text, takes the Latin-1 copy.
bool fromUtf8(QByteArrayView bytes, QString *text)
{
    if (CharsetDecoder::isAscii(bytes)) {
        *text = QString::fromLatin1(bytes);
        return true;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = decoder(bytes);
    if (decoder.hasError())
        return false;
    *text = std::move(decoded);
    return true;
}

// A converter opened by name, kept per thread and reset for each use: opening one costs more
// than decoding a header with it, and a synchronisation decodes the same few charsets
// thousands of times. Valid until the next call.
QStringDecoder &namedDecoder(const QByteArray &name)
{
    constexpr qsizetype maxCached = 16;
    thread_local std::vector<std::pair<QByteArray, std::unique_ptr<QStringDecoder>>> cache;
    for (auto &[cachedName, decoder] : cache) {
        if (cachedName == name) {
            decoder->resetState();
            // Qt 6.4's ICU decoders (ISO-2022-JP, Shift_JIS, Big5, EUC-KR, GB18030) keep
            // hasError() through resetState(): one that erred is replaced, never reused.
            if (decoder->hasError())
                decoder = std::make_unique<QStringDecoder>(name.constData(),
                                                           QStringDecoder::Flag::Stateless);
            return *decoder;
        }
    }
    if (qsizetype(cache.size()) >= maxCached)
        cache.clear();
    cache.emplace_back(name, std::make_unique<QStringDecoder>(name.constData(),
                                                              QStringDecoder::Flag::Stateless));
    return *cache.back().second;
}

// The length of the well-formed UTF-8 sequence at bytes[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when there is none.
qsizetype utf8SequenceLength(QByteArrayView bytes, qsizetype i)
{
    const auto at = [&bytes](qsizetype k) {
        return static_cast<uchar>(bytes.at(k));
    };
    const uchar lead = at(i);
    qsizetype length = 0;
    uchar low = 0x80;
    uchar high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0;
        else if (lead == 0xED)
            high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90;
        else if (lead == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    if (i + length > bytes.size())
        return 0;
    for (qsizetype k = 1; k < length; ++k) {
        const uchar c = at(i + k);
        if (c < (k == 1 ? low : 0x80) || c > (k == 1 ? high : 0xBF))
            return 0;
    }
    return length;
}

// Text that is UTF-8 but for some stray bytes: every well-formed sequence is read as UTF-8,
// each byte that is not part of one as windows-1252 (as QStringDecoder reads it: the C1
// control where the code page defines no character).
QString fromMostlyUtf8(QByteArrayView bytes)
{
    // Decoded here, a sequence at a time, into one buffer: a text with many stray bytes costs
    // no allocation for each of them.
    QString out;
    out.reserve(bytes.size());
    qsizetype i = 0;
    while (i < bytes.size()) {
        const auto c = static_cast<uchar>(bytes.at(i));
        if (c < 0x80) {
            out += QChar(char16_t(c));
            ++i;
            continue;
        }
        if (const qsizetype length = utf8SequenceLength(bytes, i)) {
            char32_t code = c & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
            for (qsizetype k = 1; k < length; ++k)
                code = (code << 6) | (static_cast<uchar>(bytes.at(i + k)) & 0x3F);
            if (QChar::requiresSurrogates(code)) {
                out += QChar(QChar::highSurrogate(code));
                out += QChar(QChar::lowSurrogate(code));
            } else {
                out += QChar(char16_t(code));
            }
            i += length;
            continue;
        }
        const char16_t unit = c >= 0xA0 ? char16_t(c) : windows1252High[c - 0x80];
        out += QChar(unit == 0 ? char16_t(c) : unit);
        ++i;
    }
    return out;
}

QByteArray lookUpCanonicalName(QByteArrayView charset);

} // namespace

QByteArray CharsetDecoder::canonicalName(QByteArrayView charset)
{
    // Asking QStringDecoder whether it knows a name opens a converter: the answers are kept,
    // per thread, for the few charsets mail uses.
    // A short list, searched without copying the name asked for.
    constexpr qsizetype maxCached = 32;
    thread_local QList<std::pair<QByteArray, QByteArray>> cache;
    for (const auto &known : std::as_const(cache)) {
        if (known.first == charset)
            return known.second;
    }
    if (cache.size() >= maxCached)
        cache.clear();
    const QByteArray name = lookUpCanonicalName(charset);
    cache.append({charset.toByteArray(), name});
    return name;
}

namespace {

QByteArray lookUpCanonicalName(QByteArrayView charset)
{
    QByteArray name = trimmedLower(charset);
    if (name.isEmpty())
        return {};
    for (const Alias &a : aliases) {
        if (name == a.alias) {
            name = a.name;
            break;
        }
    }
    if (name.startsWith("cp") && name.size() == 6 && name.at(2) == '1' && name.at(3) == '2')
        name = "windows-" + name.mid(2); // cp1251 -> windows-1251
    QStringDecoder probe(name.constData());
    if (!probe.isValid())
        return {};
    return name;
}

} // namespace

bool CharsetDecoder::isKnown(QByteArrayView charset)
{
    return !canonicalName(charset).isEmpty();
}

bool CharsetDecoder::isAscii(QByteArrayView bytes)
{
    for (char c : bytes) {
        if (static_cast<uchar>(c) >= 0x80)
            return false;
    }
    return true;
}

bool CharsetDecoder::isValidUtf8(QByteArrayView bytes)
{
    QString text;
    return fromUtf8(bytes, &text);
}

QString CharsetDecoder::decodeUndeclared(QByteArrayView bytes)
{
    QString text;
    if (fromUtf8(bytes, &text))
        return text;
    // Latin-1 text seldom holds a well-formed UTF-8 sequence by chance, so this reads it as
    // windows-1252 whole, and UTF-8 with a stray byte keeps its valid runs.
    return fromMostlyUtf8(bytes);
}

QString CharsetDecoder::decode(QByteArrayView bytes, QByteArrayView charset, bool *usedFallback)
{
    if (usedFallback)
        *usedFallback = false;
    const QByteArray name = canonicalName(charset);
    if (name.isEmpty()) {
        if (usedFallback)
            *usedFallback = !charset.trimmed().isEmpty();
        return decodeUndeclared(bytes);
    }
    QString text;
    if (name == "windows-1252") {
        if (isAscii(bytes))
            return QString::fromLatin1(bytes);
        if (fromUtf8(bytes, &text)) {
            // Declared as ASCII or Latin-1 but really UTF-8: a frequent mislabel, and UTF-8
            // multi-byte sequences are very unlikely to occur by chance in Latin-1 text.
            if (usedFallback)
                *usedFallback = true;
            return text;
        }
        if (fromWindows1252(bytes, &text))
            return text;
    }
    if (name == "utf-8") {
        // Without opening a converter by name: the charset of most encoded words.
        if (fromUtf8(bytes, &text))
            return text;
        if (usedFallback)
            *usedFallback = true;
        return fromMostlyUtf8(bytes); // one bad byte does not turn the rest into mojibake
    }
    QStringDecoder &decoder = namedDecoder(name);
    text = decoder(bytes);
    if (!decoder.hasError())
        return text;
    // Keep the declared decoding (with replacement characters) unless UTF-8 reads cleanly. A
    // 7-bit charset's bytes (ISO-2022-JP) always read as UTF-8, escape codes and all: that says
    // nothing, and they keep the declared decoding.
    QString utf8;
    if (!isAscii(bytes) && fromUtf8(bytes, &utf8)) {
        if (usedFallback)
            *usedFallback = true;
        return utf8;
    }
    return text;
}
