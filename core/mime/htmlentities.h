#pragma once

#include <QString>
#include <QStringView>

// Character references as they appear in HTML attribute values: the common named ones
// (including those used to hide a scheme, like &colon; and &Tab;), decimal and hex ones with
// any number of leading zeros, a missing ';' tolerated. Invalid code points become U+FFFD;
// unknown names stay as written.
class HtmlEntities
{
public:
    static QString decode(QStringView text);
};
