#pragma once

#include <QSet>
#include <QString>

// The Public Suffix List (publicsuffix.org): which domains the public registers, so that the
// domain a host name belongs to is found also under "co.uk" or "com.au" ("mx1.mail.example.co.uk"
// belongs to "example.co.uk", not to "co.uk"). Names are compared in their ASCII (punycode) form,
// as DNS answers them.
class PublicSuffixList
{
public:
    // Debian's copy (package publicsuffix).
    static QString systemFile();
    // The rules of a list file; an unreadable file gives an empty list.
    static PublicSuffixList fromFile(const QString &path);
    // The rules of a list's text (the file's format: one rule per line, "//" comments).
    static PublicSuffixList fromText(const QByteArray &text);

    bool isEmpty() const { return m_rules.isEmpty() && m_wildcards.isEmpty(); }
    // The public suffix of host: the longest matching rule, exceptions first, and the last label
    // when no rule matches.
    QString publicSuffix(const QString &host) const;
    // The public suffix and one label before it; empty when host is itself a public suffix.
    // With an empty list: the last two labels.
    QString registrableDomain(const QString &host) const;

private:
    QSet<QString> m_rules; // "co.uk"
    QSet<QString> m_wildcards; // "ck" for "*.ck"
    QSet<QString> m_exceptions; // "www.ck" for "!www.ck"
};
