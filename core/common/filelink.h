#pragma once

#include <QString>

// A second name for a file's bytes, so that they outlive the first name: a hard link (link(2)),
// which costs no copy and no space, or where the two names are on different file systems (or
// the file system has no hard links) a copy written a piece at a time, never read whole.
// QFile::link() makes a symbolic link, which dies with its target: not what is wanted here.
class FileLink
{
public:
    // Makes to (which must not exist) name the bytes of from. False (and *errorMessage set)
    // when neither a link nor a copy could be made; a partial copy is removed.
    static bool linkOrCopy(const QString &from, const QString &to, QString *errorMessage = nullptr);
    // Gives from the name to instead (a rename, else a link or copy then the removal of from).
    static bool move(const QString &from, const QString &to, QString *errorMessage = nullptr);
    // Whether the last linkOrCopy() in this thread copied instead of linking (for tests).
    static bool lastWasCopy();
};
