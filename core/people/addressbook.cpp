#include "addressbook.h"

#include "searchfolding.h"
#include "vcard.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace {

MailError storageError(const QString &what, const QSqlError &error)
{
    return MailError(MailError::Kind::Storage, what, error.text());
}

QString key(const QString &address)
{
    return address.trimmed().toLower();
}

} // namespace

AddressBook::AddressBook(QObject *parent)
    : QObject(parent)
    , m_connectionName(QStringLiteral("addressbook-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

AddressBook::~AddressBook()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool AddressBook::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

MailError AddressBook::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return storageError(tr("The address book cannot be written"), query.lastError());
    return {};
}

MailError AddressBook::open(const QString &path)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open())
        return storageError(tr("The address book cannot be opened"), m_db.lastError());
    if (MailError error = exec(QStringLiteral(
                "CREATE TABLE IF NOT EXISTS contacts (address TEXT PRIMARY KEY COLLATE NOCASE,"
                " name TEXT NOT NULL DEFAULT '', uses INTEGER NOT NULL DEFAULT 0,"
                " last_used INTEGER NOT NULL DEFAULT 0)")))
        return error;
    m_entries.clear();
    m_index.clear();
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT address, name, uses, last_used FROM contacts")))
        return storageError(tr("The address book cannot be read"), query.lastError());
    while (query.next()) {
        Contact contact;
        contact.address = query.value(0).toString();
        contact.name = query.value(1).toString();
        contact.uses = query.value(2).toInt();
        const qint64 last = query.value(3).toLongLong();
        if (last > 0)
            contact.lastUsed = QDateTime::fromSecsSinceEpoch(last, Qt::UTC);
        m_index.insert(key(contact.address), m_entries.size());
        m_entries.append(makeEntry(contact));
    }
    return {};
}

AddressBook::Entry AddressBook::makeEntry(const Contact &contact)
{
    static const QRegularExpression separators(QStringLiteral("[\\s@._+\\-\"'(),<>]+"));
    Entry entry;
    entry.contact = contact;
    entry.foldedAddress = SearchFolding::fold(contact.address);
    const QString folded = SearchFolding::fold(contact.name) + QLatin1Char(' ')
                           + entry.foldedAddress;
    entry.words = folded.split(separators, Qt::SkipEmptyParts);
    entry.words.removeDuplicates();
    entry.lastUsedSecs = contact.lastUsed.isValid() ? contact.lastUsed.toSecsSinceEpoch() : 0;
    return entry;
}

MailError AddressBook::save(const Contact &contact)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO contacts (address, name, uses, last_used)"
                                 " VALUES (?, ?, ?, ?) ON CONFLICT(address) DO UPDATE SET"
                                 " name = excluded.name, uses = excluded.uses,"
                                 " last_used = excluded.last_used"));
    query.addBindValue(contact.address);
    // A null QString binds as NULL; the column holds '' for "no name".
    query.addBindValue(contact.name.isEmpty() ? QStringLiteral("") : contact.name);
    query.addBindValue(contact.uses);
    query.addBindValue(contact.lastUsed.isValid() ? contact.lastUsed.toSecsSinceEpoch() : 0);
    if (!query.exec())
        return storageError(tr("The address book cannot be written"), query.lastError());
    return {};
}

MailError AddressBook::recordUse(const QList<MailAddress> &people, const QDateTime &when)
{
    if (!isOpen())
        return MailError(MailError::Kind::Storage, tr("The address book is not open"));
    m_db.transaction();
    QStringList seen;
    for (const MailAddress &person : people) {
        const QString address = person.address.trimmed();
        const QString k = key(address);
        if (k.isEmpty() || !k.contains(QLatin1Char('@')) || seen.contains(k))
            continue;
        seen.append(k);
        Contact contact;
        const auto found = m_index.constFind(k);
        if (found != m_index.constEnd())
            contact = m_entries.at(*found).contact;
        else
            contact.address = address;
        if (!person.name.trimmed().isEmpty())
            contact.name = person.name.trimmed();
        contact.uses += 1;
        contact.lastUsed = when.toUTC();
        if (MailError error = save(contact)) {
            m_db.rollback();
            return error;
        }
        if (found != m_index.constEnd()) {
            m_entries[*found] = makeEntry(contact);
        } else {
            m_index.insert(k, m_entries.size());
            m_entries.append(makeEntry(contact));
        }
    }
    if (!m_db.commit())
        return storageError(tr("The address book cannot be written"), m_db.lastError());
    if (!seen.isEmpty())
        Q_EMIT changed();
    return {};
}

