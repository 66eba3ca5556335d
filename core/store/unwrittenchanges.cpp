#include "unwrittenchanges.h"

#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <iterator>

namespace {

const UnwrittenChanges *changesOf(sqlite3_context *context)
{
    return static_cast<const UnwrittenChanges *>(sqlite3_user_data(context));
}

void hiddenFunction(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    const bool hidden = argc == 2
                        && changesOf(context)->isHidden(sqlite3_value_int64(argv[0]),
                                                        quint32(sqlite3_value_int64(argv[1])));
    sqlite3_result_int(context, hidden ? 1 : 0);
}

void flagsFunction(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    if (argc != 3) {
        sqlite3_result_null(context);
        return;
    }
    const auto stored = MessageRecord::Flags::fromInt(sqlite3_value_int(argv[2]));
    sqlite3_result_int(context, changesOf(context)
                                        ->flags(sqlite3_value_int64(argv[0]),
                                                quint32(sqlite3_value_int64(argv[1])), stored)
                                        .toInt());
}

QList<quint32> sorted(const QList<quint32> &uids)
{
    // Most come ascending already (a whole folder, read in the order of its index): they are
    // shared, not copied.
    if (std::adjacent_find(uids.cbegin(), uids.cend(), std::greater_equal<quint32>()) == uids.cend())
        return uids;
    QList<quint32> result = uids;
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

// What of from is not in removed, both ascending.
QList<quint32> without(const QList<quint32> &from, const QList<quint32> &removed)
{
    QList<quint32> left;
    left.reserve(from.size());
    std::set_difference(from.cbegin(), from.cend(), removed.cbegin(), removed.cend(),
                        std::back_inserter(left));
    return left;
}

bool contains(const QList<quint32> &uids, quint32 uid)
{
    return std::binary_search(uids.cbegin(), uids.cend(), uid);
}

} // namespace

void UnwrittenChanges::hide(qint64 folderId, const QList<quint32> &uids)
{
    if (uids.isEmpty())
        return;
    const QList<quint32> added = sorted(uids);
    QList<quint32> &hidden = m_hidden[folderId];
    if (hidden.isEmpty()) {
        hidden = added;
        return;
    }
    QList<quint32> merged;
    merged.reserve(hidden.size() + added.size());
    std::set_union(hidden.cbegin(), hidden.cend(), added.cbegin(), added.cend(),
                   std::back_inserter(merged));
    hidden = std::move(merged);
}

void UnwrittenChanges::reveal(qint64 folderId, const QList<quint32> &uids)
{
    const auto it = m_hidden.find(folderId);
    if (it == m_hidden.end() || uids.isEmpty())
        return;
    *it = without(*it, sorted(uids));
    if (it->empty())
        m_hidden.erase(it);
}

bool UnwrittenChanges::isHidden(qint64 folderId, quint32 uid) const
{
    const auto it = m_hidden.constFind(folderId);
    return it != m_hidden.cend() && contains(*it, uid);
}

QList<quint32> UnwrittenChanges::hiddenAmong(qint64 folderId, const QList<quint32> &uids) const
{
    QList<quint32> result;
    if (!hidesIn(folderId))
        return result;
    for (quint32 uid : uids) {
        if (isHidden(folderId, uid))
            result.append(uid);
    }
    return result;
}

StoreResult<QList<quint32>> UnwrittenChanges::withoutHidden(qint64 folderId,
                                                            StoreResult<QList<quint32>> uids) const
{
    if (!uids || !hidesIn(folderId))
        return uids;
    QList<quint32> shown = std::move(uids).value();
    shown.removeIf([&](quint32 uid) { return isHidden(folderId, uid); });
    return shown;
}

void UnwrittenChanges::changeFlags(quint64 id, qint64 folderId, const QList<quint32> &uids,
                                   MessageRecord::Flags add, MessageRecord::Flags remove)
{
    m_flagChanges.append(Flags {id, folderId, FlagChange {add, remove}, sorted(uids)});
}

void UnwrittenChanges::dropFlagChange(quint64 id)
{
    m_flagChanges.removeIf([id](const Flags &flags) { return flags.id == id; });
}

void UnwrittenChanges::releaseFlags(qint64 folderId, const QList<quint32> &uids)
{
    if (!changesFlagsIn(folderId) || uids.isEmpty())
        return;
    const QList<quint32> released = sorted(uids);
    for (Flags &flags : m_flagChanges) {
        if (flags.folderId == folderId)
            flags.uids = without(flags.uids, released);
    }
}

bool UnwrittenChanges::changesFlagsIn(qint64 folderId) const
{
    return std::any_of(m_flagChanges.cbegin(), m_flagChanges.cend(),
                       [folderId](const Flags &flags) { return flags.folderId == folderId; });
}

bool UnwrittenChanges::removesAny(qint64 folderId, MessageRecord::Flags removed) const
{
    return std::any_of(m_flagChanges.cbegin(), m_flagChanges.cend(), [&](const Flags &flags) {
        return (folderId == 0 || flags.folderId == folderId) && (flags.change.remove & removed);
    });
}

QList<UnwrittenChanges::FlagChange> UnwrittenChanges::flagChangesOf(qint64 folderId,
                                                                    quint32 uid) const
{
    QList<FlagChange> result;
    for (const Flags &flags : m_flagChanges) {
        if (flags.folderId == folderId && contains(flags.uids, uid))
            result.append(flags.change);
    }
    return result;
}

MessageRecord::Flags UnwrittenChanges::flags(qint64 folderId, quint32 uid,
                                             MessageRecord::Flags stored) const
{
    for (const Flags &flags : m_flagChanges) {
        if (flags.folderId == folderId && contains(flags.uids, uid))
            stored = (stored | flags.change.add) & ~flags.change.remove;
    }
    return stored;
}

void UnwrittenChanges::apply(MessageRecord *record) const
{
    if (!m_flagChanges.isEmpty())
        record->flags = flags(record->folderId, record->uid, record->flags);
}

void UnwrittenChanges::forget(qint64 folderId)
{
    if (folderId == 0) {
        m_hidden.clear();
        m_flagChanges.clear();
        return;
    }
    m_hidden.remove(folderId);
    m_flagChanges.removeIf([folderId](const Flags &flags) { return flags.folderId == folderId; });
}

UnwrittenChanges UnwrittenChanges::folderOnly(qint64 folderId) const
{
    UnwrittenChanges copy;
    const auto hidden = m_hidden.constFind(folderId);
    if (hidden != m_hidden.cend())
        copy.m_hidden.insert(folderId, *hidden);
    for (const Flags &flags : m_flagChanges) {
        if (flags.folderId == folderId)
            copy.m_flagChanges.append(flags);
    }
    return copy;
}

QString UnwrittenChanges::hiddenCondition(qint64 folderId) const
{
    const bool hides = folderId == 0 ? hidesAny() : hidesIn(folderId);
    return hides ? QStringLiteral(" AND NOT heron_hidden(folder_id, uid)") : QString();
}

QString UnwrittenChanges::flagsExpression(qint64 folderId) const
{
    const bool changes = folderId == 0 ? changesAnyFlags() : changesFlagsIn(folderId);
    return changes ? QStringLiteral("heron_flags(folder_id, uid, flags)") : QStringLiteral("flags");
}

QStringList UnwrittenChanges::unreadConditions(qint64 folderId) const
{
    const QString unreadInTable = QStringLiteral(" AND (flags & 1) = 0");
    const bool changes = folderId == 0 ? hidesAny() || changesAnyFlags()
                                       : hidesIn(folderId) || changesFlagsIn(folderId);
    if (!changes)
        return {unreadInTable};
    // Unread in the table and not read through a change still to write; then, where a change
    // removes \Seen, read in the table but unread through it.
    const QString unreadAfter = QStringLiteral(" AND (") + flagsExpression(folderId)
                                + QStringLiteral(" & 1) = 0") + hiddenCondition(folderId);
    QStringList conditions {unreadInTable + unreadAfter};
    if (removesAny(folderId, MessageRecord::Seen))
        conditions.append(QStringLiteral(" AND (flags & 1) != 0") + unreadAfter);
    return conditions;
}

bool UnwrittenChanges::install(sqlite3 *db)
{
    return db
           && sqlite3_create_function_v2(db, "heron_hidden", 2, SQLITE_UTF8, this, &hiddenFunction,
                                         nullptr, nullptr, nullptr)
                      == SQLITE_OK
           && sqlite3_create_function_v2(db, "heron_flags", 3, SQLITE_UTF8, this, &flagsFunction,
                                         nullptr, nullptr, nullptr)
                      == SQLITE_OK;
}
