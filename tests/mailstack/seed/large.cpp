// "Large" mail: what a mailbox of a million messages gathered over nine years looks like. Many
// correspondents (a few of them write most of the mail), mailing lists and notification senders
// with their own headers, long reply threads, trace headers, sizes from a few hundred bytes to
// a few hundred kilobytes (most of it small, a long tail of newsletters and attachments: about
// 4 KB on average), and a few non-ASCII names, subjects and bodies.
#include "messages.h"

#include "content.h"
#include "encoding.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace seed {

namespace {

struct Name
{
    const char *display; // UTF-8
    const char *ascii; // for the address
};

const std::array<Name, 32> kFirst = {{
        {"Anna", "anna"},     {"Ben", "ben"},       {"Chloé", "chloe"},     {"David", "david"},
        {"Emma", "emma"},     {"Felix", "felix"},   {"Grace", "grace"},     {"Hiro", "hiro"},
        {"Isabel", "isabel"}, {"Jörg", "joerg"},    {"Karin", "karin"},     {"Liam", "liam"},
        {"Maria", "maria"},   {"Noah", "noah"},     {"Olga", "olga"},       {"Paul", "paul"},
        {"Quinn", "quinn"},   {"Rosa", "rosa"},     {"Sam", "sam"},         {"Tomás", "tomas"},
        {"Uma", "uma"},       {"Victor", "victor"}, {"Wen", "wen"},         {"Xavier", "xavier"},
        {"Yusuf", "yusuf"},   {"Zoë", "zoe"},       {"Łukasz", "lukasz"},   {"Søren", "soren"},
        {"Aisha", "aisha"},   {"Björn", "bjoern"},  {"Camille", "camille"}, {"Dmitri", "dmitri"},
}};

const std::array<Name, 32> kLast = {{
        {"Adams", "adams"},       {"Bauer", "bauer"},       {"Chen", "chen"},
        {"Dubois", "dubois"},     {"Evans", "evans"},       {"Fischer", "fischer"},
        {"García", "garcia"},     {"Hansen", "hansen"},     {"Ivanova", "ivanova"},
        {"Jensen", "jensen"},     {"Kowalski", "kowalski"}, {"López", "lopez"},
        {"Müller", "mueller"},    {"Nakamura", "nakamura"}, {"O'Neill", "oneill"},
        {"Patel", "patel"},       {"Quist", "quist"},       {"Rossi", "rossi"},
        {"Schmidt", "schmidt"},   {"Tanaka", "tanaka"},     {"Umarov", "umarov"},
        {"Virtanen", "virtanen"}, {"Wang", "wang"},         {"Xu", "xu"},
        {"Yılmaz", "yilmaz"},     {"Zhang", "zhang"},       {"Öberg", "oeberg"},
        {"Nowak", "nowak"},       {"Silva", "silva"},       {"Kim", "kim"},
        {"Brown", "brown"},       {"Novák", "novak"},
}};

const std::array<const char *, 24> kDomains = {
        "example.com",        "example.org",    "example.net",        "mail.example.de",
        "corp.example",       "example.co.uk",  "example.fr",         "uni.example.edu",
        "example.io",         "example.jp",     "example.es",         "example.pl",
        "lab.example.org",    "example.ru",     "example.it",         "example.se",
        "consulting.example", "example.nl",     "example.ch",         "example.at",
        "example.in",         "example.com.br", "startup.example.io", "example.dk",
};

struct List
{
    const char *id; // List-Id and subject tag
    const char *name;
    const char *address;
};

const std::array<List, 10> kLists = {{
        {"dev", "Developers", "dev@lists.example.org"},
        {"announce", "Announcements", "announce@lists.example.org"},
        {"users", "User discussion", "users@lists.example.net"},
        {"security", "Security notices", "security@lists.example.com"},
        {"kernel", "Kernel hackers", "kernel@lists.example.io"},
        {"design", "Design team", "design@lists.example.com"},
        {"ops", "Operations", "ops@corp.example"},
        {"books", "Book club", "books@lists.example.net"},
        {"climbing", "Climbing group", "climbing@lists.example.de"},
        {"release", "Release coordination", "release@lists.example.org"},
}};

struct Robot
{
    const char *name;
    const char *address;
    const char *subject; // "%d" stands for a number
};

const std::array<Robot, 6> kRobots = {{
        {"GitLab", "gitlab@git.example.org", "[heron/core] Issue #%d: build fails on arm64"},
        {"CI", "ci@build.example.org", "Pipeline #%d failed for main"},
        {"Calendar", "calendar@corp.example", "Invitation: planning meeting #%d"},
        {"Acme Shop", "orders@shop.example", "Your order %d has shipped"},
        {"Bank", "noreply@bank.example", "Statement %d is available"},
        {"The Weekly Digest", "digest@news.example.com", "Weekly digest, issue %d"},
}};

struct Foreign
{
    const char *subject;
    const char *charset;
    char encoding;
    const char *body;
};

const std::array<Foreign, 6> kForeign = {{
        {"Grüße aus München", "UTF-8", 'Q', "Liebe Grüße aus München! Bis nächste Woche.\n"},
        {"Réunion de l'équipe à 14h", "ISO-8859-1", 'Q',
         "Bonjour à tous, la réunion aura lieu à 14h.\n"},
        {"Привет из Москвы", "KOI8-R", 'B', "Привет! Встреча перенесена на пятницу.\n"},
        {"会議の議事録について", "UTF-8", 'B', "お疲れ様です。会議の議事録を送ります。\n"},
        {"Zażółć gęślą jaźń", "UTF-8", 'B', "Zażółć gęślą jaźń — pangram po polsku.\n"},
        {"Emoji party 🎉", "UTF-8", 'B', "Party on Friday 🎉 — cake included.\n"},
}};

const std::array<const char *, 20> kTopics = {
        "the migration",  "the Q3 budget",   "the new office",  "the API design", "the release",
        "the offsite",    "the contract",    "the hiring plan", "the roadmap",    "the outage",
        "the audit",      "the workshop",    "the invoice",     "the prototype",  "the survey",
        "the newsletter", "the translation", "the test plan",   "the backups",    "the launch",
};

const std::array<const char *, 12> kOpenings = {
        "Question about", "Update on",      "Notes from",  "Thoughts on", "Draft of",  "Reminder:",
        "Feedback on",    "Next steps for", "Re-planning", "Status of",   "Help with", "Agenda for",
};

const std::array<const char *, 6> kMailers = {
        "Heron 1.0",  "Thunderbird 115.3.1",  "Apple Mail (2.3731)", "Microsoft Outlook 16.0",
        "Mutt/2.2.9", "K-9 Mail for Android",
};

std::string hex(std::uint64_t v, int digits)
{
    static const char h[] = "0123456789abcdef";
    std::string out(static_cast<std::size_t>(digits), '0');
    for (int i = digits - 1; i >= 0; --i, v >>= 4)
        out[static_cast<std::size_t>(i)] = h[v & 15];
    return out;
}

// Log-uniform in [low, high]: most values small, a long tail of large ones.
std::uint64_t logUniform(Rng &rng, double low, double high)
{
    const double u = double(rng.below(1u << 30)) / double(1u << 30);
    return static_cast<std::uint64_t>(
            std::exp(std::log(low) + u * (std::log(high) - std::log(low))));
}

// A person out of 32 × 32 × 24 (24,576) names; low numbers far more often than high ones, so
// a few correspondents write most of the mail, as in a real mailbox.
std::uint64_t personNumber(Rng &rng)
{
    return logUniform(rng, 1, double(kFirst.size() * kLast.size() * kDomains.size())) - 1;
}

std::string personMailbox(std::uint64_t n, std::string *nameOut = nullptr)
{
    const Name &first = kFirst[n % kFirst.size()];
    const Name &last = kLast[(n / kFirst.size()) % kLast.size()];
    const char *domain = kDomains[(n / (kFirst.size() * kLast.size())) % kDomains.size()];
    const std::string name = std::string(first.display) + " " + last.display;
    if (nameOut)
        *nameOut = name;
    return displayName(name, isAscii(name) ? "us-ascii" : "UTF-8", 'Q') + " <" + first.ascii + "."
           + last.ascii + "@" + domain + ">";
}

// Where a message comes from: a person (0), a mailing list (1) or a notification robot (2).
struct Origin
{
    int kind = 0;
    std::uint64_t number = 0;
};

Origin originOf(const Context &ctx, std::int64_t index)
{
    Rng rng(mix(ctx.seed, static_cast<std::uint64_t>(index), 11));
    const unsigned roll = static_cast<unsigned>(rng.below(100));
    if (roll < 22)
        return {1, rng.below(kLists.size())};
    if (roll < 32)
        return {2, rng.below(kRobots.size())};
    return {0, personNumber(rng)};
}

// The message this one answers, or -1: a quarter of the mail from people and lists are
// replies, to a message of the last few days.
std::int64_t parentOf(const Context &ctx, std::int64_t index)
{
    if (index <= ctx.firstThreadIndex || originOf(ctx, index).kind == 2)
        return -1;
    Rng rng(mix(ctx.seed, static_cast<std::uint64_t>(index), 12));
    if (!rng.chance(25))
        return -1;
    const std::int64_t span = std::min<std::int64_t>(index - ctx.firstThreadIndex, 600);
    const std::int64_t parent = index - 1
                                - static_cast<std::int64_t>(
                                        rng.below(static_cast<std::uint64_t>(span)));
    return originOf(ctx, parent).kind == 2 ? -1 : parent;
}

struct Topic
{
    std::string subject; // decoded UTF-8
    std::string header; // as written
    int foreign = -1;
};

Topic rootTopic(const Context &ctx, std::int64_t index)
{
    Rng rng(mix(ctx.seed, static_cast<std::uint64_t>(index), 13));
    const Origin origin = originOf(ctx, index);
    Topic t;
    if (origin.kind == 2) {
        t.subject = kRobots[origin.number].subject;
        t.subject.replace(t.subject.find("%d"), 2, std::to_string(1000 + rng.below(90000)));
    } else if (rng.chance(4)) {
        t.foreign = static_cast<int>(rng.below(kForeign.size()));
        const Foreign &f = kForeign[static_cast<std::size_t>(t.foreign)];
        t.subject = f.subject;
        t.header = encodeWords(f.subject, f.charset, f.encoding);
    } else if (rng.chance(50)) {
        t.subject = subjectPhrase(rng);
    } else {
        t.subject = std::string(kOpenings[rng.below(kOpenings.size())]) + " "
                    + kTopics[rng.below(kTopics.size())];
    }
    if (origin.kind == 1)
        t.subject = "[" + std::string(kLists[origin.number].id) + "] " + t.subject;
    if (t.header.empty())
        t.header = t.subject;
    else if (origin.kind == 1)
        t.header = "[" + std::string(kLists[origin.number].id) + "] " + t.header;
    return t;
}

std::string received(Rng &rng, const std::string &owner, std::int64_t time, int hop)
{
    const std::string id = hex(rng.next(), 12);
    return "Received: from mx" + std::to_string(hop) + ".example.net (mx" + std::to_string(hop)
           + ".example.net [192.0.2." + std::to_string(1 + rng.below(250))
           + "])\n\tby mail.example.test (Postfix) with ESMTPS id " + id + "\n\tfor <" + owner
           + ">; " + rfc5322Date(time - hop, 0) + "\n";
}

std::string quoted(const std::string &text)
{
    std::string out = "> ";
    for (std::size_t i = 0; i < text.size(); ++i) {
        out += text[i];
        if (text[i] == '\n' && i + 1 < text.size())
            out += "> ";
    }
    return out;
}

} // namespace

