#include "foldericonproxymodel.h"

#include "icons.h"

#include <QFont>

void FolderIconProxyModel::setSourceModel(QAbstractItemModel *model)
{
    m_specialUseRole = -1;
    m_iconNameRole = -1;
    m_unreadRole = -1;
    if (model) {
        const QHash<int, QByteArray> roles = model->roleNames();
        for (auto it = roles.cbegin(); it != roles.cend(); ++it) {
            if (it.value() == "specialUse")
                m_specialUseRole = it.key();
            else if (it.value() == "iconName")
                m_iconNameRole = it.key();
            else if (it.value() == "unreadCount")
                m_unreadRole = it.key();
        }
    }
    QIdentityProxyModel::setSourceModel(model);
}

QString FolderIconProxyModel::iconNameFor(const QString &specialUse, const QString &name)
{
    const QString use = specialUse.toLower();
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("inbox"))
        return QStringLiteral("inbox");
    struct Kind
    {
        const char *icon;
        const char *attribute;
        QStringList names;
    };
    static const QList<Kind> kinds = {
            {"drafts", "\\drafts", {QStringLiteral("drafts"), QStringLiteral("entwürfe")}},
            {"sent",
             "\\sent",
             {QStringLiteral("sent"), QStringLiteral("sent messages"), QStringLiteral("sent items"),
              QStringLiteral("gesendet")}},
            {"trash",
             "\\trash",
             {QStringLiteral("trash"), QStringLiteral("deleted items"),
              QStringLiteral("deleted messages"), QStringLiteral("papierkorb")}},
            {"junk", "\\junk", {QStringLiteral("junk"), QStringLiteral("spam")}},
            {"archive", "\\archive", {QStringLiteral("archive"), QStringLiteral("archiv")}},
    };
    for (const Kind &kind : kinds)
        if (use == QLatin1String(kind.attribute))
            return QLatin1String(kind.icon);
    for (const Kind &kind : kinds)
        if (kind.names.contains(n))
            return QLatin1String(kind.icon);
    return QStringLiteral("folder");
}

QVariant FolderIconProxyModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::FontRole && m_unreadRole >= 0) {
        QFont font;
        font.setBold(QIdentityProxyModel::data(index, m_unreadRole).toInt() > 0);
        return font;
    }
    if (role != Qt::DecorationRole || index.column() != 0)
        return QIdentityProxyModel::data(index, role);
    const QVariant own = QIdentityProxyModel::data(index, role);
    if (own.isValid())
        return own;
    if (m_iconNameRole >= 0) {
        const QString name = QIdentityProxyModel::data(index, m_iconNameRole).toString();
        if (!name.isEmpty())
            return Icons::icon(name);
    }
    const QString specialUse = m_specialUseRole >= 0
                                       ? QIdentityProxyModel::data(index, m_specialUseRole).toString()
                                       : QString();
    const QString name = QIdentityProxyModel::data(index, Qt::DisplayRole).toString();
    return Icons::icon(iconNameFor(specialUse, name));
}
