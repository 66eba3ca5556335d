#pragma once

#include <QStringView>
#include <QVarLengthArray>

#include <new>
#include <utility>

// Splits HTML into text, tags and CDATA sections, tolerant of what real mail contains:
// unquoted and unterminated attribute values, stray "<", comments of every shape, uppercase
// names. Comments, doctypes and processing instructions are skipped. A tag cut off by the end
// of the input is dropped with the rest of the input. One pass: each character is looked at a
// bounded number of times, so the work is linear in the size of the input.
//
// The token's views point into the input, which must outlive the tokenizer.
class HtmlTokenizer
{
public:
    struct Attribute
    {
        QStringView name;
        QStringView value; // as written, character references not decoded
    };

    struct Token
    {
        enum class Kind { Text, StartTag, EndTag, Cdata, End };
        Kind kind = Kind::End;
        QStringView text; // text, CDATA content, or the tag name as written
        QVarLengthArray<Attribute, 8> attributes;

        Token() = default;
        Token(const Token &) = default;
        Token(Token &&) noexcept = default;
        Token &operator=(const Token &) = default;
        // Qt 6.4's QVarLengthArray move assignment drops the heap buffer it held when it takes
        // over another's (a leak for every tag of more than 8 attributes that follows another;
        // later Qt fixed it): the attributes are moved by construction instead.
        Token &operator=(Token &&other) noexcept
        {
            if (this != &other) {
                kind = other.kind;
                text = other.text;
                attributes.~QVarLengthArray();
                new (&attributes) QVarLengthArray<Attribute, 8>(std::move(other.attributes));
            }
            return *this;
        }
    };

    explicit HtmlTokenizer(QStringView input)
        : m_in(input)
    { }

    // The next token; Kind::End once the input is used up.
    Token next();

    // The raw text of an element like <script> or <style> whose start tag was just returned:
    // everything up to its end tag (matched case-insensitively), which is consumed too.
    QStringView rawText(QStringView name);

    static bool isBlank(QChar c)
    {
        return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f';
    }

private:
    void skipPast(QStringView terminator, qsizetype from);
    Token text();
    Token tag(Token::Kind kind);
    bool atEnd() const { return m_pos >= m_in.size(); }
    void skipBlanks();

    QStringView m_in;
    qsizetype m_pos = 0;
};
