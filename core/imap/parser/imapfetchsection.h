#pragma once

#include "common/spoolfile.h"

#include <QByteArray>

// One BODY[section]<origin> or BINARY[section]<origin> item of a FETCH response (also RFC822,
// RFC822.HEADER and RFC822.TEXT, reported with sections "", "HEADER" and "TEXT").
struct ImapFetchSection
{
    bool binary = false;
    QByteArray section; // upper-cased section specifier, e.g. "1.2", "HEADER.FIELDS (FROM TO)"
    qint64 origin = -1; // the <origin> of a partial fetch, -1 when absent
    bool isNil = false;
    QByteArray data;
    // Where the value starts in the response (the offset ImapFramer::SpooledLiteral names).
    qsizetype valueOffset = -1;
    // The bytes when they went to a file as they arrived (data is empty then).
    SpoolFile spool;
};
