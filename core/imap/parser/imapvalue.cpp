#include "imapvalue.h"

ImapValue ImapValue::nil()
{
    ImapValue v;
    v.m_type = Type::Nil;
    return v;
}

ImapValue ImapValue::atom(QByteArray text)
{
    ImapValue v;
    v.m_type = Type::Atom;
    v.m_bytes = std::move(text);
    return v;
}

ImapValue ImapValue::string(QByteArray bytes, bool literal)
{
    ImapValue v;
    v.m_type = Type::String;
    v.m_bytes = std::move(bytes);
    v.m_literal = literal;
    return v;
}

ImapValue ImapValue::list(QList<ImapValue> items)
{
    ImapValue v;
    v.m_type = Type::List;
    v.m_items = std::move(items);
    return v;
}

bool ImapValue::isNumber() const
{
    bool ok = false;
    toNumber(&ok);
    return ok;
}

bool ImapValue::parseNumber(QByteArrayView digits, quint64 *value)
{
    if (digits.isEmpty() || digits.size() > 19)
        return false;
    quint64 n = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + quint64(c - '0');
    }
    *value = n;
    return true;
}

quint64 ImapValue::toNumber(bool *ok) const
{
    quint64 value = 0;
    const bool read = (isAtom() || isString()) && parseNumber(m_bytes, &value);
    if (ok)
        *ok = read;
    return read ? value : 0;
}

const QList<ImapValue> &ImapValue::items() const
{
    return m_items;
}

const ImapValue &ImapValue::at(qsizetype index) const
{
    static const ImapValue absent;
    if (index < 0 || index >= m_items.size())
        return absent;
    return m_items.at(index);
}

QByteArray ImapValue::toDebugString() const
{
    switch (m_type) {
    case Type::Absent:
        return QByteArray();
    case Type::Nil:
        return QByteArray("NIL");
    case Type::Atom:
        return m_bytes;
    case Type::String:
        if (m_literal)
            return '{' + QByteArray::number(m_bytes.size()) + "}" + m_bytes;
        return '"' + QByteArray(m_bytes).replace('\\', "\\\\").replace('"', "\\\"") + '"';
    case Type::List: {
        QByteArray out = "(";
        for (qsizetype i = 0; i < m_items.size(); ++i) {
            if (i)
                out += ' ';
            out += m_items.at(i).toDebugString();
        }
        return out + ')';
    }
    }
    return QByteArray();
}
