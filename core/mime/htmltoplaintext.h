#pragma once

#include <QString>
#include <QStringView>

// Turns composed HTML into the text/plain alternative sent beside it:
//   paragraphs and <div>s become lines (a <p> is followed by an empty line), <br> a line break;
//   bulleted list items start with "- ", numbered ones with "1. ", "2. ", ... (nested lists
//   indented by two spaces per level);
//   each level of <blockquote> puts "> " before its lines (">" alone on an empty one);
//   a link becomes "text <url>", or the bare URL when its text is the URL itself (a mailto:
//   link whose text is the address gives the address);
//   an image gives its alt text, if any; scripts, styles and the head give nothing.
// White space collapses as a browser collapses it, except inside <pre>; character references
// are decoded. One pass over the tokens, linear in the size of the input.
class HtmlToPlainText
{
public:
    static QString convert(QStringView html);
};