StoreResult<int> AddressBook::addContacts(const QList<Contact> &contacts)
{
    if (!isOpen())
        return MailError(MailError::Kind::Storage, tr("The address book is not open"));
    m_db.transaction();
    int added = 0;
    for (const Contact &incoming : contacts) {
        const QString k = key(incoming.address);
        if (k.isEmpty() || !k.contains(QLatin1Char('@')))
            continue;
        Contact contact;
        const auto found = m_index.constFind(k);
        if (found != m_index.constEnd()) {
            contact = m_entries.at(*found).contact;
            if (!contact.name.isEmpty() || incoming.name.isEmpty())
                continue;
            contact.name = incoming.name;
        } else {
            contact.address = incoming.address.trimmed();
            contact.name = incoming.name.trimmed();
        }
        if (MailError error = save(contact)) {
            m_db.rollback();
            return error;
        }
        if (found != m_index.constEnd()) {
            m_entries[*found] = makeEntry(contact);
        } else {
            m_index.insert(k, m_entries.size());
            m_entries.append(makeEntry(contact));
            ++added;
        }
    }
    if (!m_db.commit())
        return storageError(tr("The address book cannot be written"), m_db.lastError());
    Q_EMIT changed();
    return added;
}

MailError AddressBook::remove(const QString &address)
{
    const QString k = key(address);
    const auto found = m_index.constFind(k);
    if (found == m_index.constEnd())
        return {};
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM contacts WHERE address = ?"));
    query.addBindValue(m_entries.at(*found).contact.address);
    if (!query.exec())
        return storageError(tr("The address book cannot be written"), query.lastError());
    const qsizetype position = *found;
    m_entries.removeAt(position);
    m_index.clear();
    for (qsizetype i = 0; i < m_entries.size(); ++i)
        m_index.insert(key(m_entries.at(i).contact.address), i);
    Q_EMIT changed();
    return {};
}

double AddressBook::score(const Contact &contact, const QDateTime &now)
{
    return score(contact.uses, contact.lastUsed.isValid() ? contact.lastUsed.toSecsSinceEpoch() : 0,
                 now.toSecsSinceEpoch());
}

double AddressBook::score(int uses, qint64 lastUsedSecs, qint64 nowSecs)
{
    if (uses <= 0 || lastUsedSecs <= 0)
        return 0;
    const double days = double(std::max<qint64>(0, nowSecs - lastUsedSecs)) / 86400.0;
    return uses * std::exp2(-days / 30.0);
}

QList<Contact> AddressBook::complete(const QString &typed, int limit, const QDateTime &now) const
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;<>\"']+"));
    const QString folded = SearchFolding::fold(typed);
    const QStringList parts = folded.split(separators, Qt::SkipEmptyParts);
    if (parts.isEmpty() || limit <= 0)
        return {};
    struct Match
    {
        const Entry *entry;
        double score;
    };
    const qint64 nowSecs = now.toSecsSinceEpoch();
    QList<Match> matches;
    matches.reserve(m_entries.size());
    for (const Entry &entry : m_entries) {
        bool all = true;
        for (const QString &part : parts) {
            bool found = entry.foldedAddress.startsWith(part);
            for (qsizetype w = 0; !found && w < entry.words.size(); ++w)
                found = entry.words.at(w).startsWith(part);
            if (!found) {
                all = false;
                break;
            }
        }
        if (all)
            matches.append(Match {&entry, score(entry.contact.uses, entry.lastUsedSecs, nowSecs)});
    }
    const auto better = [](const Match &a, const Match &b) {
        if (a.score != b.score)
            return a.score > b.score;
        if (a.entry->contact.uses != b.entry->contact.uses)
            return a.entry->contact.uses > b.entry->contact.uses;
        if (a.entry->lastUsedSecs != b.entry->lastUsedSecs)
            return a.entry->lastUsedSecs > b.entry->lastUsedSecs;
        return a.entry->foldedAddress < b.entry->foldedAddress;
    };
    const qsizetype count = std::min<qsizetype>(limit, matches.size());
    std::partial_sort(matches.begin(), matches.begin() + count, matches.end(), better);
    QList<Contact> best;
    best.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        best.append(matches.at(i).entry->contact);
    return best;
}

QList<Contact> AddressBook::contacts() const
{
    QList<Contact> all;
    all.reserve(m_entries.size());
    for (const Entry &entry : m_entries)
        all.append(entry.contact);
    std::stable_sort(all.begin(), all.end(), [](const Contact &a, const Contact &b) {
        if (a.uses != b.uses)
            return a.uses > b.uses;
        return a.address < b.address;
    });
    return all;
}

Contact AddressBook::contact(const QString &address) const
{
    const auto found = m_index.constFind(key(address));
    return found == m_index.constEnd() ? Contact() : m_entries.at(*found).contact;
}

StoreResult<int> AddressBook::importVCard(const QByteArray &data)
{
    return addContacts(VCard::parse(data));
}

QByteArray AddressBook::exportVCard() const
{
    return VCard::write(contacts());
}
