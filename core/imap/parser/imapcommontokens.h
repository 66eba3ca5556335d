#pragma once

#include <QByteArray>
#include <QByteArrayView>

// The words nearly every BODYSTRUCTURE repeats ("text", "plain", "charset", "utf-8", "base64",
// "attachment", ...), shared instead of copied: a first synchronisation reads several per
// message, and a shared literal costs no allocation to make, copy or free.
namespace ImapCommonTokens {

// text in lower case (ASCII letters only, as QByteArray::toLower()); a null QByteArray for
// empty text, as the lexer reads an empty string.
QByteArray lowered(QByteArrayView text);
// text as sent, shared when it is one of the common parameter values.
QByteArray exact(QByteArrayView text);
// The section number of the index-th part (from 0) under prefix: "1", "2", "1.3".
QByteArray partNumber(const QByteArray &prefix, qsizetype index);

} // namespace ImapCommonTokens
