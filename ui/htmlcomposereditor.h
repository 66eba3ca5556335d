#pragma once

#include "mime/outgoingmessage.h"

#include <QList>
#include <QTextEdit>

// The body editor of the composer. In HTML mode (acceptRichText()) it holds inline images,
// sent as cid: parts beside the HTML, and it cleans what is pasted or dropped (PastedHtml):
// structure stays, scripts, styles and remote references go. In plain-text mode a paste is
// its text.
class HtmlComposerEditor : public QTextEdit
{
    Q_OBJECT
public:
    explicit HtmlComposerEditor(QWidget *parent = nullptr);

    // Inserts the picture of file path at the cursor, as an inline image. Returns an error text,
    // or an empty one.
    QString insertImageFile(const QString &path);
    // Inserts the picture data (named fileName) at the cursor. Returns the content id it got,
    // empty when data is no picture Qt can show.
    QByteArray insertImage(const QByteArray &bytes, const QString &fileName);
    // Makes an inline image known (of a draft opened again) without inserting it.
    void addInlineImage(const OutgoingAttachment &image);
    // The inline images the text still shows, in the order they first appear, as parts to send.
    QList<OutgoingAttachment> inlineImages() const;

    // The body as HTML to send (ComposerHtmlWriter).
    QString composedHtml() const;
    // Whether anything in the text has a format that plain text cannot keep.
    bool hasFormatting() const;

    // The quote level of the blocks of the selection (of the cursor's block) goes up or down.
    void changeQuoteLevel(int delta);
    // Turns the marks of lines quoted in plain text ("> ", nested "> > " or ">> ") into quote
    // levels, as when a plain-text message becomes HTML.
    void quotePlainLines();
    // Makes the selection (or text, inserted at the cursor when nothing is selected) a link.
    void setLink(const QString &text, const QUrl &url);

protected:
    void insertFromMimeData(const QMimeData *source) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;

private:
    QList<OutgoingAttachment> m_images;
};
