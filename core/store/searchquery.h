#pragma once

#include <QDate>
#include <QString>
#include <QStringList>
#include <QVariantList>

// The text of a column as the full-text index holds it, in SQL: SearchQuery::fold() for the
// header columns the index fills from the messages table (schema migration 11, SearchIndex).
#define HERON_SEARCH_FOLD(column) \
    "replace(replace(replace(replace(replace(replace(replace(replace(" column \
    ", 'ä', 'ae'), 'Ä', 'Ae'), 'ö', 'oe'), 'Ö', 'Oe'), 'ü', 'ue'), 'Ü', 'Ue'), 'ß', 'ss')," \
    " 'ẞ', 'SS')"

// What a user typed into the search field, read as people expect from a mail search:
//   words and "quoted phrases"       anywhere in subject, sender, recipients or body
//   from:, to:, subject:             in that field only (to: covers Cc as well)
//   has:attachment                   messages with attachments
//   is:unread, is:read, is:flagged   by state
//   before:2026-01-31, after:...     by date (the sender's date, local time): before the day,
//                                    from the day on
// Every term must match. Words match by prefix, regardless of case and diacritics, and German
// spellings meet: "muenchen" finds "München", "strasse" finds "Straße" (fold()).
class SearchQuery
{
public:
    static SearchQuery parse(const QString &text);

    // The text as the index compares it: umlauts written as their two-letter forms and ß as
    // ss; the tokenizer then folds case and the remaining diacritics.
    static QString fold(QStringView text);

    bool isEmpty() const;
    // The FTS5 MATCH expression of the text terms; empty when there are none.
    QString ftsMatch() const;
    // SQL conditions on the messages table for the terms that are not text (" AND ..." each),
    // and the values they take, in order.
    // flags is what to read for the flags column (UnwrittenChanges::flagsExpression()).
    QString sqlConditions(const QString &flags = QStringLiteral("flags")) const;
    QVariantList sqlValues() const;
    // How many of those conditions there are.
    int conditionCount() const;

    QStringList words; // free words and phrases, as typed
    QStringList from;
    QStringList to;
    QStringList subject;
    bool hasAttachment = false;
    bool unread = false;
    bool read = false;
    bool flagged = false;
    QDate before; // invalid: no bound
    QDate after;
};
