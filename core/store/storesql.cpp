#include "storesql.h"

#include <QSqlQuery>
#include <QStringList>

namespace {

const QStringList subjectPrefixes = {
        QStringLiteral("re:"), QStringLiteral("fwd:"),  QStringLiteral("fw:"),
        QStringLiteral("aw:"), QStringLiteral("wg:"),   QStringLiteral("sv:"),
        QStringLiteral("vs:"), QStringLiteral("antw:"),
};

} // namespace

QStringView StoreSql::subjectSortText(const QString &subject)
{
    QStringView rest = QStringView(subject).trimmed();
    // Every prefix starts with one of these letters (case folded, as startsWith() compares):
    // most subjects need no comparison at all.
    const auto mayHavePrefix = [](QStringView text) {
        if (text.isEmpty())
            return false;
        switch (text.front().toCaseFolded().unicode()) {
        case u'r':
        case u'f':
        case u'a':
        case u'w':
        case u's':
        case u'v':
            return true;
        default:
            return false;
        }
    };
    bool stripped = mayHavePrefix(rest);
    while (stripped) {
        stripped = false;
        for (const QString &prefix : subjectPrefixes) {
            if (rest.startsWith(prefix, Qt::CaseInsensitive)) {
                rest = rest.mid(prefix.size()).trimmed();
                stripped = true;
            }
        }
    }
    return rest;
}

QStringView StoreSql::senderSortText(const QString &name, const QString &address)
{
    const QStringView trimmedName = QStringView(name).trimmed();
    return trimmedName.isEmpty() ? QStringView(address).trimmed() : trimmedName;
}

QString StoreSql::subjectSortKey(const QString &subject)
{
    return subjectSortText(subject).toString().toCaseFolded();
}

QString StoreSql::senderSortKey(const QString &name, const QString &address)
{
    return senderSortText(name, address).toString().toCaseFolded();
}

MessageRecord StoreSql::listRecord(const QSqlQuery &sql, qint64 folderId)
{
    MessageRecord m;
    m.folderId = folderId;
    m.uid = sql.value(0).toUInt();
    m.modSeq = sql.value(1).toULongLong();
    m.flags = MessageRecord::Flags::fromInt(sql.value(2).toInt());
    m.keywords = sql.value(3).toString();
    m.internalDate = toDateTime(sql.value(4));
    m.sentDate = toDateTime(sql.value(5));
    m.size = sql.value(6).toLongLong();
    m.subject = sql.value(7).toString();
    m.fromName = sql.value(8).toString();
    m.fromAddress = sql.value(9).toString();
    m.messageId = sql.value(10).toByteArray();
    m.hasAttachments = sql.value(11).toBool();
    return m;
}
