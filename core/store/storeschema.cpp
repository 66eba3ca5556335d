#include "storeschema.h"

#include "searchquery.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace {

using Migration = QList<const char *>;

// Version 1: folders and message envelopes, with the columns and indexes lists sort by.
const Migration migration1 = {
        "CREATE TABLE folders ("
        " id INTEGER PRIMARY KEY,"
        " path TEXT NOT NULL UNIQUE,"
        " delimiter TEXT NOT NULL DEFAULT '',"
        " attributes TEXT NOT NULL DEFAULT '',"
        " special_use INTEGER NOT NULL DEFAULT 0,"
        " subscribed INTEGER NOT NULL DEFAULT 0,"
        " uid_validity INTEGER NOT NULL DEFAULT 0,"
        " uid_next INTEGER NOT NULL DEFAULT 0,"
        " highest_modseq INTEGER NOT NULL DEFAULT 0,"
        " exists_count INTEGER NOT NULL DEFAULT 0,"
        " unseen_count INTEGER NOT NULL DEFAULT 0)",
        "CREATE TABLE messages ("
        " id INTEGER PRIMARY KEY,"
        " folder_id INTEGER NOT NULL,"
        " uid INTEGER NOT NULL,"
        " modseq INTEGER NOT NULL DEFAULT 0,"
        " flags INTEGER NOT NULL DEFAULT 0,"
        " keywords TEXT NOT NULL DEFAULT '',"
        " internal_date INTEGER,"
        " sent_date INTEGER,"
        " sort_date INTEGER NOT NULL DEFAULT 0,"
        " size INTEGER NOT NULL DEFAULT 0,"
        " subject TEXT NOT NULL DEFAULT '',"
        " from_name TEXT NOT NULL DEFAULT '',"
        " from_address TEXT NOT NULL DEFAULT '',"
        " to_text TEXT NOT NULL DEFAULT '',"
        " cc_text TEXT NOT NULL DEFAULT '',"
        " message_id BLOB,"
        " in_reply_to BLOB,"
        " refs BLOB,"
        " has_attachments INTEGER NOT NULL DEFAULT 0,"
        " sort_subject TEXT NOT NULL DEFAULT '',"
        " sort_sender TEXT NOT NULL DEFAULT '',"
        " UNIQUE (folder_id, uid))",
        "CREATE INDEX messages_by_date ON messages (folder_id, sort_date, uid)",
        "CREATE INDEX messages_by_sender ON messages (folder_id, sort_sender, uid)",
        "CREATE INDEX messages_by_subject ON messages (folder_id, sort_subject, uid)",
        "CREATE INDEX messages_by_size ON messages (folder_id, size, uid)",
        "CREATE INDEX messages_unseen ON messages (folder_id) WHERE (flags & 1) = 0",
};

// Version 2: body structures and fetched body parts, apart from the rows lists scan.
const Migration migration2 = {
        "CREATE TABLE message_structure ("
        " folder_id INTEGER NOT NULL,"
        " uid INTEGER NOT NULL,"
        " data BLOB NOT NULL,"
        " PRIMARY KEY (folder_id, uid))",
        "CREATE TABLE body_parts ("
        " folder_id INTEGER NOT NULL,"
        " uid INTEGER NOT NULL,"
        " section BLOB NOT NULL,"
        " data BLOB,"
        " file_path TEXT,"
        " PRIMARY KEY (folder_id, uid, section))",
};

