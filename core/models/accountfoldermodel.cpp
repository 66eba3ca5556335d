#include "accountfoldermodel.h"

#include "folderdisplayname.h"

#include <algorithm>
#include <functional>

struct AccountFolderModel::Node
{
    Kind kind = Kind::Folder;
    QString accountId;
    Node *parent = nullptr;
    Nodes children;
    // Account rows.
    QString name;
    QString address;
    int state = 0;
    QString detail;
    QPointer<FolderTreeModel> tree;
    QList<QMetaObject::Connection> connections;
    // Folder rows.
    QPersistentModelIndex source;
};

AccountFolderModel::AccountFolderModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

AccountFolderModel::~AccountFolderModel()
{
    for (const std::unique_ptr<Node> &node : m_top) {
        for (const QMetaObject::Connection &connection : std::as_const(node->connections))
            disconnect(connection);
    }
}

QString AccountFolderModel::iconNameFor(FolderRecord::SpecialUse use, const QString &name)
{
    switch (use) {
    case FolderRecord::SpecialUse::Inbox:
        return QStringLiteral("inbox");
    case FolderRecord::SpecialUse::Drafts:
        return QStringLiteral("drafts");
    case FolderRecord::SpecialUse::Sent:
        return QStringLiteral("sent");
    case FolderRecord::SpecialUse::Trash:
        return QStringLiteral("trash");
    case FolderRecord::SpecialUse::Junk:
        return QStringLiteral("junk");
    case FolderRecord::SpecialUse::Archive:
        return QStringLiteral("archive");
    case FolderRecord::SpecialUse::None:
        break;
    }
    // Servers without SPECIAL-USE: the names people give these folders.
    static const QList<std::pair<QString, QStringList>> known = {
            {QStringLiteral("inbox"), {QStringLiteral("inbox")}},
            {QStringLiteral("drafts"), {QStringLiteral("drafts"), QStringLiteral("entwürfe")}},
            {QStringLiteral("sent"),
             {QStringLiteral("sent"), QStringLiteral("sent messages"), QStringLiteral("sent items"),
              QStringLiteral("gesendet")}},
            {QStringLiteral("trash"),
             {QStringLiteral("trash"), QStringLiteral("deleted items"),
              QStringLiteral("deleted messages"), QStringLiteral("papierkorb")}},
            {QStringLiteral("junk"), {QStringLiteral("junk"), QStringLiteral("spam")}},
            {QStringLiteral("archive"), {QStringLiteral("archive"), QStringLiteral("archiv")}},
    };
    const QString lower = name.trimmed().toLower();
    for (const auto &[icon, names] : known) {
        if (names.contains(lower))
            return icon;
    }
    return QStringLiteral("folder");
}

int AccountFolderModel::accountCount() const
{
    return int(std::count_if(m_top.cbegin(), m_top.cend(),
                             [](const auto &node) { return node->kind == Kind::Account; }));
}

AccountFolderModel::Node *AccountFolderModel::accountNode(const QString &accountId) const
{
    for (const std::unique_ptr<Node> &node : m_top) {
        if (node->kind == Kind::Account && node->accountId == accountId)
            return node.get();
    }
    return nullptr;
}

void AccountFolderModel::addAccount(int position, const QString &accountId, const QString &name,
                                    const QString &address, FolderTreeModel *tree)
{
    if (accountNode(accountId))
        removeAccount(accountId);
    const int first = m_top.empty() || m_top.front()->kind != Kind::AllInboxes ? 0 : 1;
    const int row = first + std::clamp(position, 0, accountCount());
    auto node = std::make_unique<Node>();
    node->kind = Kind::Account;
    node->accountId = accountId;
    node->name = name;
    node->address = address;
    node->tree = tree;
    fillFolders(node.get(), tree, QModelIndex());
    Node *added = node.get();
    beginInsertRows(QModelIndex(), row, row);
    m_top.insert(m_top.begin() + row, std::move(node));
    endInsertRows();

    const auto reload = [this, accountId] {
        reloadFolders(accountId);
    };
    added->connections = {
            connect(tree, &QAbstractItemModel::dataChanged, this,
                    [this, accountId](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                        onSourceDataChanged(accountId, topLeft, bottomRight);
                    }),
            connect(tree, &QAbstractItemModel::modelReset, this, reload),
            connect(tree, &QAbstractItemModel::rowsInserted, this, reload),
            connect(tree, &QAbstractItemModel::rowsRemoved, this, reload),
            connect(tree, &QAbstractItemModel::rowsMoved, this, reload),
            connect(tree, &QAbstractItemModel::layoutChanged, this, reload),
    };
    updateFixedRows();
}

