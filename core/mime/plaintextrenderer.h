#pragma once

#include <QString>
#include <QStringView>

// Turns the plain text of a message into HTML for display: everything escaped, quoted passages
// ("> ", "> > ") set off as nested blocks with a bar and a colour per level, web addresses and
// mail addresses made into links, and the signature after a "-- " line dimmed.
//
// Text sent as format=flowed (RFC 3676) is reflowed: soft line breaks (a line ending in a
// space) join lines of the same quote depth into one paragraph, space-stuffing is undone, and
// with DelSp=yes the space before a soft break is deleted.
class PlainTextRenderer
{
public:
    void setFlowed(bool flowed) { m_flowed = flowed; }
    bool isFlowed() const { return m_flowed; }
    void setDeleteSpace(bool delSp) { m_deleteSpace = delSp; }
    bool deleteSpace() const { return m_deleteSpace; }

    QString render(QStringView text) const;

    // One line of text, escaped, with its web and mail addresses as links.
    static QString linkify(QStringView text);

private:
    bool m_flowed = false;
    bool m_deleteSpace = false;
};
