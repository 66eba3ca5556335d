#pragma once

#include <QString>
#include <QStringView>

// format=flowed (RFC 3676): soft line breaks marked by a trailing space, quote depth by
// leading ">", space-stuffing of lines that start with a space, ">" or "From ".
class FlowedText
{
public:
    // Joins flowed lines into paragraphs. Lines end in "\n". With delSp the space before a
    // soft break is deleted (DelSp=yes). Quoted lines come out as ">" per level and one space.
    static QString unflow(QStringView text, bool delSp = false);

    // Wraps text (lines ending in "\n") into flowed lines of at most width characters where
    // words allow it; lines starting with ">" keep their quote depth. The result still uses
    // "\n" line ends.
    static QString flow(QStringView text, int width = 76);
};
