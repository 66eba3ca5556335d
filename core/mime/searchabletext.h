#pragma once

#include "mimepart.h"

#include <QString>

// The words of a message a search should find: the text of the bodies a reader shows, HTML
// reduced to its text (no tags, no scripts or styles, entities decoded), and the file names of
// its attachments.
class SearchableText
{
public:
    static QString of(const MimePart &message);
    static QString fromHtml(QStringView html);
};
