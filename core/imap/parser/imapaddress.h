#pragma once

#include <QByteArray>

// One address of an ENVELOPE: (name adl mailbox host). Fields stay raw bytes (the name may hold
// RFC 2047 encoded words; decoding belongs to the MIME layer). RFC 3501 encodes groups as
// markers: a start has a null host and the group name in mailbox; an end has both null.
struct ImapAddress
{
    QByteArray name;
    QByteArray adl;
    QByteArray mailbox;
    QByteArray host;

    bool isGroupStart() const { return host.isNull() && !mailbox.isNull(); }
    bool isGroupEnd() const { return host.isNull() && mailbox.isNull(); }
    QByteArray address() const
    {
        if (host.isNull())
            return mailbox;
        QByteArray out = mailbox;
        out += '@';
        out += host;
        return out;
    }
    friend bool operator==(const ImapAddress &, const ImapAddress &) = default;
};