Message largeMessage(const Context &ctx, std::int64_t index)
{
    Rng rng(mix(ctx.seed, static_cast<std::uint64_t>(index), 10));
    Message m;
    m.messageId = messageId(ctx, index);
    m.time = messageTime(ctx, index);
    const Origin origin = originOf(ctx, index);

    std::string senderName;
    std::string from;
    if (origin.kind == 0)
        from = personMailbox(origin.number, &senderName);
    else if (origin.kind == 1)
        from = personMailbox(personNumber(rng), &senderName);
    else {
        senderName = kRobots[origin.number].name;
        from = displayName(senderName, "us-ascii", 'Q') + " <" + kRobots[origin.number].address
               + ">";
    }
    const std::string owner = displayName(ctx.ownerName, "us-ascii", 'Q') + " <" + ctx.owner + ">";
    const std::string to = origin.kind == 1
                                   ? displayName(kLists[origin.number].name, "us-ascii", 'Q') + " <"
                                             + kLists[origin.number].address + ">"
                                   : owner;

    const std::int64_t parent = parentOf(ctx, index);
    std::vector<std::int64_t> chain;
    std::int64_t root = index;
    for (std::int64_t p = parent; p >= 0; p = parentOf(ctx, p)) {
        chain.push_back(p);
        root = p;
    }
    const Topic topic = rootTopic(ctx, root);
    const bool forward = parent < 0 && origin.kind == 0 && rng.chance(3);
    const char *prefix = parent >= 0 ? "Re: " : (forward ? "Fwd: " : "");
    m.subject = prefix + topic.subject;

    std::string headers = "Return-Path: <bounce-" + hex(rng.next(), 8) + "@example.net>\n";
    const int hops = 1 + static_cast<int>(rng.below(3));
    for (int hop = 1; hop <= hops; ++hop)
        headers += received(rng, ctx.owner, m.time, hop);
    headers += commonHeaders(ctx, index, from, to, prefix + topic.header);
    if (origin.kind == 0 && rng.chance(20)) {
        headers += "Cc: ";
        const int n = 1 + static_cast<int>(rng.below(5));
        for (int i = 0; i < n; ++i)
            headers += (i ? ",\n " : "") + personMailbox(personNumber(rng));
        headers += "\n";
    }
    if (parent >= 0) {
        headers += "In-Reply-To: <" + messageId(ctx, parent) + ">\n";
        std::string refs;
        // The root and the last nine ancestors, as mailers trim long References.
        std::vector<std::int64_t> kept;
        if (chain.size() > 10)
            kept.push_back(chain.back());
        for (std::size_t k = std::min<std::size_t>(chain.size(), kept.empty() ? 10 : 9); k-- > 0;)
            kept.push_back(chain[k]);
        for (const std::int64_t id : kept)
            refs += (refs.empty() ? "<" : "\n <") + messageId(ctx, id) + ">";
        headers += "References: " + refs + "\n";
    }
    if (origin.kind == 1) {
        const List &l = kLists[origin.number];
        headers += "List-Id: " + std::string(l.name) + " <" + l.id + ".lists.example.org>\n";
        headers += "List-Unsubscribe: <mailto:" + std::string(l.id)
                   + "-leave@lists.example.org>\nPrecedence: list\n";
    }
    if (origin.kind != 0 || rng.chance(40)) {
        // A DKIM signature: a long folded header most real mail carries.
        const std::string sig = base64(randomBytes(rng, 192));
        headers += "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net;\n"
                   "\ts=sel1; h=from:to:subject:date:message-id;\n\tbh="
                   + base64(randomBytes(rng, 32)) + ";\n\tb=";
        for (std::size_t i = 0; i < sig.size(); i += 64)
            headers += (i ? "\n\t " : "") + sig.substr(i, 64);
        headers += "\n";
    }
    if (origin.kind == 0)
        headers += "X-Mailer: " + std::string(kMailers[rng.below(kMailers.size())]) + "\n";
    headers += "X-Heron-Seed: " + std::to_string(ctx.seed) + "/" + std::to_string(index) + "\n";
    headers += "MIME-Version: 1.0\n";

    // Text: from one short paragraph to a long letter.
    std::string text = prose(rng, static_cast<int>(logUniform(rng, 1, 12)));
    if (parent >= 0)
        text += "\nOn " + rfc5322Date(messageTime(ctx, parent), 0) + ", someone wrote:\n"
                + quoted(prose(rng, 1 + static_cast<int>(rng.below(3))));
    text += "\n-- \n" + senderName + "\n";

    const unsigned roll = static_cast<unsigned>(rng.below(100));
    Part body;
    if (topic.foreign >= 0 && roll < 50) {
        const Foreign &f = kForeign[static_cast<std::size_t>(topic.foreign)];
        const std::string cs = f.charset;
        body = textPart(std::string(f.body) + "\n" + prose(rng, 1), cs == "UTF-8" ? "utf-8" : cs,
                        cs == "ISO-8859-1" ? "quoted-printable" : "");
        m.kind = "charset";
    } else if (origin.kind == 2 && origin.number == 5) {
        // A newsletter: a large HTML part.
        std::string html = "<html><head><meta charset=\"utf-8\"><style>p{margin:0 0 1em}"
                           "</style></head><body>\n";
        const int stories = static_cast<int>(logUniform(rng, 4, 40));
        for (int s = 0; s < stories; ++s)
            html += "<h2>" + subjectPhrase(rng) + "</h2>\n" + proseHtml(prose(rng, 2))
                    + "<p><a href=\"https://news.example.com/story/" + hex(rng.next(), 8)
                    + "\">Read more</a></p>\n";
        html += "</body></html>\n";
        body = multipart("alternative",
                         {textPart(text, "utf-8", "quoted-printable"),
                          textPart(html, "utf-8", "quoted-printable", "html")},
                         "=_news_" + hex(rng.next(), 16));
        m.kind = "html";
    } else if (roll < 4) {
        // An attachment, log-uniform from 1 KiB to 192 KiB.
        const std::size_t size = logUniform(rng, 1024, 192 * 1024);
        Part att;
        const unsigned which = static_cast<unsigned>(rng.below(5));
        if (which == 0)
            att = attachment(pdfDocument("Report " + std::to_string(index)) + "%"
                                     + randomBytes(rng, size),
                             "application/pdf", "report-" + std::to_string(index) + ".pdf");
        else if (which == 1)
            att = attachment(pngImage(16, 16, static_cast<std::uint32_t>(rng.next() & 0xFFFFFF)),
                             "image/png", "photo-" + std::to_string(index) + ".png");
        else if (which == 2)
            att = attachment(randomBytes(rng, size), "image/jpeg",
                             "IMG_" + std::to_string(1000 + index % 9000) + ".jpg");
        else if (which == 3)
            att = attachment(randomBytes(rng, size),
                             "application/vnd.openxmlformats-officedocument."
                             "wordprocessingml.document",
                             "Entwurf Übersicht " + std::to_string(index) + ".docx");
        else
            att = attachment("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:" + topic.subject
                                     + "\nEND:VEVENT\nEND:VCALENDAR\n",
                             "text/calendar", "invite.ics");
        body = multipart("mixed", {textPart(text, "utf-8", "quoted-printable"), att},
                         "=_mixed_" + hex(rng.next(), 16));
        m.kind = "attachment";
    } else if (roll < 25 || origin.kind == 2) {
        const std::string html = "<html><body>\n" + proseHtml(text) + "</body></html>\n";
        body = multipart("alternative",
                         {textPart(text, "utf-8", "quoted-printable"),
                          textPart(html, "utf-8", "quoted-printable", "html")},
                         "=_alt_" + hex(rng.next(), 16));
        m.kind = "alternative";
    } else {
        body = textPart(text, isAscii(text) ? "us-ascii" : "utf-8");
        m.kind = "plain";
    }
    m.text = headers + body.render();

    // Older mail is read; a little is flagged or answered.
    const bool seen = rng.chance(92);
    if (rng.chance(2))
        m.flags += 'F';
    if (seen && origin.kind == 0 && rng.chance(12))
        m.flags += 'R';
    if (seen)
        m.flags += 'S';
    return m;
}

} // namespace seed
