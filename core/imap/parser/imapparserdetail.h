#pragma once

// Internal to the parser: the typed readers behind ImapParser::parse().

#include "imapbodypart.h"
#include "imapenvelope.h"
#include "imapfetch.h"
#include "imaplexer.h"
#include "imapresponse.h"
#include "imapresponsecode.h"

#include <QByteArray>
#include <QDateTime>

namespace ImapParserDetail {

// Thrown by the typed readers, caught in ImapParser::parse(); never leaves the parser.
struct Failure
{
    QByteArray message;
};

[[noreturn]] void fail(const QByteArray &message);
void check(const ImapLexer &lexer);
quint32 toNumber32(const ImapValue &value, const char *what);
quint64 toNumber64(const ImapValue &value, const char *what);

ImapResponseCode readResponseCode(ImapLexer &lexer);
ImapFetch readFetch(ImapLexer &lexer, quint32 sequence);
ImapEnvelope readEnvelope(const ImapValue &value);
ImapEnvelope readEnvelope(ImapLexer &lexer);
ImapBodyPart readBodyPart(const ImapValue &value, const QByteArray &number, int depth);
// A body structure read from the lexer (imapbodystructureparser.cpp): in place for the common
// layout, else through readBodyPart(). top: the whole BODYSTRUCTURE, numbered as a message.
ImapBodyPart readBodyStructure(ImapLexer &lexer, const QByteArray &number, int depth,
                               bool top = false);
QDateTime readInternalDate(QByteArrayView text);

ImapResponse readListing(const QList<ImapValue> &values, bool lsub);
ImapResponse readMailboxStatus(const QList<ImapValue> &values);
ImapResponse readSearch(const QList<ImapValue> &values);
ImapResponse readESearch(const QList<ImapValue> &values);
ImapResponse readNamespace(const QList<ImapValue> &values);
ImapResponse readId(const QList<ImapValue> &values);
ImapResponse readVanished(const QList<ImapValue> &values);
QList<QByteArray> readAtomList(const QList<ImapValue> &values, bool upper);

} // namespace ImapParserDetail
