#include "content.h"

#include "encoding.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iterator>

namespace seed {

std::uint64_t Rng::next()
{
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t mix(std::uint64_t seed, std::uint64_t index, std::uint64_t salt)
{
    Rng r(seed * 0x100000001B3ull ^ (index + 1) * 0x9E3779B97F4A7C15ull
          ^ salt * 0xC2B2AE3D27D4EB4Full);
    return r.next();
}

const std::vector<Person> &people()
{
    static const std::vector<Person> list = {
            {"Bob Example", "us-ascii", 'Q', "bob@example.test"},
            {"Carol Example", "us-ascii", 'Q', "carol@example.test"},
            {"Jörg Müller", "UTF-8", 'Q', "joerg.mueller@example.de"},
            {"François Lefèvre", "ISO-8859-1", 'Q', "francois.lefevre@example.fr"},
            {"Иван Петров", "KOI8-R", 'B', "ivan.petrov@example.ru"},
            {"山田太郎", "ISO-2022-JP", 'B', "yamada@example.jp"},
            {"Zoë O’Brien", "windows-1252", 'Q', "zoe.obrien@example.ie"},
            {"Dana Whitfield", "us-ascii", 'Q', "dana@example.com"},
            {"Priya Natarajan", "us-ascii", 'Q', "priya@example.in"},
            {"Tom Baker", "us-ascii", 'Q', "tom.baker@example.co.uk"},
            {"Ana Sofía Ramírez", "UTF-8", 'B', "ana.ramirez@example.es"},
            {"Łukasz Wiśniewski", "UTF-8", 'Q', "lukasz@example.pl"},
            {"GitLab", "us-ascii", 'Q', "gitlab@example.org"},
            {"The Weekly Digest", "us-ascii", 'Q', "digest@news.example.com"},
            {"Support, Acme Inc.", "us-ascii", 'Q', "support@acme.example"},
            {"Mei Lin", "us-ascii", 'Q', "mei.lin@example.cn"},
            {"Olusegun Adeyemi", "us-ascii", 'Q', "segun@example.ng"},
            {"Søren Kierkegaard", "ISO-8859-1", 'Q', "soren@example.dk"},
    };
    return list;
}

std::string mailbox(const Person &p)
{
    return displayName(p.name, p.charset, p.encoding) + " <" + p.address + ">";
}

namespace {
const char *const kWords[] = {"the",      "project",    "meeting",   "schedule",  "report",
                              "we",       "should",     "review",    "budget",    "next",
                              "week",     "please",     "find",      "attached",  "draft",
                              "version",  "for",        "your",      "comments",  "team",
                              "deadline", "moved",      "to",        "Friday",    "because",
                              "of",       "holiday",    "and",       "I",         "think",
                              "that",     "is",         "fine",      "customer",  "asked",
                              "about",    "invoice",    "numbers",   "in",        "March",
                              "server",   "migration",  "went",      "smoothly",  "except",
                              "one",      "small",      "issue",     "with",      "certificates",
                              "let",      "me",         "know",      "if",        "you",
                              "have",     "questions",  "thanks",    "again",     "travel",
                              "plans",    "conference", "Berlin",    "hotel",     "booked",
                              "slides",   "are",        "ready",     "quarterly", "numbers",
                              "look",     "better",     "than",      "expected",  "a",
                              "new",      "release",    "candidate", "needs",     "testing",
                              "on",       "all",        "platforms", "before",    "we",
                              "ship",     "it",         "lunch",     "tomorrow",  "sounds",
                              "good",     "cheers",     "regards"};
const char *const kSubjectA[] = {"Budget review",     "Weekly sync",      "Release candidate",
                                 "Invoice",           "Travel plans",     "Server migration",
                                 "Design feedback",   "Quarterly report", "Lunch tomorrow",
                                 "Conference slides", "Build failure",    "Contract renewal",
                                 "Team offsite",      "Bug triage",       "Holiday schedule",
                                 "Customer call",     "Security update",  "Hiring plan",
                                 "Roadmap",           "Expense claim",    "Office move",
                                 "Newsletter",        "Backup report",    "Board meeting"};
const char *const kSubjectB[] = {"",
                                 "",
                                 "",
                                 " - draft",
                                 " (updated)",
                                 " for next week",
                                 ": action needed",
                                 " notes",
                                 " #2",
                                 " follow-up",
                                 ": questions",
                                 " - final",
                                 " reminder",
                                 ": agenda",
                                 " summary",
                                 " and next steps"};
const char *kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char *kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
} // namespace

std::string prose(Rng &rng, int paragraphs)
{
    std::string out;
    for (int p = 0; p < paragraphs; ++p) {
        if (p)
            out += "\n";
        const int words = 20 + static_cast<int>(rng.below(60));
        std::size_t col = 0;
        bool capital = true;
        for (int w = 0; w < words; ++w) {
            std::string word = kWords[rng.below(std::size(kWords))];
            if (capital && word[0] >= 'a' && word[0] <= 'z')
                word[0] = static_cast<char>(word[0] - 'a' + 'A');
            capital = false;
            if (w == words - 1 || rng.chance(8)) {
                word += w == words - 1 ? "." : (rng.chance(50) ? "." : ",");
                capital = word.back() == '.';
            }
            if (col && col + 1 + word.size() > 72) {
                out += "\n";
                col = 0;
            } else if (col) {
                out += " ";
                ++col;
            }
            out += word;
            col += word.size();
        }
        out += "\n";
    }
    return out;
}

std::string proseHtml(const std::string &text)
{
    std::string out = "<p>";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
            out += "</p>\n<p>";
            ++i;
        } else if (c == '\n')
            out += "\n";
        else if (c == '<')
            out += "&lt;";
        else if (c == '&')
            out += "&amp;";
        else
            out += c;
    }
    return out + "</p>\n";
}

