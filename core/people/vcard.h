#pragma once

#include "contact.h"

#include <QByteArray>
#include <QList>

// Contacts in and out of vCard files (.vcf, RFC 6350; version 3.0 files read the same way):
// each card's formatted name (FN, else N) with each of its EMAIL addresses.
namespace VCard {

// Every card of the file, one Contact per e-mail address; cards without an address are
// skipped. Folded lines, escapes and quoted-printable values (vCard 2.1) are undone.
QList<Contact> parse(const QByteArray &data);
// One vCard 4.0 card per contact, CRLF line ends, lines folded at 75 octets.
QByteArray write(const QList<Contact> &contacts);

} // namespace VCard
