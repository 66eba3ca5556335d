#include "encodedwords.h"
#include "mime/hexdigit.h"

#include "charsetdecoder.h"

#include <optional>

namespace {

struct Word
{
    QByteArray charset;
    QByteArray bytes;
    qsizetype end = 0; // index just past "?="
};

QByteArray decodeQ(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '_') {
            out.append(' ');
        } else if (c == '=' && i + 2 < text.size() && hexDigitValue(text.at(i + 1)) >= 0
                   && hexDigitValue(text.at(i + 2)) >= 0) {
            out.append(char(hexDigitValue(text.at(i + 1)) * 16 + hexDigitValue(text.at(i + 2))));
            i += 2;
        } else {
            out.append(c);
        }
    }
    return out;
}

QByteArray decodeB(QByteArrayView text)
{
    QByteArray clean;
    clean.reserve(text.size());
    for (char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
            || c == '/')
            clean.append(c);
    }
    // Missing padding is common; drop a dangling sextet that cannot form a byte.
    if (clean.size() % 4 == 1)
        clean.chop(1);
    return QByteArray::fromBase64(clean);
}

// encoded-word = "=?" charset ["*" language] "?" encoding "?" encoded-text "?="
// Parses a word starting at pos (on "=?"). Whitespace is not allowed inside a word.
std::optional<Word> parseWord(QByteArrayView value, qsizetype pos)
{
    if (value.sliced(pos).size() < 8 || value.at(pos) != '=' || value.at(pos + 1) != '?')
        return std::nullopt;
    // Words are at most 75 characters (RFC 2047 section 2); broken mailers write longer
    // ones, but looking further than this keeps decoding linear on hostile input.
    constexpr qsizetype maxWordLength = 1024;
    value = value.first(qMin(value.size(), pos + maxWordLength));
    const qsizetype charsetStart = pos + 2;
    const qsizetype q1 = value.indexOf('?', charsetStart);
    if (q1 < 0 || q1 == charsetStart || q1 + 3 > value.size() || value.at(q1 + 2) != '?')
        return std::nullopt;
    const char enc = value.at(q1 + 1);
    if (enc != 'b' && enc != 'B' && enc != 'q' && enc != 'Q')
        return std::nullopt;
    const qsizetype textStart = q1 + 3;
    const qsizetype close = value.indexOf("?=", textStart);
    if (close < 0)
        return std::nullopt;
    const QByteArrayView text = value.sliced(textStart, close - textStart);
    for (char c : value.sliced(charsetStart, q1 - charsetStart)) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            return std::nullopt;
    }
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            return std::nullopt;
    }
    Word w;
    w.charset = value.sliced(charsetStart, q1 - charsetStart).toByteArray();
    const qsizetype star = w.charset.indexOf('*');
    if (star >= 0)
        w.charset.truncate(star); // RFC 2231 section 5 language suffix
    w.bytes = (enc == 'b' || enc == 'B') ? decodeB(text) : decodeQ(text);
    w.end = close + 2;
    return w;
}

// Charsets that switch modes with escape sequences (ISO-2022-JP, -KR, -CN, UTF-7, HZ): each
// encoded word starts and ends in the initial mode (RFC 2047 section 5, RFC 1468), so each is
// decoded alone; joining their bytes yields escape sequences decoders reject.
bool isStateful(QByteArrayView charset)
{
    const QByteArray name = CharsetDecoder::canonicalName(charset);
    return name.startsWith("iso-2022") || name == "utf-7" || name.startsWith("hz");
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Without "=?", a tab or a line break, decoding leaves every byte as it is.
bool isPlain(QByteArrayView value)
{
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value.at(i);
        if (c == '\t' || c == '\r' || c == '\n'
            || (c == '=' && i + 1 < value.size() && value.at(i + 1) == '?'))
            return false;
    }
    return true;
}

} // namespace

void EncodedWords::appendDecoded(QString *out, QByteArrayView value)
{
    if (isPlain(value) && CharsetDecoder::isAscii(value))
        out->append(QLatin1StringView(value));
    else
        out->append(decode(value));
}

