#pragma once

#include "store/folderrecord.h"

#include <QString>

// The name a folder is shown under. Special folders (Inbox, Drafts, Sent, Trash, Junk, Archive),
// whether the server marked them (SPECIAL-USE) or their name told, are shown by their role in
// the user's language ("Papierkorb" for a Trash folder the server calls "Deleted Items"); the
// server's own name stays in the folder's path, for tooltips. Other folders keep their name.
class FolderDisplayName
{
public:
    static QString of(FolderRecord::SpecialUse use, const QString &serverName);
    // The localised name of a role; empty for None.
    static QString ofRole(FolderRecord::SpecialUse use);
};