std::string subjectPhrase(Rng &rng)
{
    return std::string(kSubjectA[rng.below(std::size(kSubjectA))])
           + kSubjectB[rng.below(std::size(kSubjectB))];
}

std::string rfc5322Date(std::int64_t time, int zoneMinutes)
{
    const std::time_t local = static_cast<std::time_t>(time + zoneMinutes * 60);
    std::tm tm {};
    gmtime_r(&local, &tm);
    char buf[64];
    const int z = zoneMinutes < 0 ? -zoneMinutes : zoneMinutes;
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d", kDays[tm.tm_wday],
                  tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec, zoneMinutes < 0 ? '-' : '+', z / 60, z % 60);
    return buf;
}

Part textPart(const std::string &utf8, const std::string &charset, const std::string &transfer,
              const std::string &subtype)
{
    const std::string bytes = fromUtf8(utf8, charset == "utf-8" ? "UTF-8" : charset);
    std::string cte = transfer;
    if (cte.empty())
        cte = isAscii(bytes) ? "7bit" : "8bit";
    return rawTextPart(bytes, charset, cte, subtype == "plain" ? "" : "subtype=" + subtype);
}

Part rawTextPart(const std::string &bytes, const std::string &charset, const std::string &transfer,
                 const std::string &extra)
{
    std::string subtype = "plain";
    std::string params;
    if (extra.rfind("subtype=", 0) == 0)
        subtype = extra.substr(8);
    else
        params = extra;
    Part p;
    p.headers = "Content-Type: text/" + subtype + "; charset=" + charset + params + "\n"
                + "Content-Transfer-Encoding: " + transfer + "\n";
    if (transfer == "base64")
        p.body = base64Lines(bytes);
    else if (transfer == "quoted-printable")
        p.body = quotedPrintable(bytes);
    else
        p.body = bytes;
    if (!p.body.empty() && p.body.back() != '\n')
        p.body += '\n';
    return p;
}

