#include "searchquery.h"

#include <QDateTime>

#include <algorithm>

namespace {

// Splits text into terms: runs of non-blanks, where a double quote opens a phrase that runs to
// the next one ('subject:"annual report"' is one term).
QStringList splitTerms(const QString &text)
{
    QStringList terms;
    QString current;
    bool quoted = false;
    for (const QChar c : text) {
        if (c == u'"') {
            quoted = !quoted;
            current += c;
        } else if (!quoted && c.isSpace()) {
            if (!current.isEmpty())
                terms.append(std::exchange(current, {}));
        } else {
            current += c;
        }
    }
    if (!current.isEmpty())
        terms.append(current);
    return terms;
}

QString unquote(QString value)
{
    value.remove(QLatin1Char('"'));
    return value.simplified();
}

bool hasWordCharacter(const QString &text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.isLetterOrNumber(); });
}

// One FTS5 term: the folded text as a quoted phrase, matched by prefix; empty when the text has
// nothing the tokenizer keeps.
QString ftsTerm(const QString &text, const QString &column = {})
{
    if (!hasWordCharacter(text))
        return {};
    QString quoted = SearchQuery::fold(text);
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    QString term = QLatin1Char('"') + quoted + QLatin1String("\"*");
    return column.isEmpty() ? term : column + QLatin1String(" : ") + term;
}

QDate parseDate(const QString &value)
{
    for (const QString &format : {QStringLiteral("yyyy-MM-dd"), QStringLiteral("yyyy/MM/dd"),
                                  QStringLiteral("yyyy-M-d"), QStringLiteral("yyyy/M/d")}) {
        const QDate date = QDate::fromString(value, format);
        if (date.isValid())
            return date;
    }
    return {};
}

} // namespace

QString SearchQuery::fold(QStringView text)
{
    static const QString special = QStringLiteral("äÄöÖüÜßẞ");
    QString result = text.toString();
    // Decomposed umlauts (u + combining diaeresis) become the precomposed ones first.
    if (std::any_of(result.cbegin(), result.cend(), [](QChar c) { return c.unicode() >= 0x300; }))
        result = result.normalized(QString::NormalizationForm_C);
    if (std::none_of(result.cbegin(), result.cend(), [](QChar c) { return special.contains(c); }))
        return result;
    result.replace(QStringLiteral("ä"), QStringLiteral("ae"));
    result.replace(QStringLiteral("Ä"), QStringLiteral("Ae"));
    result.replace(QStringLiteral("ö"), QStringLiteral("oe"));
    result.replace(QStringLiteral("Ö"), QStringLiteral("Oe"));
    result.replace(QStringLiteral("ü"), QStringLiteral("ue"));
    result.replace(QStringLiteral("Ü"), QStringLiteral("Ue"));
    result.replace(QStringLiteral("ß"), QStringLiteral("ss"));
    result.replace(QStringLiteral("ẞ"), QStringLiteral("SS"));
    return result;
}

SearchQuery SearchQuery::parse(const QString &text)
{
    SearchQuery query;
    for (const QString &term : splitTerms(text)) {
        const qsizetype colon = term.indexOf(QLatin1Char(':'));
        const QString key = colon > 0 ? term.left(colon).toLower() : QString();
        const QString value = colon > 0 ? unquote(term.mid(colon + 1)) : QString();
        const QString lowerValue = value.toLower();
        if (key == QLatin1String("from") && !value.isEmpty()) {
            query.from.append(value);
        } else if ((key == QLatin1String("to") || key == QLatin1String("cc")) && !value.isEmpty()) {
            query.to.append(value);
        } else if (key == QLatin1String("subject") && !value.isEmpty()) {
            query.subject.append(value);
        } else if (key == QLatin1String("has")
                   && (lowerValue == QLatin1String("attachment")
                       || lowerValue == QLatin1String("attachments"))) {
            query.hasAttachment = true;
        } else if (key == QLatin1String("is") && lowerValue == QLatin1String("unread")) {
            query.unread = true;
        } else if (key == QLatin1String("is") && lowerValue == QLatin1String("read")) {
            query.read = true;
        } else if (key == QLatin1String("is")
                   && (lowerValue == QLatin1String("flagged")
                       || lowerValue == QLatin1String("starred"))) {
            query.flagged = true;
        } else if (key == QLatin1String("before") && parseDate(value).isValid()) {
            query.before = parseDate(value);
        } else if (key == QLatin1String("after") && parseDate(value).isValid()) {
            query.after = parseDate(value);
        } else {
            const QString word = unquote(term);
            if (!word.isEmpty())
                query.words.append(word);
        }
    }
    return query;
}

bool SearchQuery::isEmpty() const
{
    return ftsMatch().isEmpty() && sqlConditions().isEmpty();
}

QString SearchQuery::ftsMatch() const
{
    QStringList terms;
    const auto add = [&terms](const QStringList &values, const QString &column) {
        for (const QString &value : values) {
            const QString term = ftsTerm(value, column);
            if (!term.isEmpty())
                terms.append(term);
        }
    };
    add(words, {});
    add(from, QStringLiteral("sender"));
    add(to, QStringLiteral("recipients"));
    add(subject, QStringLiteral("subject"));
    return terms.join(QLatin1Char(' '));
}

QString SearchQuery::sqlConditions(const QString &flags) const
{
    QString sql;
    if (hasAttachment)
        sql += QStringLiteral(" AND has_attachments != 0");
    if (unread)
        sql += QStringLiteral(" AND (") + flags + QStringLiteral(" & 1) = 0");
    if (read)
        sql += QStringLiteral(" AND (") + flags + QStringLiteral(" & 1) != 0");
    if (flagged)
        sql += QStringLiteral(" AND (") + flags + QStringLiteral(" & 4) != 0");
    if (before.isValid())
        sql += QStringLiteral(" AND sort_date < ?");
    if (after.isValid())
        sql += QStringLiteral(" AND sort_date >= ?");
    return sql;
}

int SearchQuery::conditionCount() const
{
    return int(hasAttachment) + int(unread) + int(read) + int(flagged) + int(before.isValid())
           + int(after.isValid());
}

QVariantList SearchQuery::sqlValues() const
{
    QVariantList values;
    if (before.isValid())
        values.append(before.startOfDay().toMSecsSinceEpoch());
    if (after.isValid())
        values.append(after.startOfDay().toMSecsSinceEpoch());
    return values;
}