// Version 3: the full-text index over subject, sender and recipients, kept in step by
// triggers and filled from the rows already cached.
const Migration migration3 = {
        "CREATE VIRTUAL TABLE messages_fts USING fts5("
        " subject, from_name, from_address, to_text, cc_text,"
        " content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN"
        " INSERT INTO messages_fts (rowid, subject, from_name, from_address, to_text, cc_text)"
        " VALUES (new.id, new.subject, new.from_name, new.from_address, new.to_text, new.cc_text);"
        " END",
        "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
        " INSERT INTO messages_fts (messages_fts, rowid, subject, from_name, from_address, to_text,"
        " cc_text) VALUES ('delete', old.id, old.subject, old.from_name, old.from_address,"
        " old.to_text, old.cc_text);"
        " END",
        "CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, from_name, from_address,"
        " to_text, cc_text ON messages"
        " WHEN old.subject IS NOT new.subject OR old.from_name IS NOT new.from_name"
        " OR old.from_address IS NOT new.from_address OR old.to_text IS NOT new.to_text"
        " OR old.cc_text IS NOT new.cc_text BEGIN"
        " INSERT INTO messages_fts (messages_fts, rowid, subject, from_name, from_address, to_text,"
        " cc_text) VALUES ('delete', old.id, old.subject, old.from_name, old.from_address,"
        " old.to_text, old.cc_text);"
        " INSERT INTO messages_fts (rowid, subject, from_name, from_address, to_text, cc_text)"
        " VALUES (new.id, new.subject, new.from_name, new.from_address, new.to_text, new.cc_text);"
        " END",
        "INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')",
};

// Version 4: new rows are indexed later, in chunks (MessageStore::indexPendingFts()), instead of
// by a trigger inside the write that adds them: a first synchronisation of a large folder then
// pays for the rows only. fts_pending lists the rows not indexed yet; a row leaves the index
// (on delete or on a text change) only if it is in it.
const Migration migration4 = {
        "DROP TRIGGER messages_fts_insert",
        "DROP TRIGGER messages_fts_delete",
        "DROP TRIGGER messages_fts_update",
        "CREATE TABLE fts_pending (id INTEGER PRIMARY KEY)",
        "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN"
        " INSERT INTO fts_pending (id) VALUES (new.id);"
        " END",
        "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
        " INSERT INTO messages_fts (messages_fts, rowid, subject, from_name, from_address, to_text,"
        " cc_text) SELECT 'delete', old.id, old.subject, old.from_name, old.from_address,"
        " old.to_text, old.cc_text WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE id = old.id);"
        " DELETE FROM fts_pending WHERE id = old.id;"
        " END",
        "CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, from_name, from_address,"
        " to_text, cc_text ON messages"
        " WHEN (old.subject IS NOT new.subject OR old.from_name IS NOT new.from_name"
        " OR old.from_address IS NOT new.from_address OR old.to_text IS NOT new.to_text"
        " OR old.cc_text IS NOT new.cc_text)"
        " AND NOT EXISTS (SELECT 1 FROM fts_pending WHERE id = old.id) BEGIN"
        " INSERT INTO messages_fts (messages_fts, rowid, subject, from_name, from_address, to_text,"
        " cc_text) VALUES ('delete', old.id, old.subject, old.from_name, old.from_address,"
        " old.to_text, old.cc_text);"
        " INSERT INTO messages_fts (rowid, subject, from_name, from_address, to_text, cc_text)"
        " VALUES (new.id, new.subject, new.from_name, new.from_address, new.to_text, new.cc_text);"
        " END",
};

// Version 5: threads by References. thread_key names a message's conversation: the first <id> of
// its References (the thread's first message), else its In-Reply-To, else its own Message-ID.
// It is computed by SQLite when read and costs nothing on a write; its index is made when
// threads are first shown (ListIndexes::ensureThreadIndexes()). The In-Reply-To index that
// earlier versions made for threads goes.
const Migration migration5 = {
        "ALTER TABLE messages ADD COLUMN thread_key BLOB GENERATED ALWAYS AS (CASE"
        " WHEN length(refs) > 0 THEN (CASE WHEN instr(refs, '<') > 0"
        " AND instr(refs, '>') > instr(refs, '<')"
        " THEN substr(refs, instr(refs, '<'), instr(refs, '>') - instr(refs, '<') + 1)"
        " ELSE refs END)"
        " WHEN length(in_reply_to) > 0 THEN in_reply_to"
        " WHEN length(message_id) > 0 THEN message_id END) VIRTUAL",
        "DROP INDEX IF EXISTS messages_by_in_reply_to",
};

