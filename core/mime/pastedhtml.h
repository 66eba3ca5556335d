#pragma once

#include <QString>
#include <QStringView>

// Cleans HTML pasted or dropped into the composer (typically copied from a web page) down to
// its structure: paragraphs, line breaks, headings, lists, block quotes, preformatted text,
// tables, bold, italic, underline and links to web and mail addresses. What a span's style
// said about weight, slant and underline becomes <b>, <i> and <u>; every other style, class,
// id and event attribute goes, and so do scripts, style sheets, frames, forms and objects with
// their content. Images are never fetched: each one becomes its alt text, or nothing.
// Links to anything but http, https and mailto lose their target and keep their text.
class PastedHtml
{
public:
    static QString clean(QStringView html);
};
