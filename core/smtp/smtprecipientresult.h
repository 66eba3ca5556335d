#pragma once

#include "smtp/smtpreply.h"

#include <QString>

// The server's answer to one RCPT TO.
struct SmtpRecipientResult
{
    QString address;
    SmtpReply reply; // invalid when no reply came (connection lost, not sent)

    bool isAccepted() const { return reply.isPositive(); }
};
