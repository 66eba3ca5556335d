#pragma once

#include <QString>

class QTextBlockFormat;
class QTextDocument;

// Writes the HTML of a message composed in a QTextDocument: short, plain markup that every mail
// client shows alike, instead of QTextDocument::toHtml()'s styled paragraphs. Each block becomes
// a <div> (an empty one holds a <br>), list items <li> in <ul> or <ol>, quote levels nested
// <blockquote type="cite">, character formats <b>, <i>, <u> and <a href>, images <img> with the
// image's name as source (cid: for the composer's inline images).
//
// The quote level of a block is kept in its format: the QTextFormat::BlockQuoteLevel property,
// with the left margin showing it (Qt's own HTML import marks every nested <blockquote> as level
// 1 and only widens the margin, so the margin decides there).
class ComposerHtmlWriter
{
public:
    static QString write(const QTextDocument *document);
    // The markup inside <body> alone.
    static QString writeBody(const QTextDocument *document);

    static int quoteLevel(const QTextBlockFormat &format);
    static void setQuoteLevel(QTextBlockFormat *format, int level);
    // The indentation, in pixels, of one quote level.
    static constexpr int quoteIndent = 40;
};
