#include "smtpenvelope.h"

#include <QCoreApplication>

bool SmtpEnvelope::isSafeAddress(const QString &address)
{
    for (QChar c : address) {
        if (c == u'<' || c == u'>' || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

MailError SmtpEnvelope::unsafeAddressError(const QString &address)
{
    QString shown;
    for (QChar c : address) {
        if (c.category() == QChar::Other_Control)
            shown += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            shown += c;
    }
    return MailError(MailError::Kind::Policy,
                     QCoreApplication::translate("SmtpEnvelope",
                                                 "The address \"%1\" holds characters that no "
                                                 "address may hold; nothing was sent")
                             .arg(shown));
}
