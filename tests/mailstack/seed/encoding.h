// Byte-level helpers for the seeder: charset conversion, base64, quoted-printable, RFC 2047.
#pragma once

#include <string>

namespace seed {

// Converts UTF-8 text to `charset` through iconv. Throws std::runtime_error when it cannot.
std::string fromUtf8(const std::string &utf8, const std::string &charset);

// Base64 with lines of 76 characters, each ended by "\n".
std::string base64Lines(const std::string &bytes);
// Base64 on a single line (for encoded words).
std::string base64(const std::string &bytes);
// Quoted-printable body encoding (RFC 2045), soft line breaks at 76, "\n" line ends kept.
std::string quotedPrintable(const std::string &bytes);

// An unstructured header value made of RFC 2047 encoded words in `charset` ('B' or 'Q'),
// split into several words so that none passes 75 characters, joined by folding whitespace.
std::string encodeWords(const std::string &utf8, const std::string &charset, char encoding);
// A display name for an address: plain when it is printable ASCII (quoted when needed),
// otherwise encoded words.
std::string displayName(const std::string &utf8, const std::string &charset, char encoding);
// Percent-encoding for RFC 2231 parameter values (filename*=UTF-8''...).
std::string rfc2231Value(const std::string &utf8);

bool isAscii(const std::string &s);

} // namespace seed
