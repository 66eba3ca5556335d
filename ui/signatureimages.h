#pragma once

#include "mime/outgoingmessage.h"

#include <QList>
#include <QString>

// The pictures of an HTML signature. A signature is kept as HTML in the settings, with its
// pictures in it as data: URLs (RFC 2397); in an editor, and in a message composed with it,
// each is an inline image referenced as cid: and sent as a part of its own.
class SignatureImages
{
public:
    // html as ComposerHtmlWriter writes it, with its cid: pictures (of images) made data: URLs.
    static QString embed(const QString &html, const QList<OutgoingAttachment> &images);
    // Takes the data: pictures out of html: each becomes a placeholder of plain text, and is
    // added to images as an inline image with a new content id. Not a picture: it goes.
    static QString extract(const QString &html, QList<OutgoingAttachment> *images);
    // Puts a cid: picture in place of each placeholder extract() left (in the same order).
    static QString insertReferences(const QString &html, const QList<OutgoingAttachment> &images);
};
