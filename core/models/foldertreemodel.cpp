#include "foldertreemodel.h"

#include "common/logging.h"
#include "store/foldercounter.h"
#include "store/messagestore.h"

#include <QHash>
#include <QScopeGuard>

#include <algorithm>
#include <vector>

struct FolderTreeModel::Node
{
    QString name;
    QString path;
    qint64 folderId = 0;
    FolderRecord::SpecialUse specialUse = FolderRecord::SpecialUse::None;
    bool selectable = false;
    bool subscribed = false;
    quint32 uidValidity = 0; // 0: never synchronised
    FolderCounts server; // as the server last reported them
    int unread = 0;
    int messages = 0;
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    Node *child(const QString &childName) const
    {
        for (const auto &c : children) {
            if (c->name == childName)
                return c.get();
        }
        return nullptr;
    }
    // Same paths in the same places: only the values of the nodes may differ.
    bool sameShape(const Node &other) const
    {
        if (path != other.path || children.size() != other.children.size())
            return false;
        for (size_t i = 0; i < children.size(); ++i) {
            if (!children[i]->sameShape(*other.children[i]))
                return false;
        }
        return true;
    }
    bool sameValues(const Node &other) const
    {
        return folderId == other.folderId && specialUse == other.specialUse
               && selectable == other.selectable && subscribed == other.subscribed
               && uidValidity == other.uidValidity && server == other.server
               && unread == other.unread && messages == other.messages;
    }
};

namespace {

int specialRank(FolderRecord::SpecialUse use)
{
    switch (use) {
    case FolderRecord::SpecialUse::Inbox:
        return 0;
    case FolderRecord::SpecialUse::Drafts:
        return 1;
    case FolderRecord::SpecialUse::Sent:
        return 2;
    case FolderRecord::SpecialUse::Archive:
        return 3;
    case FolderRecord::SpecialUse::Junk:
        return 4;
    case FolderRecord::SpecialUse::Trash:
        return 5;
    case FolderRecord::SpecialUse::None:
        break;
    }
    return 6;
}

} // namespace

FolderTreeModel::FolderTreeModel(MessageStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
    , m_root(std::make_unique<Node>())
{
    if (store) {
        m_counter = new FolderCounter(store, this);
        connect(m_counter, &FolderCounter::counted, this, &FolderTreeModel::showCounts);
        connect(m_counter, &FolderCounter::failed, this, &FolderTreeModel::errorOccurred);
        connect(store, &MessageStore::foldersChanged, this, &FolderTreeModel::reload);
        connect(store, &MessageStore::messagesAdded, this,
                [this](qint64 folderId) { updateCounts(folderId); });
        connect(store, &MessageStore::messagesChanged, this,
                [this](qint64 folderId) { updateCounts(folderId); });
        connect(store, &MessageStore::messagesRemoved, this,
                [this](qint64 folderId) { updateCounts(folderId); });
        connect(store, &MessageStore::folderCleared, this,
                [this](qint64 folderId) { updateCounts(folderId); });
        connect(store, &QObject::destroyed, this, [this] {
            beginResetModel();
            m_root = std::make_unique<Node>();
            endResetModel();
        });
    }
    reload();
}

FolderTreeModel::~FolderTreeModel() = default;

std::unique_ptr<FolderTreeModel::Node> FolderTreeModel::buildTree(const QList<FolderRecord> &folders,
                                                                  QList<qint64> *toCount) const
{
    // Counts already known are kept: the store's signals keep them current.
    QHash<qint64, const Node *> known;
    std::vector<const Node *> walk {m_root.get()};
    while (!walk.empty()) {
        const Node *node = walk.back();
        walk.pop_back();
        if (node->folderId != 0)
            known.insert(node->folderId, node);
        for (const auto &child : node->children)
            walk.push_back(child.get());
    }

    auto root = std::make_unique<Node>();
    for (const FolderRecord &folder : folders) {
        const QStringList parts = folder.delimiter.isNull()
                                          ? QStringList {folder.path}
                                          : folder.path.split(folder.delimiter, Qt::SkipEmptyParts);
        Node *node = root.get();
        QString path;
        for (const QString &part : parts) {
            path = path.isEmpty() ? part : path + folder.delimiter + part;
            Node *next = node->child(part);
            if (!next) {
                auto created = std::make_unique<Node>();
                created->name = part;
                created->path = path;
                created->parent = node;
                next = created.get();
                node->children.push_back(std::move(created));
            }
            node = next;
        }
        if (node == root.get())
            continue;
        node->path = folder.path;
        node->folderId = folder.id;
        node->specialUse = folder.specialUse;
        if (folder.isInbox())
            node->specialUse = FolderRecord::SpecialUse::Inbox;
        node->selectable = folder.isSelectable();
        node->subscribed = folder.subscribed;
        node->uidValidity = folder.uidValidity;
        node->server = {int(folder.unseen), int(folder.exists)};
        const Node *before = known.value(folder.id);
        if (before && folder.uidValidity != 0 && before->uidValidity == folder.uidValidity) {
            node->messages = before->messages;
            node->unread = before->unread;
        } else {
            // Until the cache is counted, the server's last counts. They also tell how large
            // the folder is, and with it whether it is counted on a worker.
            node->messages = node->server.messages;
            node->unread = node->server.unread;
            toCount->append(folder.id);
        }
    }

    std::vector<Node *> pending {root.get()};
    while (!pending.empty()) {
        Node *node = pending.back();
        pending.pop_back();
        std::sort(node->children.begin(), node->children.end(),
                  [](const std::unique_ptr<Node> &a, const std::unique_ptr<Node> &b) {
                      const int ra = specialRank(a->specialUse);
                      const int rb = specialRank(b->specialUse);
                      if (ra != rb)
                          return ra < rb;
                      const int byName = a->name.compare(b->name, Qt::CaseInsensitive);
                      return byName != 0 ? byName < 0 : a->name < b->name;
                  });
        for (size_t i = 0; i < node->children.size(); ++i) {
            node->children[i]->row = int(i);
            pending.push_back(node->children[i].get());
        }
    }
    return root;
}

void FolderTreeModel::reload()
{
    if (!m_store)
        return;
    const StoreResult<QList<FolderRecord>> folders = m_store->folders();
    if (!folders) {
        qCWarning(lcStore) << "folder tree:" << folders.error().toString();
        Q_EMIT errorOccurred(folders.error());
        return;
    }
    QList<qint64> toCount;
    std::unique_ptr<Node> tree = buildTree(folders.value(), &toCount);
    const auto countNewFolders = qScopeGuard([this, &toCount] {
        for (qint64 folderId : std::as_const(toCount))
            updateCounts(folderId);
    });
    if (!tree->sameShape(*m_root)) {
        beginResetModel();
        m_root = std::move(tree);
        endResetModel();
        return;
    }
    // Same tree: move the new values into the existing nodes and report the ones that changed.
    std::vector<std::pair<Node *, Node *>> pairs {{m_root.get(), tree.get()}};
    while (!pairs.empty()) {
        auto [current, fresh] = pairs.back();
        pairs.pop_back();
        for (size_t i = 0; i < current->children.size(); ++i)
            pairs.emplace_back(current->children[i].get(), fresh->children[i].get());
        if (current == m_root.get() || current->sameValues(*fresh))
            continue;
        current->folderId = fresh->folderId;
        current->specialUse = fresh->specialUse;
        current->selectable = fresh->selectable;
        current->subscribed = fresh->subscribed;
        current->uidValidity = fresh->uidValidity;
        current->server = fresh->server;
        current->unread = fresh->unread;
        current->messages = fresh->messages;
        const QModelIndex changed = indexOf(current);
        Q_EMIT dataChanged(changed, changed);
    }
}

void FolderTreeModel::updateCounts(qint64 folderId)
{
    if (const Node *node = nodeFor(indexForFolderId(folderId)); node && m_counter)
        m_counter->recount(folderId, node->messages);
}

void FolderTreeModel::showCounts(qint64 folderId, const FolderCounts &cached)
{
    const QModelIndex index = indexForFolderId(folderId);
    Node *node = nodeFor(index);
    if (!node)
        return;
    // Never synchronised, so nothing cached: the server's counts are the best we know. A
    // synchronised folder with nothing cached is empty (its messages moved away).
    const FolderCounts counts = node->uidValidity == 0 && cached.messages == 0 ? node->server
                                                                               : cached;
    if (counts.unread == node->unread && counts.messages == node->messages)
        return;
    node->unread = counts.unread;
    node->messages = counts.messages;
    Q_EMIT dataChanged(index, index, {UnreadCountRole, MessageCountRole});
}

QModelIndex FolderTreeModel::indexOf(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, 0, const_cast<Node *>(node));
}

