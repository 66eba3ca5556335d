#include "serversearchcriteria.h"

#include "imap/imapcommandbuilder.h"

#include <QDate>
#include <QLocale>

#include <algorithm>

namespace {

QString unfold(QString text)
{
    // The reverse of SearchQuery::fold(), for a server that compares as written.
    for (const auto &[from, to] :
         {std::pair {"ae", "ä"}, std::pair {"oe", "ö"}, std::pair {"ue", "ü"}, std::pair {"Ae", "Ä"},
          std::pair {"Oe", "Ö"}, std::pair {"Ue", "Ü"}, std::pair {"ss", "ß"}}) {
        text.replace(QString::fromUtf8(from), QString::fromUtf8(to));
    }
    return text;
}

QByteArray imapDate(const QDate &date)
{
    // RFC 3501 date: 1-Feb-2026, English month names whatever the locale.
    return QLocale::c().toString(date, QStringLiteral("d-MMM-yyyy")).toLatin1();
}

// key "text": one criterion, or OR of each spelling (OR takes two keys, so they nest).
void writeText(ImapCommandBuilder &b, QByteArrayView key, const QString &text)
{
    const QStringList variants = ServerSearchCriteria::spellings(text);
    for (qsizetype i = 0; i + 1 < variants.size(); ++i)
        b.atom("OR");
    for (const QString &variant : variants)
        b.atom(key).string(variant.toUtf8());
}

bool isAscii(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

} // namespace

QStringList ServerSearchCriteria::spellings(const QString &word)
{
    QStringList result {word};
    for (const QString &variant : {SearchQuery::fold(word), unfold(word)}) {
        if (!result.contains(variant))
            result.append(variant);
    }
    return result;
}

bool ServerSearchCriteria::isSearchable(const SearchQuery &query)
{
    return !query.words.isEmpty() || !query.from.isEmpty() || !query.to.isEmpty()
           || !query.subject.isEmpty() || query.unread || query.read || query.flagged
           || query.before.isValid() || query.after.isValid();
}

void ServerSearchCriteria::write(const SearchQuery &query, ImapCommandBuilder &b)
{
    QStringList texts = query.words + query.from + query.to + query.subject;
    for (const QString &text : std::as_const(texts)) {
        // Any spelling may carry an umlaut.
        if (!isAscii(text) || spellings(text).size() > 1) {
            b.atom("CHARSET").atom("UTF-8");
            break;
        }
    }
    bool any = false;
    for (const QString &word : query.words) {
        writeText(b, "TEXT", word);
        any = true;
    }
    for (const QString &from : query.from) {
        writeText(b, "FROM", from);
        any = true;
    }
    for (const QString &to : query.to) {
        // To or Cc, in every spelling.
        b.atom("OR");
        writeText(b, "TO", to);
        writeText(b, "CC", to);
        any = true;
    }
    for (const QString &subject : query.subject) {
        writeText(b, "SUBJECT", subject);
        any = true;
    }
    if (query.unread) {
        b.atom("UNSEEN");
        any = true;
    }
    if (query.read) {
        b.atom("SEEN");
        any = true;
    }
    if (query.flagged) {
        b.atom("FLAGGED");
        any = true;
    }
    if (query.before.isValid()) {
        b.atom("SENTBEFORE").atom(imapDate(query.before));
        any = true;
    }
    if (query.after.isValid()) {
        b.atom("SENTSINCE").atom(imapDate(query.after));
        any = true;
    }
    if (!any)
        b.atom("ALL");
}
