#pragma once

#include "imapcommand.h"
#include "parser/uidset.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Builds one IMAP command with correct quoting: atoms as they are, strings quoted when they
// fit, literals otherwise; synchronising literals unless the server offered LITERAL+ (or
// LITERAL- for literals up to 4096 bytes). Mailbox names are encoded in modified UTF-7
// (RFC 3501 5.1.3), or sent as UTF-8 once UTF8=ACCEPT is enabled.
//
//   ImapCommandBuilder b(options);
//   b.atom("UID").atom("FETCH").sequenceSet(uids).beginList().atom("FLAGS").endList();
//   ImapCommand cmd = b.build();
class ImapCommandBuilder
{
public:
    enum class LiteralMode { Synchronizing, NonSynchronizing, NonSynchronizingUpTo4k };

    struct Options
    {
        LiteralMode literalMode = LiteralMode::Synchronizing;
        bool utf8Accept = false; // UTF8=ACCEPT enabled: names and strings may be UTF-8
    };

    ImapCommandBuilder() = default;
    explicit ImapCommandBuilder(Options options);

    // An atom or keyword, written as is (the caller guarantees it is a valid atom).
    ImapCommandBuilder &atom(QByteArrayView atom);
    ImapCommandBuilder &number(quint64 n);
    // astring: an atom when the bytes allow it, else a quoted string, else a literal.
    ImapCommandBuilder &astring(QByteArrayView bytes);
    // string: quoted when possible, else a literal.
    ImapCommandBuilder &string(QByteArrayView bytes);
    // Always a literal; binary uses the literal8 form ~{n} (RFC 3516), which may hold NUL.
    ImapCommandBuilder &literal(QByteArrayView bytes, bool binary = false);
    // A literal of prefix followed by the fileSize bytes of the file at path, which the
    // connection reads while sending it (ImapCommand::fileLiteral()). One per command.
    ImapCommandBuilder &fileLiteral(QByteArrayView prefix, const QString &path, qint64 fileSize);
    ImapCommandBuilder &mailbox(const QString &name);
    ImapCommandBuilder &sequenceSet(const UidSet &set);
    ImapCommandBuilder &beginList();
    ImapCommandBuilder &endList();
    // Bytes written with no quoting and no separator handling (e.g. "BODY.PEEK[1.2]<0.1024>").
    ImapCommandBuilder &raw(QByteArrayView bytes);

    ImapCommand build() const;

    static QByteArray quoted(QByteArrayView bytes);
    static bool isAtom(QByteArrayView bytes);
    static QByteArray encodeMailboxName(const QString &name);
    // Decodes modified UTF-7; bytes that are not valid modified UTF-7 are read as UTF-8.
    static QString decodeMailboxName(QByteArrayView name, bool utf8Accept = false);

private:
    void separate();
    bool fitsQuoted(QByteArrayView bytes) const;

    Options m_options;
    QList<QByteArray> m_parts {QByteArray()};
    ImapCommand::FileLiteral m_fileLiteral;
    bool m_needSpace = false;
};
