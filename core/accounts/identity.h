#pragma once

#include <QString>

// One sender identity of an account: the name and address put in From, where replies should go,
// and the signature put under new messages, replies and forwards.
struct Identity
{
    QString name;
    QString address;
    QString signature; // plain text, without the "-- " separator line
    QString replyTo = {}; // an address for Reply-To; empty: none
    // Put under messages written in HTML, without the separator line; empty: the plain one.
    QString htmlSignature = {};
    // The language written in, for spell checking ("de_DE", "en"); empty: the system's.
    QString language = {};

    bool operator==(const Identity &) const = default;
};
