#pragma once

#include "imapresponsecode.h"

#include <QByteArray>

// A status response: tagged (completion of a command) or untagged (OK/NO/BAD/PREAUTH/BYE).
struct ImapStatusResponse
{
    enum class Status { Ok, No, Bad, PreAuth, Bye };

    QByteArray tag; // empty for untagged responses
    Status status = Status::Ok;
    ImapResponseCode code;
    QByteArray text; // human-readable text after the code

    bool isTagged() const { return !tag.isEmpty(); }
    bool isOk() const { return status == Status::Ok || status == Status::PreAuth; }
};
