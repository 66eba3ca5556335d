#pragma once

#include "imapenvelope.h"
#include "imapvalue.h"

#include <QByteArray>
#include <QList>

#include <memory>
#include <utility>

// One node of a BODYSTRUCTURE (or BODY) tree with all its extension data. Types, subtypes,
// parameter names and the encoding are lower-cased; parameter values stay as sent.
// partNumber() is the section number to fetch this part with ("1", "2.1", ...); a multipart
// carries the number of its position too (empty for the top-level multipart).
struct ImapBodyPart
{
    using Parameters = QList<std::pair<QByteArray, QByteArray>>;

    QByteArray type; // "text", "multipart", "message", ...
    QByteArray subtype; // "plain", "mixed", "rfc822", ...
    Parameters parameters;
    QByteArray id;
    QByteArray description;
    QByteArray encoding;
    quint64 size = 0; // octets (single parts)
    quint64 lines = 0; // text/* and message/rfc822
    QByteArray md5;
    QByteArray disposition; // "inline", "attachment" or empty
    Parameters dispositionParameters;
    QList<QByteArray> languages;
    QByteArray location;
    QList<ImapValue> extensions; // body-extension data past the known fields

    // message/rfc822 (and message/global): the enclosed message.
    std::shared_ptr<ImapEnvelope> envelope;
    QList<ImapBodyPart> children; // the parts of a multipart, or the enclosed message's body

    QByteArray partNumber;

    bool isMultipart() const { return type == "multipart"; }
    bool isMessage() const { return envelope != nullptr; }
    QByteArray mimeType() const { return type + '/' + subtype; }
    QByteArray parameter(QByteArrayView name) const
    {
        for (const auto &p : parameters) {
            if (p.first == name)
                return p.second;
        }
        return QByteArray();
    }
    // The file name from the disposition's "filename" or the content type's "name".
    QByteArray fileName() const
    {
        for (const auto &p : dispositionParameters) {
            if (p.first == "filename")
                return p.second;
        }
        return parameter("name");
    }
    // The part with the given number, or nullptr.
    const ImapBodyPart *findPart(QByteArrayView number) const
    {
        if (partNumber == number && !isMultipart())
            return this;
        for (const ImapBodyPart &child : children) {
            if (const ImapBodyPart *found = child.findPart(number))
                return found;
        }
        return nullptr;
    }
};
