#pragma once

#include "uidset.h"

#include <QByteArray>

#include <optional>

// An ESEARCH response (RFC 4731): "* ESEARCH (TAG "A1") UID MIN 2 MAX 9 COUNT 4 ALL 2:4,9".
struct ImapESearch
{
    QByteArray tag; // the correlator: the tag of the command it answers
    bool uid = false;
    std::optional<quint32> min;
    std::optional<quint32> max;
    std::optional<quint32> count;
    UidSet all;
    std::optional<quint64> modSeq;
};
