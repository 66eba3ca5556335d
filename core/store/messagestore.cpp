#include "messagestore.h"

#include "common/logging.h"
#include "messagestore_p.h"
#include "storeschema.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>

namespace {

QAtomicInteger<quint32> connectionCounter;

const QStringList subjectPrefixes = {
        QStringLiteral("re:"), QStringLiteral("fwd:"),  QStringLiteral("fw:"),
        QStringLiteral("aw:"), QStringLiteral("wg:"),   QStringLiteral("sv:"),
        QStringLiteral("vs:"), QStringLiteral("antw:"),
};

const QString folderColumns = QStringLiteral(
        "id, path, delimiter, attributes, special_use, subscribed, uid_validity, uid_next,"
        " highest_modseq, exists_count, unseen_count");

FolderRecord folderFromQuery(const QSqlQuery &query)
{
    FolderRecord folder;
    folder.id = query.value(0).toLongLong();
    folder.path = query.value(1).toString();
    const QString delimiter = query.value(2).toString();
    folder.delimiter = delimiter.isEmpty() ? QChar() : delimiter.at(0);
    folder.attributes = query.value(3).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    folder.specialUse = FolderRecord::SpecialUse(query.value(4).toInt());
    folder.subscribed = query.value(5).toBool();
    folder.uidValidity = query.value(6).toUInt();
    folder.uidNext = query.value(7).toUInt();
    folder.highestModSeq = query.value(8).toULongLong();
    folder.exists = query.value(9).toUInt();
    folder.unseen = query.value(10).toUInt();
    return folder;
}

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

bool MessageStore::sortsBefore(const MessageRecord &a, const MessageRecord &b,
                               const MessageQuery &query)
{
    // The sort columns as they are written (bindMessage()); text compares as SQLite's BINARY
    // collation does, byte by byte in UTF-8.
    const auto date = [](const MessageRecord &m) {
        const QDateTime d = m.displayDate();
        return d.isValid() ? d.toMSecsSinceEpoch() : qint64(0);
    };
    int order = 0;
    switch (query.sortKey) {
    case MessageQuery::SortKey::Date:
        order = date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0;
        break;
    case MessageQuery::SortKey::Size:
        order = a.size < b.size ? -1 : a.size > b.size ? 1 : 0;
        break;
    case MessageQuery::SortKey::Sender:
        order = StoreSql::senderSortKey(a.fromName, a.fromAddress)
                        .toUtf8()
                        .compare(StoreSql::senderSortKey(b.fromName, b.fromAddress).toUtf8());
        break;
    case MessageQuery::SortKey::Subject:
        order = StoreSql::subjectSortKey(a.subject).toUtf8().compare(
                StoreSql::subjectSortKey(b.subject).toUtf8());
        break;
    }
    if (order == 0)
        order = a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
    return query.order == Qt::AscendingOrder ? order < 0 : order > 0;
}

MessageStore::MessageStore(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->ftsTimer.setSingleShot(true);
    connect(&d->ftsTimer, &QTimer::timeout, this, &MessageStore::indexFtsChunk);
}

MessageStore::~MessageStore()
{
    close();
}

void StoreSql::withOwnConnection(const QString &path,
                                 const std::function<void(QSqlDatabase &db)> &work)
{
    const QString name = QStringLiteral("heron-worker-%1")
                                 .arg(connectionCounter.fetchAndAddRelaxed(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.open();
        work(db);
    }
    QSqlDatabase::removeDatabase(name);
}

MailError MessageStore::open(const QString &path)
{
    close();
    d->connectionName = QStringLiteral("heron-store-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    d->path = path;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return MailError(MailError::Kind::Storage,
                         QStringLiteral("Cannot create the folder of the cache %1").arg(path));
    }

    d->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->connectionName);
    d->db.setDatabaseName(path);
    if (!d->db.open()) {
        const MailError error(MailError::Kind::Storage,
                              QStringLiteral("Cannot open the cache %1").arg(path),
                              d->db.lastError().text());
        close();
        return error;
    }

    QSqlQuery pragma(d->db);
    if (!pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !pragma.next()
        || pragma.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        const MailError error(MailError::Kind::Storage,
                              QStringLiteral("The cache %1 is damaged or not a database").arg(path),
                              pragma.lastError().text());
        pragma = QSqlQuery();
        close();
        return error;
    }
    const QStringList settings = {QStringLiteral("PRAGMA synchronous=NORMAL"),
                                  QStringLiteral("PRAGMA temp_store=MEMORY"),
                                  QStringLiteral("PRAGMA cache_size=-16000"),
                                  // A checkpoint (with its fsync) per 32 MB of log rather than
                                  // per 4 MB: a first synchronisation of a large folder writes
                                  // hundreds of megabytes, and on a loaded disk the syncs, not
                                  // the writes, dominated its time.
                                  QStringLiteral("PRAGMA wal_autocheckpoint=8192")};
    for (const QString &setting : settings) {
        if (!pragma.exec(setting)) {
            const MailError error(MailError::Kind::Storage,
                                  QStringLiteral("Cannot configure the cache %1").arg(path),
                                  pragma.lastError().text());
            pragma = QSqlQuery();
            close();
            return error;
        }
    }
    pragma = QSqlQuery();