Part attachment(const std::string &bytes, const std::string &type, const std::string &filename,
                const std::string &disposition, const std::string &cid)
{
    Part p;
    std::string nameParam;
    if (isAscii(filename))
        nameParam = "filename=\"" + filename + "\"";
    else
        nameParam = "filename*=UTF-8''" + rfc2231Value(filename);
    p.headers = "Content-Type: " + type
                + (isAscii(filename) ? "; name=\"" + filename + "\"" : std::string()) + "\n"
                + "Content-Disposition: " + disposition + "; " + nameParam + "\n"
                + "Content-Transfer-Encoding: base64\n";
    if (!cid.empty())
        p.headers += "Content-ID: <" + cid + ">\n";
    p.body = base64Lines(bytes);
    return p;
}

Part multipart(const std::string &subtype, const std::vector<Part> &parts,
               const std::string &boundary, const std::string &extra)
{
    Part p;
    p.headers = "Content-Type: multipart/" + subtype + "; boundary=\"" + boundary + "\"" + extra
                + "\n";
    p.body = "This is a multi-part message in MIME format.\n";
    for (const Part &part : parts)
        p.body += "\n--" + boundary + "\n" + part.render();
    p.body += "\n--" + boundary + "--\n";
    return p;
}

namespace {
std::uint32_t crc32(const std::string &data, std::uint32_t crc = 0)
{
    crc = ~crc;
    for (const char ch : data) {
        crc ^= static_cast<unsigned char>(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

std::string be32(std::uint32_t v)
{
    return {static_cast<char>(v >> 24), static_cast<char>((v >> 16) & 0xFF),
            static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)};
}

std::string pngChunk(const std::string &type, const std::string &data)
{
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}
} // namespace

std::string pngImage(int width, int height, std::uint32_t rgb)
{
    // Raw scanlines (filter 0), stored in uncompressed deflate blocks of at most 65535 bytes.
    std::string raw;
    for (int y = 0; y < height; ++y) {
        raw += '\0';
        for (int x = 0; x < width; ++x) {
            const bool stripe = ((x / 4) + (y / 4)) % 2;
            const std::uint32_t c = stripe ? rgb : 0xFFFFFF;
            raw += static_cast<char>(c >> 16);
            raw += static_cast<char>((c >> 8) & 0xFF);
            raw += static_cast<char>(c & 0xFF);
        }
    }
    std::string z = "\x78\x01";
    for (std::size_t i = 0; i < raw.size() || i == 0; i += 65535) {
        const std::size_t len = std::min<std::size_t>(65535, raw.size() - i);
        const bool last = i + len >= raw.size();
        z += static_cast<char>(last ? 1 : 0);
        z += static_cast<char>(len & 0xFF);
        z += static_cast<char>(len >> 8);
        z += static_cast<char>(~len & 0xFF);
        z += static_cast<char>((~len >> 8) & 0xFF);
        z.append(raw, i, len);
        if (last)
            break;
    }
    std::uint32_t a = 1, b = 0;
    for (const char ch : raw) {
        a = (a + static_cast<unsigned char>(ch)) % 65521;
        b = (b + a) % 65521;
    }
    z += be32((b << 16) | a);
    const std::string ihdr = be32(static_cast<std::uint32_t>(width))
                             + be32(static_cast<std::uint32_t>(height))
                             + std::string("\x08\x02\x00\x00\x00", 5);
    return std::string("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IDAT", z)
           + pngChunk("IEND", "");
}

std::string pdfDocument(const std::string &title)
{
    const std::string stream = "BT /F1 18 Tf 72 720 Td (" + title + ") Tj ET";
    const std::vector<std::string> objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    std::string out = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const std::size_t off : offsets) {
        char line[32];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
        out += line;
    }
    out += "trailer\n<< /Size " + std::to_string(objects.size() + 1)
           + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

std::string randomBytes(Rng &rng, std::size_t size)
{
    std::string out(size, '\0');
    for (std::size_t i = 0; i < size; i += 8) {
        std::uint64_t v = rng.next();
        for (std::size_t k = 0; k < 8 && i + k < size; ++k, v >>= 8)
            out[i + k] = static_cast<char>(v & 0xFF);
    }
    return out;
}

} // namespace seed
