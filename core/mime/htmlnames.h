#pragma once

#include "htmlsanitizer.h"
#include "htmltokenizer.h"

#include <QLatin1StringView>
#include <QString>
#include <QStringView>

// Element and attribute names compared as HTML compares them (ASCII case-insensitively), for
// the readers that walk HtmlTokenizer's tokens.
namespace HtmlNames {

inline bool isNamed(QStringView name, QLatin1StringView wanted)
{
    return name.compare(wanted, Qt::CaseInsensitive) == 0;
}

template<typename... Names>
bool isOneOf(QStringView name, Names... names)
{
    return (isNamed(name, QLatin1StringView(names)) || ...);
}

// The value of the token's attribute called name, character references decoded; empty when
// the tag has none.
inline QString attribute(const HtmlTokenizer::Token &token, QLatin1StringView name)
{
    for (const HtmlTokenizer::Attribute &a : token.attributes)
        if (a.name.compare(name, Qt::CaseInsensitive) == 0)
            return HtmlSanitizer::decodeEntities(a.value).trimmed();
    return {};
}

} // namespace HtmlNames
