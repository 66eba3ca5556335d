// The seeded messages. Each is a pure function of (seed, index): the same numbers always give
// byte-identical mail, so tests can regenerate what they expect.
#pragma once

#include <cstdint>
#include <string>

namespace seed {

struct Context
{
    std::string owner; // the mailbox owner's address, e.g. alice@example.test
    std::string ownerName; // e.g. Alice Example
    std::uint64_t seed = 1;
    std::int64_t baseTime = 1672531200; // 2023-01-01T00:00:00Z
    // Replies only answer messages from this index on (the first of the batch, past the rich
    // specials), so a thread never points at a message that is not bulk mail of this seed.
    std::int64_t firstThreadIndex = 0;
};

struct Message
{
    std::string text; // the whole message, "\n" line ends
    std::string messageId; // without angle brackets
    std::string subject; // decoded, UTF-8 (for the manifest)
    std::string kind; // plain, html, alternative, attachment, charset, or a special's name
    std::string flags; // Maildir flag letters in ASCII order: F R S
    std::int64_t time = 0; // Date header, file mtime and INTERNALDATE
};

// "Bulk" mail: mostly plain text, some HTML, multipart/alternative, attachments, non-ASCII
// headers and bodies, and reply threads (In-Reply-To/References within the same seed).
Message bulkMessage(const Context &ctx, std::int64_t index);
// "Rich" mail: the first richSpecialCount() indexes are hand-made edge cases (every charset,
// nested multiparts, RFC 2231 file names, a forwarded message, an 8-message thread, a 512 KiB
// attachment, ...); the rest is bulk mail.
Message richMessage(const Context &ctx, std::int64_t index);
int richSpecialCount();
// "Large" mail for folders of a million messages: thousands of correspondents (a few write most
// of it), mailing lists and notification senders, long threads, trace and DKIM headers, sizes
// from a few hundred bytes to a few hundred kilobytes, dates over nine years from
// largeBaseTime().
Message largeMessage(const Context &ctx, std::int64_t index);
constexpr std::int64_t largeBaseTime()
{
    return 1451606400;
} // 2016-01-01T00:00:00Z

// Shared by both styles.
std::int64_t messageTime(const Context &ctx, std::int64_t index);
std::string messageId(const Context &ctx, std::int64_t index);
std::string commonHeaders(const Context &ctx, std::int64_t index, const std::string &from,
                          const std::string &to, const std::string &subjectHeader);

} // namespace seed
