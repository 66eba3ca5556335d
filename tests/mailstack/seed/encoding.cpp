#include "encoding.h"

#include <cerrno>
#include <iconv.h>
#include <map>
#include <stdexcept>
#include <vector>

namespace seed {

namespace {
const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Splits UTF-8 text into pieces of at most `chars` code points.
std::vector<std::string> utf8Chunks(const std::string &s, std::size_t chars)
{
    std::vector<std::string> out;
    std::string cur;
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = 1;
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        cur += s.substr(i, len);
        i += len;
        if (++n == chars) {
            out.push_back(cur);
            cur.clear();
            n = 0;
        }
    }
    if (!cur.empty())
        out.push_back(cur);
    return out;
}

std::string qEncodeWord(const std::string &bytes)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : bytes) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c == ' ')
            out += '_';
        else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                 || c == '!' || c == '*' || c == '+' || c == '-' || c == '/')
            out += static_cast<char>(c);
        else {
            out += '=';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}
} // namespace

bool isAscii(const std::string &s)
{
    for (const char c : s)
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    return true;
}

std::string fromUtf8(const std::string &utf8, const std::string &charset)
{
    if (charset == "UTF-8" || charset == "utf-8" || charset == "us-ascii")
        return utf8;
    iconv_t cd = iconv_open(charset.c_str(), "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw std::runtime_error("iconv cannot convert to " + charset);
    std::string out(utf8.size() * 4 + 16, '\0');
    char *in = const_cast<char *>(utf8.data());
    std::size_t inLeft = utf8.size();
    char *o = out.data();
    std::size_t outLeft = out.size();
    if (iconv(cd, &in, &inLeft, &o, &outLeft) == static_cast<std::size_t>(-1)
        || iconv(cd, nullptr, nullptr, &o, &outLeft) == static_cast<std::size_t>(-1)) {
        iconv_close(cd);
        throw std::runtime_error("text not representable in " + charset);
    }
    iconv_close(cd);
    out.resize(out.size() - outLeft);
    return out;
}

std::string base64(const std::string &bytes)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16)
                           | (static_cast<unsigned char>(bytes[i + 1]) << 8)
                           | static_cast<unsigned char>(bytes[i + 2]);
        out += kB64[v >> 18];
        out += kB64[(v >> 12) & 63];
        out += kB64[(v >> 6) & 63];
        out += kB64[v & 63];
    }
    if (i + 1 == bytes.size()) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        out += kB64[v >> 18];
        out += kB64[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == bytes.size()) {
        const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16)
                           | (static_cast<unsigned char>(bytes[i + 1]) << 8);
        out += kB64[v >> 18];
        out += kB64[(v >> 12) & 63];
        out += kB64[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

std::string base64Lines(const std::string &bytes)
{
    const std::string flat = base64(bytes);
    std::string out;
    out.reserve(flat.size() + flat.size() / 76 + 2);
    for (std::size_t i = 0; i < flat.size(); i += 76) {
        out.append(flat, i, 76);
        out += '\n';
    }
    return out;
}

std::string quotedPrintable(const std::string &bytes)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8 + 16);
    std::size_t col = 0;
    for (const char ch : bytes) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c == '\n') {
            // Trailing whitespace before a line end must be encoded.
            if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
                const unsigned char ws = static_cast<unsigned char>(out.back());
                out.back() = '=';
                out += hex[ws >> 4];
                out += hex[ws & 15];
            }
            out += '\n';
            col = 0;
            continue;
        }
        const bool literal = (c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t';
        const std::size_t width = literal ? 1 : 3;
        if (col + width > 75) {
            out += "=\n";
            col = 0;
        }
        if (literal) {
            out += static_cast<char>(c);
        } else {
            out += '=';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
        col += width;
    }
    return out;
}

std::string encodeWords(const std::string &utf8, const std::string &charset, char encoding)
{
    // The seeder encodes the same few names and subjects over and over: remember them.
    static std::map<std::string, std::string> memo;
    const std::string key = charset + '\0' + encoding + '\0' + utf8;
    const auto known = memo.find(key);
    if (known != memo.end())
        return known->second;
    // Greedy: grow each word one character at a time while it stays within 75 characters.
    auto word = [&](const std::string &piece) {
        const std::string bytes = fromUtf8(piece, charset);
        return "=?" + charset + "?" + encoding + "?"
               + (encoding == 'B' ? base64(bytes) : qEncodeWord(bytes)) + "?=";
    };
    std::string out, current;
    for (const std::string &ch : utf8Chunks(utf8, 1)) {
        if (!current.empty() && word(current + ch).size() > 75) {
            out += (out.empty() ? "" : "\n ") + word(current);
            current.clear();
        }
        current += ch;
    }
    if (!current.empty())
        out += (out.empty() ? "" : "\n ") + word(current);
    memo.emplace(key, out);
    return out;
}

std::string displayName(const std::string &utf8, const std::string &charset, char encoding)
{
    if (!isAscii(utf8))
        return encodeWords(utf8, charset, encoding);
    for (const char c : utf8) {
        if (c == ',' || c == '.' || c == '"' || c == '(' || c == ')' || c == '<' || c == '>'
            || c == '@' || c == ':' || c == ';')
            return "\"" + utf8 + "\"";
    }
    return utf8;
}

std::string rfc2231Value(const std::string &utf8)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : utf8) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
            || c == '.' || c == '_')
            out += static_cast<char>(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace seed
