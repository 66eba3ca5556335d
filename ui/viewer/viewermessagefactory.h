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
    // The bytes of one attachment (by its partId, the IMAP section) after transfer decoding.
    static QByteArray attachmentData(const QByteArray &raw, const QString &partId);
};
