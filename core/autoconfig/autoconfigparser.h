#pragma once

#include "autoconfig/discoveredsettings.h"

#include <QByteArrayView>
#include <QString>

// Reads a configuration file in the Thunderbird autoconfig format (config-v1.1.xml): the best
// IMAP and SMTP servers it lists for an address. Pure: no network, no state.
//
// Hostile files are refused or bounded: anything over maxSize bytes, a document type
// declaration (so no entity is ever expanded), more elements or depth than a real file has,
// servers without encryption or with a port out of range, and authentication this client cannot
// do (such a server is skipped). Implicit TLS is preferred to STARTTLS.
class AutoconfigParser
{
public:
    static constexpr qsizetype maxSize = 256 * 1024;

    struct Result
    {
        DiscoveredSettings settings; // settings.source is left for the caller
        QString error; // why nothing usable was found; empty when settings.isComplete()
        bool isOk() const { return error.isEmpty(); }
    };

    // address fills the %EMAILADDRESS%, %EMAILLOCALPART% and %EMAILDOMAIN% placeholders.
    static Result parse(QByteArrayView xml, const QString &address);
};