void AccountFolderModel::removeAccount(const QString &accountId)
{
    Node *node = accountNode(accountId);
    if (!node)
        return;
    for (const QMetaObject::Connection &connection : std::as_const(node->connections))
        disconnect(connection);
    const int row = indexOf(node).row();
    beginRemoveRows(QModelIndex(), row, row);
    m_top.erase(m_top.begin() + row);
    endRemoveRows();
    updateFixedRows();
}

void AccountFolderModel::setAccountName(const QString &accountId, const QString &name,
                                        const QString &address)
{
    Node *node = accountNode(accountId);
    if (!node || (node->name == name && node->address == address))
        return;
    node->name = name;
    node->address = address;
    const QModelIndex index = indexOf(node);
    Q_EMIT dataChanged(index, index);
}

void AccountFolderModel::setConnectionState(const QString &accountId, int state,
                                            const QString &detail)
{
    Node *node = accountNode(accountId);
    if (!node || (node->state == state && node->detail == detail))
        return;
    node->state = state;
    node->detail = detail;
    const QModelIndex index = indexOf(node);
    Q_EMIT dataChanged(index, index, {ConnectionStateRole, Qt::ToolTipRole});
}

void AccountFolderModel::setAllInboxesUnread(int unread)
{
    if (m_allInboxesUnread == unread)
        return;
    m_allInboxesUnread = unread;
    if (const QModelIndex index = allInboxesIndex(); index.isValid())
        Q_EMIT dataChanged(index, index);
}

void AccountFolderModel::setOutboxCount(int count)
{
    if (m_outboxCount == count)
        return;
    m_outboxCount = count;
    if (const QModelIndex index = outboxIndex(); index.isValid())
        Q_EMIT dataChanged(index, index);
}

void AccountFolderModel::updateFixedRows()
{
    const bool wantAll = accountCount() > 1;
    const bool hasAll = !m_top.empty() && m_top.front()->kind == Kind::AllInboxes;
    if (wantAll && !hasAll) {
        beginInsertRows(QModelIndex(), 0, 0);
        auto node = std::make_unique<Node>();
        node->kind = Kind::AllInboxes;
        m_top.insert(m_top.begin(), std::move(node));
        endInsertRows();
    } else if (!wantAll && hasAll) {
        beginRemoveRows(QModelIndex(), 0, 0);
        m_top.erase(m_top.begin());
        endRemoveRows();
    }
    const bool wantOutbox = accountCount() > 0;
    const bool hasOutbox = !m_top.empty() && m_top.back()->kind == Kind::Outbox;
    const int last = int(m_top.size());
    if (wantOutbox && !hasOutbox) {
        beginInsertRows(QModelIndex(), last, last);
        auto node = std::make_unique<Node>();
        node->kind = Kind::Outbox;
        m_top.push_back(std::move(node));
        endInsertRows();
    } else if (!wantOutbox && hasOutbox) {
        beginRemoveRows(QModelIndex(), last - 1, last - 1);
        m_top.pop_back();
        endRemoveRows();
    }
}