// Version 6: the sender, subject and size orders get their index when a list is first sorted
// that way (ListIndexes::ensureSortIndex()). A folder never sorted by size pays nothing for
// that order on each write, and a first synchronisation builds none of them at its end.
const Migration migration6 = {
        "DROP INDEX IF EXISTS messages_by_sender",
        "DROP INDEX IF EXISTS messages_by_subject",
        "DROP INDEX IF EXISTS messages_by_size",
};

// Version 7: which rows the full-text index lacks is a watermark, not a table a trigger fills:
// every message whose id is at most fts_state.indexed_through is indexed, those above are not.
// New rows always get an id above every existing one, so an insert writes nothing more, and
// needs no statement savepoint for a trigger (a sixth of a first synchronisation's time). A
// delete that removes the highest rows lowers the watermark to the highest id left, so an id
// used again is never taken for indexed. What version 4 left pending is indexed here.
const Migration migration7 = {
        "INSERT INTO messages_fts (rowid, subject, from_name, from_address, to_text, cc_text)"
        " SELECT m.id, m.subject, m.from_name, m.from_address, m.to_text, m.cc_text"
        " FROM messages m JOIN fts_pending p ON p.id = m.id",
        "DROP TRIGGER messages_fts_insert",
        "DROP TRIGGER messages_fts_delete",
        "DROP TRIGGER messages_fts_update",
        "DROP TABLE fts_pending",
        "CREATE TABLE fts_state (indexed_through INTEGER NOT NULL)",
        "INSERT INTO fts_state (indexed_through) SELECT IFNULL(MAX(id), 0) FROM messages",
        "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
        " INSERT INTO messages_fts (messages_fts, rowid, subject, from_name, from_address, to_text,"
        " cc_text) SELECT 'delete', old.id, old.subject, old.from_name, old.from_address,"
        " old.to_text, old.cc_text WHERE old.id <= (SELECT indexed_through FROM fts_state);"
        " UPDATE fts_state SET indexed_through = (SELECT IFNULL(MAX(id), 0) FROM messages)"
        " WHERE indexed_through > (SELECT IFNULL(MAX(id), 0) FROM messages);"
        " END",
        "CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, from_name, from_address,"
        " to_text, cc_text ON messages"
        " WHEN (old.subject IS NOT new.subject OR old.from_name IS NOT new.from_name"
        " OR old.from_address IS NOT new.from_address OR old.to_text IS NOT new.to_text"
        " OR old.cc_text IS NOT new.cc_text)"
        " AND old.id <= (SELECT indexed_through FROM fts_state) BEGIN"
        " INSERT INTO messages_fts (messages_fts, rowid, subject, from_name, from_address, to_text,"
        " cc_text) VALUES ('delete', old.id, old.subject, old.from_name, old.from_address,"
        " old.to_text, old.cc_text);"
        " INSERT INTO messages_fts (rowid, subject, from_name, from_address, to_text, cc_text)"
        " VALUES (new.id, new.subject, new.from_name, new.from_address, new.to_text, new.cc_text);"
        " END",
};

// Version 8: a message's body structure is the last column of its row, not a row of its own
// table: writing a message is then one insert, not two inserts into two more B-trees (a
// fifteenth of a first synchronisation's time). Being last, and read only when one message is
// opened, it costs the list queries nothing.
const Migration migration8 = {
        "ALTER TABLE messages ADD COLUMN structure BLOB",
        "UPDATE messages SET structure = s.data FROM message_structure s"
        " WHERE s.folder_id = messages.folder_id AND s.uid = messages.uid",
        "DROP TABLE message_structure",
};

// Version 9: a body part is cached only with what the server sent for it. Earlier versions
// stored a fetch that brought no data back (the tagged OK without the section) as an empty
// part, which was then shown blank and never fetched again. Such rows count as missing, so they
// go; a part kept in a file has no bytes in its row and stays. A part that is genuinely empty
// is fetched once more and cached again.
const Migration migration9 = {
        "DELETE FROM body_parts WHERE IFNULL(length(data), 0) = 0 AND IFNULL(file_path, '') = ''",
};

