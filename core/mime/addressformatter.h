#pragma once

#include "common/mailerror.h"
#include "outgoingmessage.h"

#include <QByteArray>
#include <QList>

// Writes mailboxes for address headers: display names as atoms, quoted strings or RFC 2047
// words, local parts quoted when needed, IDN domains in ACE form (QUrl::toAce). With
// SMTPUTF8 names and addresses stay UTF-8. An address with blanks, controls or delimiters in
// it is refused, so no value can end a header early.
class AddressFormatter
{
public:
    explicit AddressFormatter(bool smtpUtf8 = false)
        : m_smtpUtf8(smtpUtf8)
    { }

    MailError formatMailbox(const MailAddress &address, QByteArray *out) const;
    // Mailboxes separated by ", ".
    MailError formatList(const QList<MailAddress> &list, QByteArray *out) const;
    // A display name as a phrase (RFC 5322 section 3.2.5); empty for an empty name.
    QByteArray encodePhrase(const QString &name) const;

private:
    bool m_smtpUtf8 = false;
};
