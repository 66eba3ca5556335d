#pragma once

#include "imapbodypart.h"
#include "imapenvelope.h"
#include "imapfetchsection.h"
#include "imapvalue.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <optional>
#include <utility>

// A FETCH response: "* <seq> FETCH (...)". Each item is present only if the server sent it.
struct ImapFetch
{
    quint32 sequence = 0;
    std::optional<quint32> uid;
    std::optional<QList<QByteArray>> flags;
    QDateTime internalDate; // invalid when absent or unreadable
    std::optional<quint64> size; // RFC822.SIZE
    std::optional<quint64> modSeq;
    std::optional<ImapEnvelope> envelope;
    std::optional<ImapBodyPart> bodyStructure; // BODYSTRUCTURE, or the non-extensible BODY
    QByteArray bodyStructureText; // the same as the server wrote it
    QList<ImapFetchSection> sections;
    QList<std::pair<QByteArray, quint64>> binarySizes; // BINARY.SIZE[section]
    // Items this parser does not type (X-GM-LABELS, EMAILID, ...), key in upper case.
    QList<std::pair<QByteArray, ImapValue>> other;
    // A literal of this response was cut on arrival (see ImapFramer): some field holds only the
    // start of what the server sent, so the message must not be taken for what it is.
    bool truncated = false;

    const ImapFetchSection *section(QByteArrayView name, bool binary = false) const
    {
        for (const ImapFetchSection &s : sections) {
            if (s.section == name && s.binary == binary)
                return &s;
        }
        return nullptr;
    }
};