// Version 10: the changes made while the server could not hear them (flags, moves, deletions,
// messages to file into Sent or Drafts), in the order they were made, until replayed.
const Migration migration10 = {
        "CREATE TABLE pending_operations (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " kind INTEGER NOT NULL, folder_id INTEGER NOT NULL DEFAULT 0,"
        " uids TEXT NOT NULL DEFAULT '', add_flags INTEGER NOT NULL DEFAULT 0,"
        " remove_flags INTEGER NOT NULL DEFAULT 0, target_folder_id INTEGER NOT NULL DEFAULT 0,"
        " special_use INTEGER NOT NULL DEFAULT 0, append_flags TEXT NOT NULL DEFAULT '',"
        " message BLOB)",
};

// Version 11: search as people expect. The full-text index holds its own copy of the text,
// folded for German spellings (SearchQuery::fold(): "München" is indexed as "Muenchen"), which
// an index over the messages table's columns could not; and beside the headers, the text of
// each body that is cached. indexed_bodies lists the messages whose body is in the index. A
// row leaves the index with its message. Folders can be kept for offline use: their bodies
// are then downloaded and indexed in the background. messages_by_recency orders every folder's
// messages by date, for a search of all folders that finds many (its inserts append, as dates
// follow UIDs closely).
// clang-format off
const Migration migration11 = {
        "DROP TRIGGER messages_fts_delete",
        "DROP TRIGGER messages_fts_update",
        "DROP TABLE messages_fts",
        "CREATE VIRTUAL TABLE messages_fts USING fts5(subject, sender, recipients, body,"
        " tokenize='unicode61 remove_diacritics 2')",
        "CREATE TABLE indexed_bodies (id INTEGER PRIMARY KEY)",
        "INSERT INTO messages_fts (rowid, subject, sender, recipients) SELECT id, "
        HERON_SEARCH_FOLD("subject") ", "
        HERON_SEARCH_FOLD("from_name || ' ' || from_address") ", "
        HERON_SEARCH_FOLD("to_text || ' ' || cc_text")
        " FROM messages WHERE id <= (SELECT indexed_through FROM fts_state)",
        "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
        " DELETE FROM messages_fts WHERE rowid = old.id;"
        " DELETE FROM indexed_bodies WHERE id = old.id;"
        " UPDATE fts_state SET indexed_through = (SELECT IFNULL(MAX(id), 0) FROM messages)"
        " WHERE indexed_through > (SELECT IFNULL(MAX(id), 0) FROM messages);"
        " END",
        "CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, from_name, from_address,"
        " to_text, cc_text ON messages"
        " WHEN (old.subject IS NOT new.subject OR old.from_name IS NOT new.from_name"
        " OR old.from_address IS NOT new.from_address OR old.to_text IS NOT new.to_text"
        " OR old.cc_text IS NOT new.cc_text)"
        " AND old.id <= (SELECT indexed_through FROM fts_state) BEGIN"
        " UPDATE messages_fts SET subject = " HERON_SEARCH_FOLD("new.subject") ","
        " sender = " HERON_SEARCH_FOLD("new.from_name || ' ' || new.from_address") ","
        " recipients = " HERON_SEARCH_FOLD("new.to_text || ' ' || new.cc_text")
        " WHERE rowid = old.id;"
        " END",
        "ALTER TABLE folders ADD COLUMN keep_offline INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX messages_by_recency ON messages (sort_date)",
};
// clang-format on

// Version 12: messages copied or moved to another account (TransferJournal), each kept from
// before anything is sent until the target has it and, for a move, the source let it go.
const Migration migration12 = {
        "CREATE TABLE transfers (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " folder_id INTEGER NOT NULL, uid INTEGER NOT NULL, target_account TEXT NOT NULL,"
        " target_path TEXT NOT NULL, move INTEGER NOT NULL DEFAULT 0,"
        " stage INTEGER NOT NULL DEFAULT 0, message_id BLOB)",
};

// Version 13: a message to file (a large sent one) may wait in a file of its own instead of the
// journal's row: message_file names it.
const Migration migration13 = {
        "ALTER TABLE pending_operations ADD COLUMN message_file TEXT",
};