FolderTreeModel::Node *FolderTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

QModelIndex FolderTreeModel::indexForPath(const QString &path) const
{
    std::vector<const Node *> pending {m_root.get()};
    while (!pending.empty()) {
        const Node *node = pending.back();
        pending.pop_back();
        if (node != m_root.get() && node->path == path)
            return indexOf(node);
        for (const auto &child : node->children)
            pending.push_back(child.get());
    }
    return {};
}

QModelIndex FolderTreeModel::indexForFolderId(qint64 folderId) const
{
    if (folderId == 0)
        return {};
    std::vector<const Node *> pending {m_root.get()};
    while (!pending.empty()) {
        const Node *node = pending.back();
        pending.pop_back();
        if (node->folderId == folderId)
            return indexOf(node);
        for (const auto &child : node->children)
            pending.push_back(child.get());
    }
    return {};
}

QModelIndex FolderTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    const Node *node = parent.isValid() ? nodeFor(parent) : m_root.get();
    if (!node || size_t(row) >= node->children.size())
        return {};
    return createIndex(row, 0, node->children[size_t(row)].get());
}

QModelIndex FolderTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeFor(child);
    return node ? indexOf(node->parent) : QModelIndex();
}

int FolderTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const Node *node = parent.isValid() ? nodeFor(parent) : m_root.get();
    return node ? int(node->children.size()) : 0;
}

int FolderTreeModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent);
    return 1;
}

QVariant FolderTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
        return node->name;
    case FolderIdRole:
        return node->folderId;
    case PathRole:
        return node->path;
    case SpecialUseRole:
        return int(node->specialUse);
    case UnreadCountRole:
        return node->unread;
    case MessageCountRole:
        return node->messages;
    case IsSelectableRole:
        return node->selectable;
    case IsSubscribedRole:
        return node->subscribed;
    default:
        return {};
    }
}

Qt::ItemFlags FolderTreeModel::flags(const QModelIndex &index) const
{
    const Node *node = nodeFor(index);
    if (!node)
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled;
    if (node->selectable)
        result |= Qt::ItemIsSelectable;
    if (node->children.empty())
        result |= Qt::ItemNeverHasChildren;
    return result;
}

QHash<int, QByteArray> FolderTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(FolderIdRole, "folderId");
    names.insert(PathRole, "path");
    names.insert(SpecialUseRole, "specialUse");
    names.insert(UnreadCountRole, "unreadCount");
    names.insert(MessageCountRole, "messageCount");
    names.insert(IsSelectableRole, "isSelectable");
    names.insert(IsSubscribedRole, "isSubscribed");
    return names;
}