void AccountFolderModel::fillFolders(Node *parent, FolderTreeModel *tree,
                                     const QModelIndex &sourceParent)
{
    if (!tree)
        return;
    for (int row = 0; row < tree->rowCount(sourceParent); ++row) {
        auto node = std::make_unique<Node>();
        node->kind = Kind::Folder;
        node->accountId = parent->accountId;
        node->parent = parent;
        node->source = tree->index(row, 0, sourceParent);
        fillFolders(node.get(), tree, node->source);
        parent->children.push_back(std::move(node));
    }
}

void AccountFolderModel::reloadFolders(const QString &accountId)
{
    Node *account = accountNode(accountId);
    if (!account)
        return;
    const QModelIndex index = indexOf(account);
    if (!account->children.empty()) {
        beginRemoveRows(index, 0, int(account->children.size()) - 1);
        account->children.clear();
        endRemoveRows();
    }
    auto filled = std::make_unique<Node>();
    filled->accountId = accountId;
    fillFolders(filled.get(), account->tree, QModelIndex());
    if (filled->children.empty())
        return;
    beginInsertRows(index, 0, int(filled->children.size()) - 1);
    account->children = std::move(filled->children);
    for (const std::unique_ptr<Node> &child : account->children)
        child->parent = account;
    endInsertRows();
}

void AccountFolderModel::onSourceDataChanged(const QString &accountId, const QModelIndex &topLeft,
                                             const QModelIndex &bottomRight)
{
    Node *account = accountNode(accountId);
    if (!account)
        return;
    // The folders of an account are few: finding the changed rows by walking them is cheap.
    std::function<void(const Node *)> visit = [&](const Node *node) {
        for (const std::unique_ptr<Node> &child : node->children) {
            const QModelIndex source = child->source;
            if (source.parent() == topLeft.parent() && source.row() >= topLeft.row()
                && source.row() <= bottomRight.row()) {
                const QModelIndex changed = indexOf(child.get());
                Q_EMIT dataChanged(changed, changed);
            }
            visit(child.get());
        }
    };
    visit(account);
}

AccountFolderModel::Node *AccountFolderModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

const AccountFolderModel::Nodes &AccountFolderModel::childrenOf(const Node *node) const
{
    return node ? node->children : m_top;
}

QModelIndex AccountFolderModel::indexOf(const Node *node) const
{
    if (!node)
        return {};
    const Nodes &siblings = childrenOf(node->parent);
    const auto it = std::find_if(siblings.cbegin(), siblings.cend(),
                                 [node](const auto &sibling) { return sibling.get() == node; });
    if (it == siblings.cend())
        return {};
    return createIndex(int(it - siblings.cbegin()), 0, const_cast<Node *>(node));
}

QModelIndex AccountFolderModel::allInboxesIndex() const
{
    return !m_top.empty() && m_top.front()->kind == Kind::AllInboxes ? index(0, 0) : QModelIndex();
}

QModelIndex AccountFolderModel::outboxIndex() const
{
    return !m_top.empty() && m_top.back()->kind == Kind::Outbox ? index(int(m_top.size()) - 1, 0)
                                                                : QModelIndex();
}

QModelIndex AccountFolderModel::accountIndex(const QString &accountId) const
{
    return indexOf(accountNode(accountId));
}

QModelIndex AccountFolderModel::folderIndex(const QString &accountId, qint64 folderId) const
{
    const Node *found = nullptr;
    std::function<void(const Node *)> visit = [&](const Node *node) {
        for (const std::unique_ptr<Node> &child : node->children) {
            if (found)
                return;
            if (child->source.data(FolderTreeModel::FolderIdRole).toLongLong() == folderId)
                found = child.get();
            visit(child.get());
        }
    };
    if (const Node *account = accountNode(accountId))
        visit(account);
    return indexOf(found);
}

QModelIndex AccountFolderModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Nodes &children = childrenOf(nodeFor(parent));
    return createIndex(row, column, children.at(size_t(row)).get());
}

QModelIndex AccountFolderModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeFor(child);
    return node ? indexOf(node->parent) : QModelIndex();
}

int AccountFolderModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(childrenOf(nodeFor(parent)).size());
}

int AccountFolderModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant AccountFolderModel::folderData(const Node *node, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: {
        // The Inbox is "INBOX" on the wire, a Trash may be "Deleted Items": special folders are
        // shown by their role, in the user's language; the tooltip keeps the server's name.
        const QString name = FolderDisplayName::of(
                FolderRecord::SpecialUse(node->source.data(FolderTreeModel::SpecialUseRole).toInt()),
                node->source.data(Qt::DisplayRole).toString());
        // The name alone, as a folder is renamed; the list shows its unread count too.
        if (role == Qt::EditRole)
            return name;
        const int unread = node->source.data(FolderTreeModel::UnreadCountRole).toInt();
        return unread > 0 ? tr("%1 (%2)").arg(name).arg(unread) : name;
    }
    case IconNameRole:
        return iconNameFor(FolderRecord::SpecialUse(
                                   node->source.data(FolderTreeModel::SpecialUseRole).toInt()),
                           node->source.data(Qt::DisplayRole).toString());
    case Qt::ToolTipRole:
        return node->source.data(FolderTreeModel::PathRole);
    default:
        return role == FolderTreeModel::FolderIdRole
                               || (role >= FolderTreeModel::PathRole
                                   && role <= FolderTreeModel::IsSubscribedRole)
                       ? node->source.data(role)
                       : QVariant();
    }
}

QVariant AccountFolderModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    if (role == KindRole)
        return int(node->kind);
    if (role == AccountIdRole)
        return node->accountId;
    switch (node->kind) {
    case Kind::Folder:
        return folderData(node, role);
    case Kind::Account:
        switch (role) {
        case Qt::DisplayRole:
            return node->name;
        case Qt::ToolTipRole:
            return node->detail.isEmpty() ? node->address
                                          : node->address + QLatin1Char('\n') + node->detail;
        case IconNameRole:
            return QStringLiteral("accounts");
        case ConnectionStateRole:
            return node->state;
        default:
            return {};
        }
    case Kind::AllInboxes:
        switch (role) {
        case Qt::DisplayRole:
            return m_allInboxesUnread > 0 ? tr("All Inboxes (%1)").arg(m_allInboxesUnread)
                                          : tr("All Inboxes");
        case Qt::ToolTipRole:
            return tr("The Inboxes of all accounts together");
        case IconNameRole:
            return QStringLiteral("unified-inbox");
        case FolderTreeModel::UnreadCountRole:
            return m_allInboxesUnread;
        default:
            return {};
        }
    case Kind::Outbox:
        switch (role) {
        case Qt::DisplayRole:
            return m_outboxCount > 0 ? tr("Outbox (%1)").arg(m_outboxCount) : tr("Outbox");
        case Qt::ToolTipRole:
            return tr("Messages not sent yet");
        case IconNameRole:
            return QStringLiteral("outbox");
        case FolderTreeModel::MessageCountRole:
            return m_outboxCount;
        default:
            return {};
        }
    }
    return {};
}

Qt::ItemFlags AccountFolderModel::flags(const QModelIndex &index) const
{
    const Node *node = nodeFor(index);
    if (!node)
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled;
    const bool selectable = node->kind == Kind::Folder
                                    ? node->source.data(FolderTreeModel::IsSelectableRole).toBool()
                                    : node->kind != Kind::Account;
    if (selectable)
        result |= Qt::ItemIsSelectable;
    if (node->kind != Kind::Account && node->children.empty())
        result |= Qt::ItemNeverHasChildren;
    return result;
}

QHash<int, QByteArray> AccountFolderModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(FolderTreeModel::FolderIdRole, "folderId");
    names.insert(FolderTreeModel::SpecialUseRole, "specialUse");
    names.insert(FolderTreeModel::UnreadCountRole, "unreadCount");
    names.insert(AccountIdRole, "accountId");
    names.insert(KindRole, "kind");
    names.insert(IconNameRole, "iconName");
    names.insert(ConnectionStateRole, "connectionState");
    return names;
}