const QList<Migration> migrations = {migration1,  migration2,  migration3, migration4, migration5,
                                     migration6,  migration7,  migration8, migration9, migration10,
                                     migration11, migration12, migration13};

struct ListIndex
{
    const char *name;
    const char *columns;
};

// The read-only indexes of the messages table whose keys come in no particular order, made on
// first use since migration 6. The others always exist and stay during a bulk write:
// messages_by_date keeps the default order of a list showing the folder meanwhile cheap, and
// its inserts land on a few pages anyway (dates follow UIDs closely); messages_unseen is keyed
// by the row id, so its inserts append.
constexpr ListIndex listIndexes[] = {
        {"messages_by_sender", "(folder_id, sort_sender, uid)"},
        {"messages_by_subject", "(folder_id, sort_subject, uid)"},
        {"messages_by_size", "(folder_id, size, uid)"},
};

MailError sqlError(const QString &what, const QSqlError &error)
{
    return MailError(MailError::Kind::Storage, what, error.text());
}

MailError exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return sqlError(QCoreApplication::translate("StoreSchema",
                                                    "Could not update the cache's tables"),
                        query.lastError());
    return {};
}

MailError runMigration(QSqlDatabase &db, int toVersion)
{
    if (!db.transaction())
        return sqlError(QCoreApplication::translate("StoreSchema", "Could not start a transaction"),
                        db.lastError());
    for (const char *statement : migrations.at(toVersion - 1)) {
        if (MailError error = exec(db, QString::fromUtf8(statement))) {
            db.rollback();
            return error;
        }
    }
    MailError error = exec(db, QStringLiteral("DELETE FROM schema_version"));
    if (!error)
        error = exec(db, QStringLiteral("INSERT INTO schema_version (version) VALUES (%1)")
                                 .arg(toVersion));
    if (error) {
        db.rollback();
        return error;
    }
    if (!db.commit()) {
        const MailError commitError
                = sqlError(QCoreApplication::translate("StoreSchema",
                                                       "Could not commit a schema change"),
                           db.lastError());
        db.rollback();
        return commitError;
    }
    return {};
}

} // namespace

int StoreSchema::latestVersion()
{
    return int(migrations.size());
}

StoreResult<int> StoreSchema::version(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version"
                                   " (version INTEGER NOT NULL)"))) {
        return sqlError(QCoreApplication::translate("StoreSchema",
                                                    "The cache database cannot be read"),
                        query.lastError());
    }
    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")))
        return sqlError(QCoreApplication::translate("StoreSchema",
                                                    "The cache database cannot be read"),
                        query.lastError());
    if (!query.next())
        return 0;
    return query.value(0).toInt();
}

MailError StoreSchema::migrate(QSqlDatabase &db, int targetVersion)
{
    const StoreResult<int> current = version(db);
    if (!current)
        return current.error();
    if (current.value() > latestVersion()) {
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate(
                                 "StoreSchema", "The cache was written by a newer version of Heron"
                                                " (schema %1, this version knows up to %2)")
                                 .arg(current.value())
                                 .arg(latestVersion()));
    }
    if (targetVersion > latestVersion() || targetVersion < current.value()) {
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate(
                                 "StoreSchema", "Cannot migrate the cache from schema %1 to %2")
                                 .arg(current.value())
                                 .arg(targetVersion));
    }
    for (int next = current.value() + 1; next <= targetVersion; ++next) {
        if (MailError error = runMigration(db, next))
            return error;
    }
    return {};
}

QStringList StoreSchema::listIndexNames()
{
    QStringList names;
    for (const ListIndex &index : listIndexes)
        names.append(QString::fromLatin1(index.name));
    return names;
}

MailError StoreSchema::createListIndexes(QSqlDatabase &db, const QStringList &names)
{
    for (const ListIndex &index : listIndexes) {
        if (!names.contains(QLatin1String(index.name)))
            continue;
        if (MailError error = exec(db,
                                   QStringLiteral("CREATE INDEX IF NOT EXISTS %1 ON messages %2")
                                           .arg(QLatin1String(index.name),
                                                QLatin1String(index.columns)))) {
            return error;
        }
    }
    return {};
}
