#pragma once

#include <QDateTime>
#include <QString>

// One person of the address book: an address, the name last seen with it, how often the user
// wrote to it (or answered it) and when last.
struct Contact
{
    QString name;
    QString address;
    int uses = 0;
    QDateTime lastUsed; // invalid: never written to (imported)

    bool operator==(const Contact &) const = default;
};
