#pragma once

#include <QByteArrayView>
#include <QString>

// The List-Post header field of a mailing list's message (RFC 2369): where to write to reach
// the list, e.g. "<mailto:team@lists.example.org>", or "NO" for a list nobody may post to.
class ListPostHeader
{
public:
    // The first mailto: address of the field, percent-decoded and without "?subject=..." and
    // the like; empty when the list takes no posts or names no mail address.
    static QString address(QByteArrayView value);
};
