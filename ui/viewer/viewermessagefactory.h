#pragma once

#include "viewer/viewermessage.h"

#include <QByteArray>

class MimePart;

// Turns a message as the server sent it into what the viewer shows: decoded headers, the body
// to display (plain and HTML when both exist), inline images by Content-ID and the attachments.
class ViewerMessageFactory
{
public:
    static ViewerMessage fromMessage(const QByteArray &raw);
    // The same from a part tree, parsed or built from a BODYSTRUCTURE with only the parts to
    // show fetched; attachments are listed with the size their structure declares.
    static ViewerMessage fromPart(const MimePart &root);
    // The bytes of one attachment (by its partId, the IMAP section) after transfer decoding.
    static QByteArray attachmentData(const QByteArray &raw, const QString &partId);
};