    if (MailError error = StoreSchema::migrate(d->db)) {
        qCWarning(lcStore) << "cannot open" << path << error.toString();
        close();
        return error;
    }
    // A store closed in the middle of a large write lacks the indexes that write dropped: like
    // any sort index, each is built again when a list first needs it.
    return {};
}

void MessageStore::close()
{
    d->ftsTimer.stop();
    d->listIndexesDeferred = false;
    d->threadIndexesDeferred = false;
    d->deferredListIndexes.clear();
    d->sortIndexes.clear();
    d->insertMessage.finalize();
    d->updateMessage.finalize();
    d->statements.clear();
    if (d->db.isValid()) {
        d->db.close();
        d->db = QSqlDatabase();
        QSqlDatabase::removeDatabase(d->connectionName);
    }
}

MailError MessageStore::checkIntegrity()
{
    if (!isOpen())
        return notOpen();
    QSqlQuery query(d->db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("PRAGMA quick_check"))) {
        return MailError(MailError::Kind::Storage,
                         QStringLiteral("The cache %1 is damaged").arg(d->path),
                         query.lastError().text());
    }
    QStringList problems;
    while (query.next() && problems.size() < 5)
        problems.append(query.value(0).toString());
    if (problems == QStringList {QStringLiteral("ok")})
        return {};
    return MailError(MailError::Kind::Storage,
                     QStringLiteral("The cache %1 is damaged").arg(d->path),
                     problems.join(QStringLiteral("; ")));
}

bool MessageStore::isOpen() const
{
    return d->db.isValid() && d->db.isOpen();
}

QString MessageStore::path() const
{
    return d->path;
}

QString MessageStore::connectionName() const
{
    return d->connectionName;
}

QSqlQuery *MessageStore::prepared(const QString &sql, MailError *error)
{
    if (!isOpen()) {
        *error = notOpen();
        return nullptr;
    }
    auto it = d->statements.find(sql);
    if (it != d->statements.end())
        return it->second.get();
    auto query = std::make_unique<QSqlQuery>(d->db);
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        *error = failed(QStringLiteral("Cannot prepare a cache query"), *query);
        return nullptr;
    }
    return d->statements.emplace(sql, std::move(query)).first->second.get();
}

MailError MessageStore::begin()
{
    if (!isOpen())
        return notOpen();
    if (!d->db.transaction()) {
        return MailError(MailError::Kind::Storage, QStringLiteral("Cannot write to the cache"),
                         d->db.lastError().text());
    }
    return {};
}

MailError MessageStore::commit()
{
    if (!d->db.commit()) {
        const MailError error(MailError::Kind::Storage,
                              QStringLiteral("Cannot commit to the cache"),
                              d->db.lastError().text());
        d->db.rollback();
        return error;
    }
    return {};
}

MailError MessageStore::failed(const QString &what, const QSqlQuery &query)
{
    qCWarning(lcStore) << what << query.lastError().text();
    return MailError(MailError::Kind::Storage, what, query.lastError().text());
}

MailError MessageStore::notOpen() const
{
    return MailError(MailError::Kind::Storage, QStringLiteral("The cache is not open"));
}

StoreResult<qint64> MessageStore::upsertFolder(const FolderRecord &folder)
{
    MailError error;
    QSqlQuery *query = prepared(
            QStringLiteral("INSERT INTO folders (path, delimiter, attributes, special_use,"
                           " subscribed) VALUES (?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET"
                           " delimiter = excluded.delimiter, attributes = excluded.attributes,"
                           " special_use = excluded.special_use,"
                           " subscribed = excluded.subscribed"),
            &error);
    if (!query)
        return error;
    query->bindValue(0, folder.path);
    query->bindValue(1, StoreSql::text(folder.delimiter.isNull() ? QString()
                                                                 : QString(folder.delimiter)));
    query->bindValue(2, StoreSql::text(folder.attributes.join(QLatin1Char(' '))));
    query->bindValue(3, int(folder.specialUse));
    query->bindValue(4, folder.subscribed);
    if (!query->exec())
        return failed(QStringLiteral("Cannot store the folder %1").arg(folder.path), *query);
    query->finish();
    const StoreResult<FolderRecord> stored = folderByPath(folder.path);
    if (!stored)
        return stored.error();
    Q_EMIT foldersChanged();
    return stored.value().id;
}

