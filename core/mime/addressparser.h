#pragma once

#include "outgoingmessage.h"

#include <QByteArrayView>
#include <QList>

// Address headers (From, To, Cc, Reply-To, ...) per RFC 5322 section 3.4 with the obsolete
// forms of section 4.4, RFC 2047 words in display names and raw UTF-8 (RFC 6532). Groups are
// flattened into their members. Lenient: old-style "addr (Name)" comments give the name, an
// unquoted comma inside a display name ("Doe, John <j@x>") is healed, garbage between
// addresses is skipped.
class AddressParser
{
public:
    static QList<MailAddress> parseList(QByteArrayView headerValue);
    // The first address of the value, or an empty MailAddress.
    static MailAddress parseMailbox(QByteArrayView headerValue);
    // A local part as it must be written: as is when it is a dot-atom, else quoted.
    static QByteArray quoteLocalPart(QByteArrayView localPart);
};
