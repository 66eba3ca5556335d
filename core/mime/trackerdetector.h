#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

// Decides whether a remote image in a message is there to report that the message was opened:
// a pixel of 1×1 or an image hidden by its size or style, an address of a known tracking
// service, or an address that carries a token naming the recipient (the recipient's address in
// plain, percent-encoded, Base64 or hashed form, or an opaque identifier in a query parameter
// named for the purpose). Such images stay blocked even when the user loads the rest.
//
// Pure: depends on QtCore alone, so that it can be tested row by row.
class TrackerDetector
{
public:
    enum class Kind {
        None,
        KnownService, // serviceName says which
        Pixel, // at most 1×1 by its attributes or style
        Hidden, // display:none, visibility:hidden, zero opacity or zero size
        RecipientToken, // the URL names the recipient
    };

    struct Verdict
    {
        Kind kind = Kind::None;
        QString serviceName; // for KnownService
        bool isTracker() const { return kind != Kind::None; }
    };

    // The addresses the message was sent to (the user's own), for recognising tokens made of them.
    void setRecipients(const QStringList &addresses);
    QStringList recipients() const { return m_recipients; }

    // An image as written: its URL (entities decoded), its width and height attributes and its
    // style attribute (any of them may be empty).
    Verdict classifyImage(QStringView url, QStringView width, QStringView height,
                          QStringView style) const;
    // A remote reference without size or style (a CSS background, for instance).
    Verdict classifyUrl(QStringView url) const;

    // The service a host belongs to ("Mailchimp"), empty when it is not a known tracker.
    static QString knownService(QStringView host, QStringView path);

private:
    bool namesRecipient(QStringView url) const;

    QStringList m_recipients; // lower case
    QList<QByteArray> m_recipientForms; // every encoding of every recipient, lower case
};
