#pragma once

#include "store/searchquery.h"

class ImapCommandBuilder;

// What a SearchQuery asks of an IMAP server's UID SEARCH (RFC 3501 6.4.4): words as TEXT,
// from:, to: (To or Cc) and subject: as FROM, OR TO CC, SUBJECT; is:unread, is:read,
// is:flagged as UNSEEN, SEEN, FLAGGED; before: and after: as SENTBEFORE and SENTSINCE, as the
// local search compares the sender's date. A word with an umlaut or its two-letter form is
// asked for in both spellings ("muenchen" as OR TEXT "muenchen" TEXT "münchen"), since a
// server compares as written. has:attachment has no criterion: the caller keeps the matches
// its cache knows to have attachments.
class ServerSearchCriteria
{
public:
    // Whether the query has anything a server can search for.
    static bool isSearchable(const SearchQuery &query);
    // Writes the criteria after UID SEARCH [RETURN (...)], CHARSET UTF-8 first when any text
    // is not ASCII.
    static void write(const SearchQuery &query, ImapCommandBuilder &builder);
    // The spellings of a word the server is asked for: as typed, with umlauts and ß written
    // out, and with their two-letter forms written as umlauts; each once.
    static QStringList spellings(const QString &word);
};
