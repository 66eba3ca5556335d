// The hand-made part of the "rich" style: one message per edge case a mail client meets.
#include "messages.h"

#include "content.h"
#include "encoding.h"

#include <functional>
#include <vector>

namespace seed {

namespace {

struct Special
{
    const char *kind;
    const char *flags;
    std::function<void(const Context &, std::int64_t, Message &)> build;
};

std::string owner(const Context &ctx)
{
    return displayName(ctx.ownerName, "us-ascii", 'Q') + " <" + ctx.owner + ">";
}

const Person &person(std::size_t i)
{
    return people()[i % people().size()];
}

// Headers + MIME-Version + body, with the decoded subject recorded.
void finish(const Context &ctx, std::int64_t index, Message &m, const std::string &from,
            const std::string &subjectUtf8, const std::string &subjectHeader, const Part &body,
            const std::string &extraHeaders = "", const std::string &to = "")
{
    m.subject = subjectUtf8;
    m.text = commonHeaders(ctx, index, from, to.empty() ? owner(ctx) : to, subjectHeader)
             + extraHeaders + "X-Heron-Seed: " + std::to_string(ctx.seed) + "/"
             + std::to_string(index) + "\nMIME-Version: 1.0\n" + body.render();
}

void plainAscii(const Context &ctx, std::int64_t i, Message &m, const std::string &subject,
                const std::string &text, std::size_t who = 7)
{
    finish(ctx, i, m, mailbox(person(who)), subject, subject, textPart(text, "us-ascii"));
}

void foreign(const Context &ctx, std::int64_t i, Message &m, std::size_t who,
             const std::string &subject, const std::string &charset, char enc,
             const std::string &body, const std::string &cte)
{
    const std::string lower = charset == "UTF-8" ? "utf-8" : charset;
    finish(ctx, i, m, mailbox(person(who)), subject, encodeWords(subject, charset, enc),
           textPart(body, lower, cte));
}

std::string threadId(const Context &ctx, std::int64_t first, int k)
{
    return "<" + messageId(ctx, first + k) + ">";
}

const int kThreadStart = 19; // the 8-message thread occupies specials 19..26

void threadMessage(const Context &ctx, std::int64_t i, Message &m)
{
    const int k = static_cast<int>(i) - kThreadStart;
    const std::int64_t first = kThreadStart;
    const std::size_t senders[] = {7, 0, 8, 1, 7, 9, 0, 8};
    std::string extra;
    if (k > 0) {
        extra = "In-Reply-To: " + threadId(ctx, first, k - 1) + "\nReferences:";
        for (int r = 0; r < k; ++r)
            extra += " " + threadId(ctx, first, r);
        extra += "\n";
    }
    Rng rng(mix(ctx.seed, static_cast<std::uint64_t>(i), 9));
    std::string text = prose(rng, 2);
    if (k > 0)
        text += "\n> Earlier message " + std::to_string(k) + " of the planning thread.\n";
    const std::string subject = std::string(k ? "Re: " : "") + "Quarterly planning: Q3 goals";
    finish(ctx, i, m, mailbox(person(senders[k])), subject, subject, textPart(text, "us-ascii"),
           extra, owner(ctx) + ", " + mailbox(person(1)));
}

const std::vector<Special> &specials()
{
    static const std::vector<Special> list = {
            {"welcome", "S",
             [](const Context &c, std::int64_t i, Message &m) {
                 plainAscii(c, i, m, "Welcome to Heron",
                            "Hello,\n\nthis mailbox was seeded by the Heron test stack.\n\n-- "
                            "\nThe Heron team\n");
             }},
            {"utf8-subject", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 foreign(c, i, m, 2, "Grüße aus München 🌍", "UTF-8", 'B',
                         "Liebe Alice,\n\nviele Grüße aus München! Das Wetter ist schön.\n\nJörg\n",
                         "");
             }},
            {"latin1", "S",
             [](const Context &c, std::int64_t i, Message &m) {
                 foreign(c, i, m, 3, "Réunion de l'équipe à 14h", "ISO-8859-1", 'Q',
                         "Bonjour Alice,\n\nla réunion de l'équipe aura lieu à 14h.\nÀ "
                         "bientôt,\nFrançois\n",
                         "quoted-printable");
             }},
            {"windows-1252", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 foreign(c, i, m, 6, "“Smart quotes” – price €42", "windows-1252", 'Q',
                         "Hi Alice,\n\nthe “final” price is €42 – not €40… as discussed.\n\nZoë\n",
                         "8bit");
             }},
            {"koi8-r", "F",
             [](const Context &c, std::int64_t i, Message &m) {
                 foreign(c, i, m, 4, "Привет из Москвы", "KOI8-R", 'B',
                         "Привет, Алиса!\n\nКак дела? Встреча перенесена на пятницу.\n\nИван\n",
                         "8bit");
             }},
            {"iso-2022-jp", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 foreign(c, i, m, 5, "会議の議事録について", "ISO-2022-JP", 'B',
                         "アリスさん\n\nお疲れ様です。会議の議事録を送ります。\n\n山田\n", "7bit");
             }},
            {"html-newsletter", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 const std::string html
                         = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><style>"
                           "h1{color:#335}</style></head><body>\n<h1>The Weekly Digest</h1>\n"
                           "<p>Top stories this week &mdash; <b>five</b> things you missed.</p>\n"
                           "<img src=\"https://news.example.com/pixel.gif\" width=\"1\" "
                           "height=\"1\">\n"
                           "<p><a "
                           "href=\"https://news.example.com/unsubscribe\">Unsubscribe</a></p>\n"
                           "<script>alert('hostile');</script>\n</body></html>\n";
                 finish(c, i, m, mailbox(person(13)), "The Weekly Digest: five things you missed",
                        "The Weekly Digest: five things you missed",
                        textPart(html, "utf-8", "quoted-printable", "html"),
                        "List-Id: Weekly Digest <digest.news.example.com>\n"
                        "List-Unsubscribe: <https://news.example.com/unsubscribe>, "
                        "<mailto:unsubscribe@news.example.com>\n"
                        "List-Unsubscribe-Post: List-Unsubscribe=One-Click\nPrecedence: bulk\n");
             }},
            {"alternative", "S",
             [](const Context &c, std::int64_t i, Message &m) {
                 const std::string text = "Hi Alice,\n\nthe build is *green* again.\n\nDana\n";
                 const std::string html = "<html><body><p>Hi Alice,</p><p>the build is "
                                          "<b>green</b> again.</p><p>Dana</p></body></html>\n";
                 finish(c, i, m, mailbox(person(7)), "Build is green again", "Build is green again",
                        multipart("alternative",
                                  {textPart(text, "us-ascii"),
                                   textPart(html, "utf-8", "quoted-printable", "html")},
                                  "=_alt_special"));
             }},
            {"pdf-rfc2231", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 finish(c, i, m, mailbox(person(2)), "Rechnung für März",
                        encodeWords("Rechnung für März", "UTF-8", 'Q'),
                        multipart("mixed",
                                  {textPart("Anbei die Rechnung.\n\nJörg\n", "utf-8"),
                                   attachment(pdfDocument("Rechnung Maerz"), "application/pdf",
                                              "Rechnung März.pdf")},
                                  "=_mixed_pdf"));
             }},
            {"png", "S",
             [](const Context &c, std::int64_t i, Message &m) {
                 finish(c, i, m, mailbox(person(8)), "Screenshot of the bug",
                        "Screenshot of the bug",
                        multipart("mixed",
                                  {textPart("See the attached screenshot.\n", "us-ascii"),
                                   attachment(pngImage(64, 48, 0x3366CC), "image/png",
                                              "screenshot.png")},
                                  "=_mixed_png"));
             }},
            {"related-inline-image", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 const std::string html = "<html><body><p>Our new logo:</p>"
                                          "<img src=\"cid:logo@seed.example.test\" alt=\"logo\">"
                                          "</body></html>\n";
                 const Part related = multipart("related",
                                                {textPart(html, "utf-8", "quoted-printable", "html"),
                                                 attachment(pngImage(32, 32, 0xCC3333), "image/png",
                                                            "logo.png", "inline",
                                                            "logo@seed.example.test")},
                                                "=_rel_logo", "; type=\"text/html\"");
                 finish(c, i, m, mailbox(person(9)), "New logo", "New logo",
                        multipart("alternative",
                                  {textPart("Our new logo is attached.\n", "us-ascii"), related},
                                  "=_alt_logo"));
             }},
            {"forwarded-rfc822", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 const std::string inner
                         = "From: " + mailbox(person(3)) + "\nTo: " + mailbox(person(0))
                           + "\nSubject: Original message\nDate: Mon, 02 Jan 2023 10:00:00 +0100\n"
                             "Message-ID: <inner."
                           + std::to_string(c.seed)
                           + "@example.fr>\nMIME-Version: 1.0\n"
                             "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: "
                             "8bit\n\n"
                             "Voilà le message original.\n";
                 Part fwd;
                 fwd.headers = "Content-Type: message/rfc822\nContent-Disposition: inline\n";
                 fwd.body = inner;
                 finish(c, i, m, mailbox(person(0)), "Fwd: Original message",
                        "Fwd: Original message",
                        multipart("mixed",
                                  {textPart("Forwarding this to you.\n\nBob\n", "us-ascii"), fwd},
                                  "=_mixed_fwd"));
             }},
            {"calendar", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 const std::string ics
                         = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Heron//Seed//"
                           "EN\nMETHOD:REQUEST\n"
                           "BEGIN:VEVENT\nUID:planning-"
                           + std::to_string(c.seed)
                           + "@seed.example.test\n"
                             "DTSTART:20240610T090000Z\nDTEND:20240610T100000Z\nSUMMARY:Planning\n"
                             "ORGANIZER:mailto:carol@example.test\nATTENDEE:mailto:"
                           + c.owner
                           + "\n"
                             "END:VEVENT\nEND:VCALENDAR\n";
                 Part cal = rawTextPart(ics, "utf-8", "7bit", "; method=REQUEST");
                 cal.headers = "Content-Type: text/calendar; charset=utf-8; method=REQUEST\n"
                               "Content-Transfer-Encoding: 7bit\n";
                 finish(c, i, m, mailbox(person(1)), "Invitation: Planning", "Invitation: Planning",
                        multipart("alternative",
                                  {textPart("You are invited to Planning.\n", "us-ascii"), cal},
                                  "=_alt_cal"));
             }},
            {"format-flowed", "S",
             [](const Context &c, std::int64_t i, Message &m) {
                 Part p = textPart(
                         "This is a long line that was soft-wrapped by the sender's mail \n"
                         "client and should be joined again when displayed. \nSecond "
                         "sentence.\n\n> Quoted text that also \n> flows.\n",
                         "us-ascii");
                 p.headers = "Content-Type: text/plain; charset=us-ascii; format=flowed; delsp=no\n"
                             "Content-Transfer-Encoding: 7bit\n";
                 finish(c, i, m, mailbox(person(8)), "Flowed text", "Flowed text", p);
             }},
            {"many-recipients", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 std::string cc;
                 for (std::size_t k = 2; k < 12; ++k)
                     cc += std::string(cc.empty() ? "" : ",\n ") + mailbox(person(k));
                 const std::string subject
                         = "A very long subject line that goes on and on, well past the "
                           "seventy-eight "
                           "characters a header line should have, so that it must be folded";
                 finish(c, i, m, mailbox(person(7)), subject,
                        "A very long subject line that goes on and on, well past the "
                        "seventy-eight\n"
                        " characters a header line should have, so that it must be folded",
                        textPart("Everyone is in copy.\n", "us-ascii"), "Cc: " + cc + "\n");
             }},
            {"no-subject", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 finish(c, i, m, mailbox(person(9)), "", "",
                        textPart("(no subject header at all)\n", "us-ascii"));
             }},
            {"raw-utf8-header", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 finish(c, i, m, "Ana Sofía Ramírez <ana.ramirez@example.es>",
                        "Año nuevo — raw UTF-8", "Año nuevo — raw UTF-8",
                        textPart("Un encabezado sin codificar (8-bit UTF-8).\n", "utf-8"));
             }},
            {"text-attachments", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 Part notes;
                 notes.headers
                         = "Content-Type: text/plain; charset=windows-1252; name=\"notes.txt\"\n"
                           "Content-Disposition: attachment; filename=\"notes.txt\"\n"
                           "Content-Transfer-Encoding: quoted-printable\n";
                 notes.body = quotedPrintable(fromUtf8("Café notes – “draft”\n", "windows-1252"));
                 finish(c, i, m, mailbox(person(17)), "Notes and numbers", "Notes and numbers",
                        multipart("mixed",
                                  {textPart("Two files attached.\n", "us-ascii"), notes,
                                   attachment("id,name\n1,Søren\n", "text/csv", "people.csv")},
                                  "=_mixed_txt"),
                        "", owner(c));
             }},
            {"base64-text", "S",
             [](const Context &c, std::int64_t i, Message &m) {
                 finish(c, i, m, mailbox(person(11)), "Base64 body", "Base64 body",
                        textPart("Zażółć gęślą jaźń.\nThis body is base64 encoded.\n", "utf-8",
                                 "base64"));
             }},
            {"thread", "S", threadMessage},
            {"thread", "S", threadMessage},
            {"thread", "RS", threadMessage},
            {"thread", "S", threadMessage},
            {"thread", "S", threadMessage},
            {"thread", "", threadMessage},
            {"thread", "", threadMessage},
            {"thread", "F", threadMessage},
            {"large-attachment", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 Rng rng(mix(c.seed, static_cast<std::uint64_t>(i), 7));
                 finish(c, i, m, mailbox(person(16)), "Big file (512 KiB)", "Big file (512 KiB)",
                        multipart("mixed",
                                  {textPart("A larger attachment for progress bars.\n", "us-ascii"),
                                   attachment(randomBytes(rng, 512 * 1024), "application/zip",
                                              "archive.zip")},
                                  "=_mixed_big"));
             }},
            {"reply-to-priority", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 finish(c, i, m, mailbox(person(14)), "Your ticket #4711", "Your ticket #4711",
                        textPart("We received your request.\n", "us-ascii"),
                        "Reply-To: Acme tickets <tickets@acme.example>\nSender: "
                        "robot@acme.example\n"
                        "X-Priority: 1 (Highest)\nImportance: high\n");
             }},
            {"unknown-charset", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 finish(c, i, m, mailbox(person(15)), "Strange charset", "Strange charset",
                        rawTextPart("Bytes in an unknown charset: \xE9\xE8\xFF\n",
                                    "x-unknown-charset", "8bit"));
             }},
            {"nested-multipart", "",
             [](const Context &c, std::int64_t i, Message &m) {
                 const Part related = multipart("related",
                                                {textPart("<html><body><p>Nested <img "
                                                          "src=\"cid:dot@seed.example.test\"></p>"
                                                          "</body></html>\n",
                                                          "utf-8", "quoted-printable", "html"),
                                                 attachment(pngImage(8, 8, 0x33AA33), "image/png",
                                                            "dot.png", "inline",
                                                            "dot@seed.example.test")},
                                                "=_nest_rel");
                 const Part alt = multipart("alternative",
                                            {textPart("Nested text.\n", "us-ascii"), related},
                                            "=_nest_alt");
                 finish(c, i, m, mailbox(person(10)), "Nested parts", "Nested parts",
                        multipart("mixed",
                                  {alt, attachment(pdfDocument("Nested"), "application/pdf",
                                                   "nested.pdf")},
                                  "=_nest_mixed"));
             }},
            {"latin1-sender", "S",
             [](const Context &c, std::int64_t i, Message &m) {
                 finish(c, i, m, mailbox(person(17)), "Hej fra København",
                        "Hej fra =?ISO-8859-1?Q?K=F8benhavn?=",
                        textPart("Mange hilsner fra København.\n", "ISO-8859-1",
                                 "quoted-printable"));
             }},
    };
    return list;
}

} // namespace

int richSpecialCount()
{
    return static_cast<int>(specials().size());
}

Message richMessage(const Context &ctx, std::int64_t index)
{
    if (index < 0 || index >= richSpecialCount())
        return bulkMessage(ctx, index);
    const Special &s = specials()[static_cast<std::size_t>(index)];
    Message m;
    m.messageId = messageId(ctx, index);
    m.time = messageTime(ctx, index);
    m.kind = s.kind;
    m.flags = s.flags;
    s.build(ctx, index, m);
    return m;
}

} // namespace seed
