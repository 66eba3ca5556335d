#pragma once

#include "common/mailerror.h"
#include "contact.h"
#include "mime/outgoingmessage.h"
#include "store/storeresult.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// The people the user writes to, across all accounts: every address written to and every
// sender answered, with the name last used for it, how often and when last. Kept in one SQLite
// file per user (addressbook.sqlite beside the accounts' data) and held in memory for
// completion, which matches what is typed against the start of every word of the name and of
// the address (case and accents folded: "jur" finds "Jürgen", "muller" finds "Müller") and
// ranks the matches by frequency and recency.
class AddressBook : public QObject
{
    Q_OBJECT
public:
    explicit AddressBook(QObject *parent = nullptr);
    ~AddressBook() override;

    // Opens or creates the book at path (":memory:" for one that is not kept) and reads it.
    MailError open(const QString &path);
    bool isOpen() const;

    // The user wrote to these people (or answered them) at when: each one's count goes up by
    // one, its last use moves to when, and a name given replaces the one kept.
    MailError recordUse(const QList<MailAddress> &people,
                        const QDateTime &when = QDateTime::currentDateTimeUtc());
    // Adds people from elsewhere (an imported vCard file) without counting a use; a name is
    // taken only where none was kept. Returns how many addresses were new.
    StoreResult<int> addContacts(const QList<Contact> &contacts);
    MailError remove(const QString &address);

    // At most limit contacts matching what was typed, best first. Every word typed must start
    // a word of the name or of the address (split at "@", ".", "-", "_", "+") or start the
    // address itself. now: the moment recency is measured from.
    QList<Contact> complete(const QString &typed, int limit = 10,
                            const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // Everyone, most used first.
    QList<Contact> contacts() const;
    int count() const { return int(m_entries.size()); }
    // The contact of that address (case-insensitive); an empty address when unknown.
    Contact contact(const QString &address) const;

    // vCard files: read adds every card's addresses (addContacts), write saves everyone.
    StoreResult<int> importVCard(const QByteArray &data);
    QByteArray exportVCard() const;

    // How a contact ranks: uses weighed by how long ago the last one was (half the weight
    // after 30 days). Never used: 0.
    static double score(const Contact &contact, const QDateTime &now);

Q_SIGNALS:
    void changed();

private:
    struct Entry
    {
        Contact contact;
        QStringList words; // folded words of the name and the address
        QString foldedAddress;
        qint64 lastUsedSecs = 0; // lastUsed since the epoch, 0 when never: no QDateTime per match
    };
    static double score(int uses, qint64 lastUsedSecs, qint64 nowSecs);
    static Entry makeEntry(const Contact &contact);
    MailError save(const Contact &contact);
    MailError exec(const QString &sql);

    QString m_connectionName;
    QSqlDatabase m_db;
    QList<Entry> m_entries;
    QHash<QString, qsizetype> m_index; // lower-case address → position in m_entries
};
