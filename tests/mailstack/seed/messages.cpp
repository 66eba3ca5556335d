#include "messages.h"

#include "content.h"
#include "encoding.h"

#include <algorithm>
#include <array>
#include <vector>

namespace seed {

namespace {

struct Foreign
{
    const char *subject;
    const char *charset;
    char encoding;
    const char *body;
};

// Non-ASCII subjects and bodies, one per charset the tests must decode.
const std::array<Foreign, 8> kForeign = {{
        {"Grüße aus München", "UTF-8", 'Q',
         "Liebe Grüße aus München!\nDie Übersetzung ist fertig, schöne Grüße.\n"},
        {"Réunion de l'équipe à 14h", "ISO-8859-1", 'Q',
         "Bonjour à tous,\nla réunion de l'équipe aura lieu à 14h dans la salle Hélène.\n"},
        {"“Smart quotes” – price €42", "windows-1252", 'Q',
         "The “final” price is €42 – not €40… as discussed.\n"},
        {"Привет из Москвы", "KOI8-R", 'B', "Привет! Как дела? Встреча перенесена на пятницу.\n"},
        {"会議の議事録について", "ISO-2022-JP", 'B',
         "お疲れ様です。\n会議の議事録を送ります。\nよろしくお願いします。\n"},
        {"Zażółć gęślą jaźń", "UTF-8", 'B', "Zażółć gęślą jaźń — pangram po polsku.\n"},
        {"Ελληνικά νέα", "UTF-8", 'B', "Καλημέρα! Τα νέα της εβδομάδας.\n"},
        {"Emoji party 🎉🎂", "UTF-8", 'B', "Party on Friday 🎉 — cake included 🎂.\n"},
}};

const std::array<int, 8> kZones = {-480, -300, 0, 60, 120, 330, 540, 600};

std::string hex(std::uint64_t v, int digits)
{
    static const char h[] = "0123456789abcdef";
    std::string out(static_cast<std::size_t>(digits), '0');
    for (int i = digits - 1; i >= 0; --i, v >>= 4)
        out[static_cast<std::size_t>(i)] = h[v & 15];
    return out;
}

// The message a bulk message answers, or -1.
std::int64_t parentOf(const Context &ctx, std::int64_t index)
{
    if (index <= 0)
        return -1;
    Rng rng(mix(ctx.seed, static_cast<std::uint64_t>(index), 1));
    if (!rng.chance(20))
        return -1;
    const std::int64_t span = std::min<std::int64_t>(index, 15);
    const std::int64_t parent = index - 1
                                - static_cast<std::int64_t>(
                                        rng.below(static_cast<std::uint64_t>(span)));
    return parent >= ctx.firstThreadIndex ? parent : -1;
}

struct Topic
{
    std::string subject; // decoded UTF-8
    std::string header; // as written
    int foreign = -1; // index into kForeign, or -1
};

Topic rootTopic(const Context &ctx, std::int64_t index)
{
    Rng rng(mix(ctx.seed, static_cast<std::uint64_t>(index), 2));
    Topic t;
    if (rng.chance(12)) {
        t.foreign = static_cast<int>(rng.below(kForeign.size()));
        const Foreign &f = kForeign[static_cast<std::size_t>(t.foreign)];
        t.subject = f.subject;
        t.header = encodeWords(f.subject, f.charset, f.encoding);
    } else {
        t.subject = subjectPhrase(rng);
        t.header = t.subject;
    }
    return t;
}

} // namespace

std::int64_t messageTime(const Context &ctx, std::int64_t index)
{
    return ctx.baseTime + index * 300
           + static_cast<std::int64_t>(mix(ctx.seed, static_cast<std::uint64_t>(index), 3) % 240);
}

std::string messageId(const Context &ctx, std::int64_t index)
{
    return std::to_string(ctx.seed) + "." + std::to_string(index) + "."
           + hex(mix(ctx.seed, static_cast<std::uint64_t>(index), 4), 8) + "@seed.example.test";
}

std::string commonHeaders(const Context &ctx, std::int64_t index, const std::string &from,
                          const std::string &to, const std::string &subjectHeader)
{
    const int zone = kZones[mix(ctx.seed, static_cast<std::uint64_t>(index), 5) % kZones.size()];
    std::string h = "Message-ID: <" + messageId(ctx, index) + ">\n";
    h += "Date: " + rfc5322Date(messageTime(ctx, index), zone) + "\n";
    h += "From: " + from + "\n";
    h += "To: " + to + "\n";
    if (!subjectHeader.empty())
        h += "Subject: " + subjectHeader + "\n";
    return h;
}

Message bulkMessage(const Context &ctx, std::int64_t index)
{
    Rng rng(mix(ctx.seed, static_cast<std::uint64_t>(index)));
    Message m;
    m.messageId = messageId(ctx, index);
    m.time = messageTime(ctx, index);

    const auto &folks = people();
    const Person &sender = folks[rng.below(folks.size())];
    const std::string to = displayName(ctx.ownerName, "us-ascii", 'Q') + " <" + ctx.owner + ">";

    // Threads: walk up to the root for the subject, keep the last ten ancestors as References.
    const std::int64_t parent = parentOf(ctx, index);
    std::vector<std::int64_t> chain;
    std::int64_t root = index;
    for (std::int64_t p = parent; p >= 0; p = parentOf(ctx, p)) {
        chain.push_back(p);
        root = p;
    }
    const Topic topic = rootTopic(ctx, root);
    m.subject = (parent >= 0 ? "Re: " : "") + topic.subject;
    const std::string subjectHeader = (parent >= 0 ? "Re: " : "") + topic.header;

    std::string headers = commonHeaders(ctx, index, mailbox(sender), to, subjectHeader);
    if (rng.chance(15)) {
        const Person &cc = folks[rng.below(folks.size())];
        headers += "Cc: " + mailbox(cc) + "\n";
    }
    if (parent >= 0) {
        headers += "In-Reply-To: <" + messageId(ctx, parent) + ">\n";
        std::string refs;
        const std::size_t keep = std::min<std::size_t>(chain.size(), 10);
        for (std::size_t k = keep; k-- > 0;)
            refs += (refs.empty() ? "<" : "\n <") + messageId(ctx, chain[k]) + ">";
        headers += "References: " + refs + "\n";
    }
    headers += "X-Heron-Seed: " + std::to_string(ctx.seed) + "/" + std::to_string(index) + "\n";
    headers += "MIME-Version: 1.0\n";

    std::string text = prose(rng, 1 + static_cast<int>(rng.below(4)));
    if (parent >= 0)
        text += "\nOn an earlier day, someone wrote:\n> " + topic.subject + "\n> Thanks.\n";
    const std::string signature = "\n-- \n" + sender.name + "\n";

    const unsigned roll = static_cast<unsigned>(rng.below(100));
    Part body;
    if (!(topic.foreign >= 0 && roll >= 90))
        text += signature;
    if (topic.foreign >= 0 && roll >= 90) {
        const Foreign &f = kForeign[static_cast<std::size_t>(topic.foreign)];
        const std::string cs = f.charset;
        const std::string lower = cs == "UTF-8" ? "utf-8" : cs;
        // The signature stays out: the sender's name may not exist in this charset.
        body = textPart(std::string(f.body) + "\n" + text, lower,
                        cs == "ISO-2022-JP" ? "7bit"
                                            : (cs == "windows-1252" ? "quoted-printable" : ""));
        m.kind = "charset";
    } else if (roll < 55) {
        body = textPart(text, isAscii(text) ? "us-ascii" : "utf-8");
        m.kind = "plain";
    } else if (roll < 70) {
        const std::string html = "<html><head><meta charset=\"utf-8\"></head><body>\n"
                                 + proseHtml(text)
                                 + "<p><a href=\"https://www.example.com/\">example</a></p>\n"
                                 + "</body></html>\n";
        body = textPart(html, "utf-8", "quoted-printable", "html");
        m.kind = "html";
    } else if (roll < 85) {
        const std::string html = "<html><body>\n" + proseHtml(text) + "</body></html>\n";
        body = multipart("alternative",
                         {textPart(text, "utf-8", "quoted-printable"),
                          textPart(html, "utf-8", "quoted-printable", "html")},
                         "=_alt_" + hex(rng.next(), 16));
        m.kind = "alternative";
    } else {
        Part att;
        const unsigned which = static_cast<unsigned>(rng.below(4));
        if (which == 0)
            att = attachment(pngImage(16, 16, static_cast<std::uint32_t>(rng.next() & 0xFFFFFF)),
                             "image/png", "image-" + std::to_string(index) + ".png");
        else if (which == 1)
            att = attachment(pdfDocument("Report " + std::to_string(index)), "application/pdf",
                             "report-" + std::to_string(index) + ".pdf");
        else if (which == 2)
            att = attachment("id,amount\n1,42.00\n2,17.50\n3,99.99\n", "text/csv", "numbers.csv");
        else
            att = attachment(randomBytes(rng, 1024 + rng.below(16 * 1024)),
                             "application/octet-stream", "data-" + std::to_string(index) + ".bin");
        body = multipart("mixed", {textPart(text, "utf-8", "quoted-printable"), att},
                         "=_mixed_" + hex(rng.next(), 16));
        m.kind = "attachment";
    }
    m.text = headers + body.render();

    // Flags: most mail read, some flagged, replies to some.
    const bool seen = rng.chance(70);
    if (rng.chance(5))
        m.flags += 'F';
    if (seen && rng.chance(10))
        m.flags += 'R';
    if (seen)
        m.flags += 'S';
    return m;
}

} // namespace seed
