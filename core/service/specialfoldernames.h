#pragma once

#include "store/folderrecord.h"

#include <QString>

// Which special folder a mailbox is by its name alone, for servers that do not mark Sent,
// Drafts, Trash, Junk and Archive with SPECIAL-USE attributes (RFC 6154): the names other
// clients and servers create, in English, German, French, Spanish, Italian, Dutch, Portuguese,
// Swedish, Polish and Russian ("Sent Items", "Gesendet", "Éléments envoyés", "Papelera"). Only
// a top-level folder or one directly under INBOX ("INBOX.Sent", Cyrus and Courier style) counts.
class SpecialFolderNames
{
public:
    // None when the name is no usual name of a special folder. path is decoded text; delimiter
    // the hierarchy separator (null for a flat name space).
    static FolderRecord::SpecialUse roleOf(const QString &path, QChar delimiter);
};