QString EncodedWords::decode(QByteArrayView value)
{
    if (isPlain(value)) // most values: one decode, no copy
        return value.isEmpty() ? QString() : CharsetDecoder::decodeUndeclared(value);
    QString out;
    QByteArray pendingCharset;
    QByteArray pendingBytes;
    auto flushWords = [&] {
        if (!pendingBytes.isEmpty() || !pendingCharset.isEmpty())
            out += CharsetDecoder::decode(pendingBytes, pendingCharset);
        pendingBytes.clear();
        pendingCharset.clear();
    };
    QByteArray plain;
    auto flushPlain = [&] {
        if (!plain.isEmpty())
            out += CharsetDecoder::decodeUndeclared(plain);
        plain.clear();
    };

    bool lastWasWord = false;
    qsizetype i = 0;
    while (i < value.size()) {
        const char c = value.at(i);
        if (c == '\r' || c == '\n') {
            ++i; // unfolding: line breaks go, the whitespace after them stays
            continue;
        }
        if (c == '=' && i + 1 < value.size() && value.at(i + 1) == '?') {
            if (std::optional<Word> word = parseWord(value, i)) {
                if (!lastWasWord || word->charset.compare(pendingCharset, Qt::CaseInsensitive) != 0)
                    flushWords();
                flushPlain();
                pendingCharset = word->charset;
                pendingBytes += word->bytes;
                i = word->end;
                lastWasWord = true;
                // Bytes of adjacent words in one charset are joined (a UTF-8 character may be
                // split between two words), except in a stateful charset: word by word.
                if (isStateful(pendingCharset))
                    flushWords();
                continue;
            }
        }
        if (lastWasWord && isSpace(c)) {
            // Whitespace after an encoded word: dropped when another word follows.
            qsizetype j = i;
            while (j < value.size() && isSpace(value.at(j)))
                ++j;
            if (j + 1 < value.size() && value.at(j) == '=' && value.at(j + 1) == '?'
                && parseWord(value, j)) {
                i = j;
                continue;
            }
        }
        if (lastWasWord)
            flushWords();
        lastWasWord = false;
        plain.append(c == '\t' ? ' ' : c);
        ++i;
    }
    flushWords();
    flushPlain();
    return out;
}

namespace {

// RFC 2047 section 5 (3): the characters that may stand for themselves in a Q-encoded word
// anywhere, phrases included.
bool isQSafe(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '!'
           || c == '*' || c == '+' || c == '-' || c == '/';
}

qsizetype qLength(QByteArrayView utf8)
{
    qsizetype n = 0;
    for (char c : utf8)
        n += (isQSafe(c) || c == ' ') ? 1 : 3;
    return n;
}

QByteArray encodeQ(QByteArrayView utf8)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    for (char c : utf8) {
        if (c == ' ') {
            out.append('_');
        } else if (isQSafe(c)) {
            out.append(c);
        } else {
            const auto u = static_cast<uchar>(c);
            out.append('=');
            out.append(hex[u >> 4]);
            out.append(hex[u & 0xf]);
        }
    }
    return out;
}

bool isPlainPrintable(QChar c)
{
    return c.unicode() >= 0x20 && c.unicode() < 0x7f;
}

} // namespace

bool EncodedWords::needsEncoding(QStringView text)
{
    qsizetype wordLength = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!isPlainPrintable(c))
            return true;
        if (c == u'=' && i + 1 < text.size() && text.at(i + 1) == u'?')
            return true;
        wordLength = (c == u' ') ? 0 : wordLength + 1;
        if (wordLength > 76)
            return true;
    }
    return false;
}

