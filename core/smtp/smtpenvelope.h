#pragma once

#include "common/mailerror.h"

#include <QString>
#include <QStringList>

// Who a message is from and to, as SMTP sees it (MAIL FROM and RCPT TO), apart from the
// message's own header fields. Addresses are bare ("alice@example.org"), without angle brackets;
// an empty sender is the null reverse-path "<>".
struct SmtpEnvelope
{
    QString from;
    QStringList recipients;

    // An address that can stand between the angle brackets of MAIL FROM or RCPT TO as it is:
    // no CR, LF, NUL or any other control character, no '<' and no '>'. Anything else could end
    // the command early and put a command of its own on the wire.
    static bool isSafeAddress(const QString &address);
    // The refusal (a policy error) of an address that is not safe, naming it with its control
    // characters made visible.
    static MailError unsafeAddressError(const QString &address);
};
