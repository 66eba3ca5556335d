#pragma once

#include "parser/imapstatusresponse.h"

#include "common/mailerror.h"

// How a command ended: the tagged status response, or the error that kept it from completing.
// error is Protocol for NO and BAD (with the server's text), Network when the link went away.
struct ImapCommandResult
{
    ImapStatusResponse status;
    MailError error;

    bool isOk() const { return !error.isError(); }
};
