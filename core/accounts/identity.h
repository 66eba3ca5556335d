#pragma once

#include <QString>

// One sender identity of an account: the name and address put in From, and its signature.
struct Identity
{
    QString name;
    QString address;
    QString signature;

    bool operator==(const Identity &) const = default;
};
