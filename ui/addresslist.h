#pragma once

#include "mime/outgoingmessage.h"

#include <QList>
#include <QString>

// Turns what the user typed in To/Cc/Bcc into mailboxes and back. A simple splitter (commas
// and semicolons outside quotes and angle brackets, "Name <addr>" or a bare address); it is the
// one place to hand over to the RFC 5322 parser of core/mime.
namespace AddressList {

QList<MailAddress> parse(const QString &text);
QString format(const QList<MailAddress> &addresses);
QString format(const MailAddress &address);
// A plausible address: one "@" with text on both sides, no spaces or brackets.
bool isPlausibleAddress(const QString &address);

} // namespace AddressList
