#pragma once

#include "imap/parser/imapbodypart.h"

#include <optional>
#include <QByteArray>

// Keeps a BODYSTRUCTURE in the cache: writes an ImapBodyPart back in IMAP's own syntax and
// reads it again with the IMAP parser, so the stored form is exactly what a server could send.
class BodyStructureCodec
{
public:
    static QByteArray encode(const ImapBodyPart &part);
    static std::optional<ImapBodyPart> decode(const QByteArray &encoded);
};