MailError MessageStore::updateFolderState(const FolderRecord &folder)
{
    MailError error;
    QSqlQuery *query = prepared(
            QStringLiteral("UPDATE folders SET uid_validity = ?, uid_next = ?, highest_modseq = ?,"
                           " exists_count = ?, unseen_count = ? WHERE id = ?"),
            &error);
    if (!query)
        return error;
    query->bindValue(0, folder.uidValidity);
    query->bindValue(1, folder.uidNext);
    query->bindValue(2, qint64(folder.highestModSeq));
    query->bindValue(3, folder.exists);
    query->bindValue(4, folder.unseen);
    query->bindValue(5, folder.id);
    if (!query->exec())
        return failed(QStringLiteral("Cannot store the state of a folder"), *query);
    if (query->numRowsAffected() != 1) {
        return MailError(MailError::Kind::Storage,
                         QStringLiteral("No folder with id %1 in the cache").arg(folder.id));
    }
    Q_EMIT foldersChanged();
    return {};
}

StoreResult<QList<FolderRecord>> MessageStore::folders()
{
    MailError error;
    QSqlQuery *query = prepared(QStringLiteral("SELECT ") + folderColumns
                                        + QStringLiteral(" FROM folders ORDER BY path"),
                                &error);
    if (!query)
        return error;
    if (!query->exec())
        return failed(QStringLiteral("Cannot read the folder list"), *query);
    QList<FolderRecord> result;
    while (query->next())
        result.append(folderFromQuery(*query));
    query->finish();
    return result;
}

StoreResult<FolderRecord> MessageStore::folder(qint64 folderId)
{
    MailError error;
    QSqlQuery *query = prepared(QStringLiteral("SELECT ") + folderColumns
                                        + QStringLiteral(" FROM folders WHERE id = ?"),
                                &error);
    if (!query)
        return error;
    query->bindValue(0, folderId);
    if (!query->exec())
        return failed(QStringLiteral("Cannot read a folder"), *query);
    if (!query->next()) {
        return MailError(MailError::Kind::Storage,
                         QStringLiteral("No folder with id %1 in the cache").arg(folderId));
    }
    const FolderRecord result = folderFromQuery(*query);
    query->finish();
    return result;
}

StoreResult<FolderRecord> MessageStore::folderByPath(const QString &path)
{
    MailError error;
    QSqlQuery *query = prepared(QStringLiteral("SELECT ") + folderColumns
                                        + QStringLiteral(" FROM folders WHERE path = ?"),
                                &error);
    if (!query)
        return error;
    query->bindValue(0, path);
    if (!query->exec())
        return failed(QStringLiteral("Cannot read a folder"), *query);
    if (!query->next()) {
        return MailError(MailError::Kind::Storage,
                         QStringLiteral("No folder %1 in the cache").arg(path));
    }
    const FolderRecord result = folderFromQuery(*query);
    query->finish();
    return result;
}

MailError MessageStore::storeBodyPart(qint64 folderId, quint32 uid, const QByteArray &section,
                                      const QByteArray &data)
{
    return writeBodyPart(folderId, uid, section, data, QVariant(QMetaType::fromType<QString>()));
}

MailError MessageStore::storeBodyPartFile(qint64 folderId, quint32 uid, const QByteArray &section,
                                          const QString &filePath)
{
    return writeBodyPart(folderId, uid, section, QVariant(QMetaType::fromType<QByteArray>()),
                         filePath);
}

// A part is kept either inline (data) or in a file (file_path); the other column is NULL.
MailError MessageStore::writeBodyPart(qint64 folderId, quint32 uid, const QByteArray &section,
                                      const QVariant &data, const QVariant &filePath)
{
    MailError error;
    QSqlQuery *query
            = prepared(QStringLiteral(
                               "INSERT INTO body_parts (folder_id, uid, section, data, file_path)"
                               " VALUES (?, ?, ?, ?, ?) ON CONFLICT (folder_id, uid, section)"
                               " DO UPDATE SET data = excluded.data,"
                               " file_path = excluded.file_path"),
                       &error);
    if (!query)
        return error;
    query->bindValue(0, folderId);
    query->bindValue(1, uid);
    query->bindValue(2, section);
    query->bindValue(3, data);
    query->bindValue(4, filePath);
    if (!query->exec())
        return failed(QStringLiteral("Cannot store a body part"), *query);
    return {};
}

StoreResult<BodyPartRecord> MessageStore::bodyPart(qint64 folderId, quint32 uid,
                                                   const QByteArray &section)
{
    MailError error;
    QSqlQuery *query = prepared(QStringLiteral("SELECT data, file_path FROM body_parts"
                                               " WHERE folder_id = ? AND uid = ? AND section = ?"),
                                &error);
    if (!query)
        return error;
    query->bindValue(0, folderId);
    query->bindValue(1, uid);
    query->bindValue(2, section);
    if (!query->exec())
        return failed(QStringLiteral("Cannot read a body part"), *query);
    if (!query->next()) {
        return MailError(MailError::Kind::Storage,
                         QStringLiteral("Body part %1 of message %2 is not cached")
                                 .arg(QString::fromLatin1(section))
                                 .arg(uid));
    }
    BodyPartRecord part;
    part.section = section;
    part.data = query->value(0).toByteArray();
    part.filePath = query->value(1).toString();
    query->finish();
    return part;
}
