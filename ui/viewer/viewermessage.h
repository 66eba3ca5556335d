#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// What the message viewer shows: plain values, filled by whoever decoded the message.
struct ViewerMessage
{
    struct Address
    {
        QString name;
        QString address;
        // "Name <address>", or whichever of the two is present.
        QString displayText() const
        {
            if (name.isEmpty())
                return address;
            if (address.isEmpty())
                return name;
            return name + QStringLiteral(" <") + address + QLatin1Char('>');
        }
    };

    struct InlineImage
    {
        QByteArray data;
        QString mimeType;
    };

    struct Attachment
    {
        QString partId; // how the attachment's bytes are asked for
        QString fileName;
        qint64 size = -1; // bytes, -1 when unknown
        QString mimeType;
    };

    Address from;
    QList<Address> to;
    QList<Address> cc;
    QDateTime date;
    QString subject;

    QString plainText;
    bool isFlowed = false; // format=flowed
    bool deleteSpace = false; // DelSp=yes
    QString html; // as sent, sanitised before display

    // Images referred to as cid:<Content-ID>, by Content-ID without angle brackets.
    QHash<QString, InlineImage> inlineImages;
    QList<Attachment> attachments;

    // What could not be checked or shown, for the reader (a signature not verified, an
    // encrypted part that cannot be read), as MessageContent notes it.
    QStringList notes;

    // The text is only the beginning of a longer one, too long to hold in memory: the whole
    // text's size in bytes; -1 when the text is here whole.
    qint64 heldBackTextSize = -1;
    // How much of it is here, in bytes.
    qint64 heldBackShownSize = 0;

    // The user allows remote content for this sender already.
    bool remoteContentAllowed = false;
};
