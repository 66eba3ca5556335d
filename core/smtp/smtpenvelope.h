#pragma once

#include <QString>
#include <QStringList>

// Who a message is from and to, as SMTP sees it (MAIL FROM and RCPT TO), apart from the
// message's own header fields. Addresses are bare ("alice@example.org"), without angle brackets;
// an empty sender is the null reverse-path "<>".
struct SmtpEnvelope
{
    QString from;
    QStringList recipients;
};
