#pragma once

#include "storeresult.h"

#include <QStringList>

class QSqlDatabase;

// The cache's tables and the ordered migrations that build them. Version n is reached by
// running migrations 1..n in order, each in its own transaction together with the new number
// in the schema_version table.
class StoreSchema
{
public:
    static int latestVersion();

    // The version recorded in the database; 0 for a database without our tables.
    static StoreResult<int> version(QSqlDatabase &db);

    // Brings the database to targetVersion. A database newer than this build knows is refused.
    static MailError migrate(QSqlDatabase &db, int targetVersion = latestVersion());

    // The indexes of the messages table that only serve reading and whose keys come in random
    // order (sender, subject and size orders). None exists until a list is sorted that way
    // (ListIndexes::ensureSortIndex()); a large first synchronisation drops those that exist
    // while it writes and builds them again afterwards (ListIndexes::defer()).
    // They describe the latest schema: a migration that changes one of them changes this list
    // too.
    static QStringList listIndexNames();
    // Builds those of the named list indexes that are missing.
    static MailError createListIndexes(QSqlDatabase &db, const QStringList &names);
};
