#pragma once

#include <QList>

#include <optional>

// A SEARCH response: the matching numbers (UIDs for UID SEARCH), with the CONDSTORE modseq.
struct ImapSearch
{
    QList<quint32> numbers;
    std::optional<quint64> modSeq;
};