QList<QByteArray> EncodedWords::encode(QStringView text, int firstWordLength, int maxWordLength)
{
    static constexpr QByteArrayView prefixQ = "=?UTF-8?Q?";
    static constexpr QByteArrayView prefixB = "=?UTF-8?B?";
    const QByteArray all = text.toUtf8();
    const qsizetype base64Length = (all.size() + 2) / 3 * 4;
    const bool useQ = qLength(all) <= base64Length * 3 / 2;
    const QByteArrayView prefix = useQ ? prefixQ : prefixB;
    const qsizetype overhead = prefix.size() + 2;

    QList<QByteArray> words;
    QByteArray chunk; // UTF-8 bytes of the current word
    qsizetype chunkQLength = 0; // its length Q-encoded, kept as it grows
    auto emit = [&] {
        if (chunk.isEmpty())
            return;
        QByteArray word = prefix.toByteArray();
        word += useQ ? encodeQ(chunk) : chunk.toBase64();
        word += "?=";
        words.append(word);
        chunk.clear();
        chunkQLength = 0;
    };
    // One code point at a time, keeping surrogate pairs together, with no allocation for each:
    // a long subject costs a few allocations per word, not per character.
    char buffer[4];
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype len = 1;
        char32_t code = text.at(i).unicode();
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            len = 2;
            code = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
        }
        if (code == u'\r' || code == u'\n')
            code = u' ';
        QByteArrayView bytes;
        QByteArray loneSurrogate;
        if (QChar::isSurrogate(code)) {
            // As QString::toUtf8() writes it, so that decoding gives what a round trip gives.
            loneSurrogate = text.sliced(i, 1).toUtf8();
            bytes = loneSurrogate;
        } else {
            qsizetype n = 0;
            if (code < 0x80) {
                buffer[n++] = char(code);
            } else if (code < 0x800) {
                buffer[n++] = char(0xC0 | (code >> 6));
                buffer[n++] = char(0x80 | (code & 0x3F));
            } else if (code < 0x10000) {
                buffer[n++] = char(0xE0 | (code >> 12));
                buffer[n++] = char(0x80 | ((code >> 6) & 0x3F));
                buffer[n++] = char(0x80 | (code & 0x3F));
            } else {
                buffer[n++] = char(0xF0 | (code >> 18));
                buffer[n++] = char(0x80 | ((code >> 12) & 0x3F));
                buffer[n++] = char(0x80 | ((code >> 6) & 0x3F));
                buffer[n++] = char(0x80 | (code & 0x3F));
            }
            bytes = QByteArrayView(buffer, n);
        }
        const qsizetype limit = (words.isEmpty() ? firstWordLength : maxWordLength) - overhead;
        const qsizetype pieceQLength = useQ ? qLength(bytes) : 0;
        const qsizetype grown = useQ ? chunkQLength + pieceQLength
                                     : (chunk.size() + bytes.size() + 2) / 3 * 4;
        if (!chunk.isEmpty() && grown > limit)
            emit();
        chunk += bytes;
        chunkQLength += pieceQLength;
        i += len;
    }
    emit();
    return words;
}

QByteArray EncodedWords::encodeUnstructured(QStringView text, int firstWordLength)
{
    QString clean = text.toString();
    clean.replace(u'\r', u' ');
    clean.replace(u'\n', u' ');
    if (!needsEncoding(clean))
        return clean.toLatin1();

    // Split on spaces; runs of words that need encoding become one encoded run, the spaces
    // inside the run travel inside the encoded text.
    const QList<QStringView> parts = QStringView(clean).split(u' ');
    QByteArray out;
    qsizetype i = 0;
    while (i < parts.size()) {
        // One space between neighbouring parts; between a plain word and an encoded word it
        // survives decoding.
        if (i > 0)
            out += ' ';
        if (!needsEncoding(parts.at(i))) {
            out += parts.at(i).toLatin1();
            ++i;
            continue;
        }
        // Empty parts (runs of spaces) after an encoded word go inside the encoded text, as
        // the whitespace between two encoded words is dropped when decoding.
        qsizetype j = i;
        QString run;
        while (j < parts.size() && (needsEncoding(parts.at(j)) || parts.at(j).isEmpty())) {
            if (j > i)
                run += u' ';
            run += parts.at(j);
            ++j;
        }
        const int budget = i == 0 ? firstWordLength : 75;
        out += encode(run, budget, 75).join(' ');
        i = j;
    }
    return out;
}
