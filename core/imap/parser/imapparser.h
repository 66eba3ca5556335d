#pragma once

#include "imapresponse.h"

#include "common/mailerror.h"

#include <QByteArrayView>

// Bytes of one complete response (as ImapFramer hands them over, line end and literals
// included) -> a typed ImapResponse, or a parse error as a value (MailError::Kind::Parse).
// Pure: no state, no QObject, safe on any input.
class ImapParser
{
public:
    struct Result
    {
        ImapResponse response;
        MailError error;
        bool isOk() const { return !error.isError(); }
    };

    static Result parse(QByteArrayView bytes);
};
