// Deterministic building blocks for seeded mail: random numbers, people, words, MIME parts and
// small but valid attachments (PNG, PDF).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace seed {

// splitmix64: the whole seeder's randomness, so a (seed, index) pair always gives the same mail.
class Rng
{
public:
    explicit Rng(std::uint64_t state)
        : m_state(state)
    { }
    std::uint64_t next();
    // Uniform in [0, n).
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
    bool chance(unsigned percent) { return below(100) < percent; }

private:
    std::uint64_t m_state;
};

std::uint64_t mix(std::uint64_t seed, std::uint64_t index, std::uint64_t salt = 0);

struct Person
{
    std::string name; // UTF-8
    std::string charset; // for the encoded words of the display name
    char encoding; // 'B' or 'Q'
    std::string address;
};

const std::vector<Person> &people();
// "Name <address>" with the display name encoded as needed.
std::string mailbox(const Person &p);

// Random English-like prose: `paragraphs` paragraphs wrapped at 72 columns, "\n" line ends.
std::string prose(Rng &rng, int paragraphs);
std::string proseHtml(const std::string &text);
std::string subjectPhrase(Rng &rng);

// RFC 5322 date for a Unix time in the given zone offset (minutes east of UTC).
std::string rfc5322Date(std::int64_t time, int zoneMinutes);

// MIME parts, "\n" line ends. A part is its header lines, an empty line and its body.
struct Part
{
    std::string headers;
    std::string body;
    std::string render() const { return headers + "\n" + body; }
};
Part textPart(const std::string &utf8, const std::string &charset = "utf-8",
              const std::string &transfer = "", const std::string &subtype = "plain");
Part rawTextPart(const std::string &bytes, const std::string &charset, const std::string &transfer,
                 const std::string &extra = "");
Part attachment(const std::string &bytes, const std::string &type, const std::string &filename,
                const std::string &disposition = "attachment", const std::string &cid = "");
Part multipart(const std::string &subtype, const std::vector<Part> &parts,
               const std::string &boundary, const std::string &extra = "");

std::string pngImage(int width, int height, std::uint32_t rgb);
std::string pdfDocument(const std::string &title);
std::string randomBytes(Rng &rng, std::size_t size);

} // namespace seed
