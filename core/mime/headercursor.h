#pragma once

#include <QByteArray>
#include <QByteArrayView>

// A read position over the bytes of one unfolded header value, with the lexical pieces of
// RFC 5322 section 3.2 that every structured header parser needs. Lenient: an unterminated
// quoted string or comment ends at the end of the input instead of failing.
class HeaderCursor
{
public:
    explicit HeaderCursor(QByteArrayView data)
        : m_data(data)
    { }

    bool atEnd() const { return m_pos >= m_data.size(); }
    char peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_data.size() ? m_data.at(m_pos + ahead) : '\0';
    }
    void advance(qsizetype n = 1) { m_pos = qMin(m_pos + n, m_data.size()); }
    qsizetype position() const { return m_pos; }
    void setPosition(qsizetype pos) { m_pos = qBound(qsizetype(0), pos, m_data.size()); }
    QByteArrayView data() const { return m_data; }
    QByteArrayView rest() const { return m_data.sliced(m_pos); }

    bool consume(char c);
    // FWS = ([*WSP CRLF] 1*WSP) / obs-FWS, also accepting a bare LF.
    void skipWhitespace();
    // CFWS = (1*([FWS] comment) [FWS]) / FWS; the text of the last comment is kept when
    // lastComment is given (old-style "addr (Name)" mailboxes).
    void skipCfws(QByteArray *lastComment = nullptr);
    // comment = "(" *([FWS] ccontent) [FWS] ")"; ccontent = ctext / quoted-pair / comment.
    // The cursor is on "(".
    QByteArray readComment();
    // quoted-string = [CFWS] DQUOTE *([FWS] qcontent) [FWS] DQUOTE [CFWS]; the cursor is on
    // the opening quote. Returns the content with quoted pairs resolved.
    QByteArray readQuotedString();
    // atom = [CFWS] 1*atext [CFWS], without the CFWS. extra lists further accepted bytes
    // (e.g. "." for dot-atom and obs-phrase). Bytes >= 0x80 count as atext (RFC 6532).
    QByteArray readAtom(QByteArrayView extra = {});
    // token per RFC 2045: any CHAR except SPACE, CTLs and tspecials.
    QByteArray readToken();

    static bool isAtext(char c);
    static bool isTokenChar(char c);
    static bool isWhitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

private:
    QByteArrayView m_data;
    qsizetype m_pos = 0;
};
