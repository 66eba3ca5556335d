#pragma once

#include <QString>
#include <QStringView>

// Splits CSS into tokens as CSS Syntax Level 3 (section 4) defines them, comments included as
// tokens of their own: every character of the input belongs to exactly one token, so the
// source text of the tokens, in order, is the input. Escapes are decoded into value (the name
// of an ident, function, at-keyword or hash, the text of a string or url), never in the source.
//
// The input is read as the specification's preprocessing reads it: CR, FF and CR LF are line
// breaks; NUL and lone surrogates stand for U+FFFD in values.
class CssTokenizer
{
public:
    struct Token
    {
        enum class Kind {
            Ident,
            Function, // name "(" (value: the name)
            AtKeyword,
            Hash,
            String,
            BadString,
            Url,
            BadUrl,
            Delim,
            Number,
            Percentage,
            Dimension,
            Whitespace,
            Cdo, // <!--
            Cdc, // -->
            Colon,
            Semicolon,
            Comma,
            OpenSquare,
            CloseSquare,
            OpenParen,
            CloseParen,
            OpenCurly,
            CloseCurly,
            Comment,
            End,
        };
        Kind kind = Kind::End;
        qsizetype start = 0; // where its source text lies in the input
        qsizetype end = 0;
        QString value;
    };

    explicit CssTokenizer(QStringView css)
        : m_css(css)
    { }

    Token next();

private:
    char32_t at(qsizetype pos) const;
    qsizetype lineBreakLength(qsizetype pos) const;
    bool isValidEscape(qsizetype pos) const;
    bool startsIdent(qsizetype pos) const;
    bool startsNumber(qsizetype pos) const;
    char32_t consumeEscape(); // m_pos just past the backslash
    QString consumeName();
    void consumeNumber();
    Token consumeNumeric(qsizetype start);
    Token consumeIdentLike(qsizetype start);
    Token consumeString(qsizetype start, char32_t quote);
    Token consumeUrl(qsizetype start);
    void consumeBadUrlRemnants();
    Token make(Token::Kind kind, qsizetype start, const QString &value = QString()) const;

    QStringView m_css;
    qsizetype m_pos = 0;
};
