#pragma once

#include "imapvalue.h"

#include <QByteArray>
#include <QByteArrayView>

// A cursor over the bytes of one complete response (line plus literals, as the framer hands it
// over). Reads the low-level tokens of RFC 3501 section 9; the typed readers sit on top of it.
// Errors are reported through ok()/errorMessage(): after the first error every read returns an
// empty value and the error stays.
class ImapLexer
{
public:
    static constexpr int MaxDepth = 48;

    explicit ImapLexer(QByteArrayView input);

    bool ok() const { return m_error.isEmpty(); }
    QByteArray errorMessage() const { return m_error; }
    void fail(const QByteArray &message);

    qsizetype position() const { return m_pos; }
    QByteArray slice(qsizetype from, qsizetype to) const
    {
        return m_input.sliced(from, to - from).toByteArray();
    }
    QByteArrayView view(qsizetype from, qsizetype to) const
    {
        return m_input.sliced(from, to - from);
    }
    // True at CRLF (or LF) or at the end of the input.
    bool atLineEnd() const;
    char peek() const { return m_pos < m_input.size() ? m_input.at(m_pos) : '\0'; }
    // True where a string starts: a quoted string, a literal or a literal8 ("~{").
    bool atString() const
    {
        const char c = peek();
        return c == '"' || c == '{'
               || (c == '~' && m_pos + 1 < m_input.size() && m_input.at(m_pos + 1) == '{');
    }
    // Consumes one space; lenient: several spaces count as one.
    bool skipSpace();
    bool consume(char c);
    // Consumes text if the input continues with it.
    bool consumeText(QByteArrayView text);

    // atom: any byte but SP, CTL, ( ) { " and, when stopAtBracket is set, ]. "[...]" and a
    // following "<...>" are kept inside the atom, so BODY[HEADER.FIELDS (A B)]<0> is one atom.
    QByteArray readAtom(bool stopAtBracket = false);
    // The same, as a view into the input (empty after an error).
    QByteArrayView readAtomView(bool stopAtBracket = false);
    // An nstring in place: a quoted string, a literal or NIL (a null QByteArray), with no value
    // node around it. False, with nothing consumed, when the next token is something else (or
    // after an error, see ok()).
    bool readNString(QByteArray *out);
    // NIL alone, as readValue() reads it (a three-letter atom, any case). False, with nothing
    // consumed, for anything else: an empty string, read as a null QByteArray too, is no NIL.
    bool readNil();
    // A quoted string with no escape in it, as a view into the input. False, with nothing
    // consumed, for anything else: the caller reads it with readNString().
    bool readPlainQuoted(QByteArrayView *out);
    // An atom of digits only, at most 19 of them, read as ImapValue::toNumber() reads one.
    // False for anything else; the caller rewinds what it may have consumed.
    bool readPlainNumber(quint64 *out);
    // One value: NIL, atom, quoted string, {n} or ~{n} literal, or a parenthesised list.
    ImapValue readValue(bool stopAtBracket = false);
    // The same for a value that sits depth lists deep in the response (the nesting limit counts
    // from the response, not from the value).
    ImapValue readValueAtDepth(int depth) { return readValueAt(depth, false); }
    // Goes back to an earlier position and forgets an error met since: for a reader that tried
    // a shortcut and hands the same bytes to a general one.
    void rewind(qsizetype position)
    {
        m_pos = position;
        m_error.clear();
    }
    // Values separated by spaces up to the end of the line (or up to ']' if stopAtBracket).
    QList<ImapValue> readValues(bool stopAtBracket = false);
    // The rest of the line, without the line end.
    QByteArray readText();
    // Checks that only the line end remains.
    void expectLineEnd();

private:
    ImapValue readValueAt(int depth, bool stopAtBracket);
    QByteArray readQuoted();
    QByteArray readLiteral();

    QByteArrayView m_input;
    qsizetype m_pos = 0;
    QByteArray m_error;
};
