#include "messagegroups.h"

#include "messagelistmodel.h"
#include "unifiedinboxmodel.h"

#include <QMimeData>
#include <QSet>

#include <algorithm>
#include <memory>

namespace MessageGroups {

namespace {

QList<MessageGroup> rowByRow(const QModelIndexList &rows)
{
    QList<MessageGroup> groups;
    for (const QModelIndex &row : rows) {
        const QString account = row.data(UnifiedInboxModel::AccountIdRole).toString();
        const qint64 folderId = row.data(MessageListModel::FolderIdRole).toLongLong();
        if (folderId == 0)
            continue;
        auto group = std::find_if(groups.begin(), groups.end(), [&](const MessageGroup &g) {
            return g.accountId == account && g.folderId == folderId;
        });
        if (group == groups.end()) {
            groups.append(MessageGroup {account, folderId, {}});
            group = groups.end() - 1;
        }
        group->uids.append(row.data(MessageListModel::UidRole).toUInt());
    }
    return groups;
}

} // namespace

QModelIndexList rowsOf(const QItemSelection &selection)
{
    // From the selection's ranges: QItemSelectionModel::selectedRows() asks every column of
    // every row whether it is selected, half a second for a million rows.
    QModelIndexList rows;
    QSet<QModelIndex> seen; // ranges may overlap when there are several
    for (const QItemSelectionRange &range : selection) {
        const QAbstractItemModel *model = range.model();
        if (!model)
            continue;
        rows.reserve(rows.size() + range.height());
        for (int row = range.top(); row <= range.bottom(); ++row) {
            const QModelIndex index = model->index(row, 0, range.parent());
            if (selection.size() > 1) {
                if (seen.contains(index))
                    continue;
                seen.insert(index);
            }
            rows.append(index);
        }
    }
    return rows;
}

std::optional<MessageGroup> wholeFolderOf(const QItemSelection &selection)
{
    if (selection.size() != 1)
        return std::nullopt;
    const QItemSelectionRange &range = selection.constFirst();
    const auto *list = qobject_cast<const MessageListModel *>(range.model());
    if (!list || !list->showsWholeFolder() || range.parent().isValid() || range.top() != 0
        || range.bottom() != list->rowCount() - 1 || list->rowCount() < list->backgroundCountRows())
        return std::nullopt;
    MessageGroup folder;
    folder.folderId = list->folderId();
    folder.wholeFolder = true;
    return folder;
}

QList<MessageGroup> of(const QItemSelection &selection)
{
    if (std::optional<MessageGroup> folder = wholeFolderOf(selection))
        return {*folder};
    return of(rowsOf(selection));
}

QList<MessageGroup> of(const QModelIndexList &rows)
{
    if (rows.isEmpty())
        return {};
    const QAbstractItemModel *model = rows.first().model();
    const bool oneModel = model
                          && std::all_of(rows.cbegin(), rows.cend(),
                                         [model](const QModelIndex &row) {
                                             return row.model() == model;
                                         });
    if (oneModel) {
        if (const auto *list = qobject_cast<const MessageListModel *>(model);
            list && list->folderId() != 0)
            return {MessageGroup {QString(), list->folderId(), list->uidsOf(rows)}};
        const std::unique_ptr<QMimeData> mime(model->mimeData(rows));
        MessageGroup group;
        if (MessageListModel::decodeMimeData(mime.get(), &group.folderId, &group.uids)) {
            group.accountId = UnifiedInboxModel::accountOf(mime.get());
            return {group};
        }
    }
    return rowByRow(rows);
}

} // namespace MessageGroups
