#pragma once

#include "originalmessage.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// Builds the starting text of replies and forwards from an original message.
class MessageQuoter
{
    Q_DECLARE_TR_FUNCTIONS(MessageQuoter)
public:
    // "On <date>, <sender> wrote:", the date in the reader's time zone and locale.
    static QString attribution(const OriginalMessage &original);
    // The attribution line, then every line of the plain body prefixed with "> ".
    static QString quotePlain(const OriginalMessage &original);
    // The attribution paragraph and the body (HTML, or escaped plain text) in a blockquote.
    static QString quoteHtml(const OriginalMessage &original);
    // A "Forwarded Message" header block followed by the original plain body.
    static QString forwardPlain(const OriginalMessage &original);
    // The line a forwarded message begins with ("-------- Forwarded Message --------").
    static QString forwardSeparator();
    static QString forwardHtml(const OriginalMessage &original);

    // "Re: subject", without stacking prefixes.
    static QString replySubject(const QString &subject);
    // "Fwd: subject".
    static QString forwardSubject(const QString &subject);

    // Who a reply goes to. Reply: Reply-To or From. Reply all: also To and Cc into Cc, minus
    // the user's own addresses and duplicates.
    static QList<MailAddress> replyRecipients(const OriginalMessage &original);
    static QList<MailAddress> replyAllCc(const OriginalMessage &original,
                                         const QStringList &ownAddresses);
    // In-Reply-To and References for a reply.
    static QList<QByteArray> replyReferences(const OriginalMessage &original);
};
