#pragma once

#include <QByteArray>
#include <QList>

// One node of a parsed IMAP response: NIL, an atom, a string (quoted or literal) or a
// parenthesised list. Accessors are checked: asking a node for something it is not gives an
// empty value (or false through the ok flag), and at() past the end gives an Absent node, so
// typed readers never index out of range.
class ImapValue
{
public:
    enum class Type { Absent, Nil, Atom, String, List };

    ImapValue() = default;
    static ImapValue nil();
    static ImapValue atom(QByteArray text);
    static ImapValue string(QByteArray bytes, bool literal = false);
    static ImapValue list(QList<ImapValue> items);

    Type type() const { return m_type; }
    bool isAbsent() const { return m_type == Type::Absent; }
    bool isNil() const { return m_type == Type::Nil; }
    bool isAtom() const { return m_type == Type::Atom; }
    bool isString() const { return m_type == Type::String; }
    bool isList() const { return m_type == Type::List; }
    bool isLiteral() const { return m_literal; }

    // The atom's text, or empty.
    QByteArray atomText() const { return isAtom() ? m_bytes : QByteArray(); }
    // The atom's text in upper case (keywords are case-insensitive).
    QByteArray keyword() const { return isAtom() ? m_bytes.toUpper() : QByteArray(); }
    // A string's bytes, or empty.
    QByteArray stringBytes() const { return isString() ? m_bytes : QByteArray(); }
    // astring: an atom or a string.
    bool isAString() const { return isAtom() || isString(); }
    QByteArray astring() const { return isAString() ? m_bytes : QByteArray(); }
    // nstring: a string or NIL (NIL gives a null QByteArray).
    bool isNString() const { return isString() || isNil(); }
    QByteArray nstring() const { return isString() ? m_bytes : QByteArray(); }

    // A non-negative number written as an atom (or, leniently, as a quoted string of digits).
    bool isNumber() const;
    quint64 toNumber(bool *ok = nullptr) const;
    // number = 1*DIGIT, at most 19 digits so that it fits: false for anything else.
    static bool parseNumber(QByteArrayView digits, quint64 *value);

    const QList<ImapValue> &items() const;
    qsizetype size() const { return m_items.size(); }
    const ImapValue &at(qsizetype index) const;

    // Back to a compact IMAP-like text, for logs and tests.
    QByteArray toDebugString() const;

private:
    Type m_type = Type::Absent;
    bool m_literal = false;
    QByteArray m_bytes;
    QList<ImapValue> m_items;
};
