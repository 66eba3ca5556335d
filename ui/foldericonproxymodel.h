#pragma once

#include <QIdentityProxyModel>

// Gives folder rows their icons (inbox, drafts, sent, trash, junk, archive, plain folder), and
// rows with unread mail a bold font, so a folder model in core stays free of QIcon and QFont.
// The icon is the one a role named "iconName" names when the source model has one; else the
// kind of folder comes from a role named "specialUse" (RFC 6154 values like "\\Sent"), else
// from the folder's display name. The font follows a role named "unreadCount".
class FolderIconProxyModel : public QIdentityProxyModel
{
    Q_OBJECT
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    void setSourceModel(QAbstractItemModel *model) override;

    // The icon name for a folder: "inbox", "sent", ... or "folder".
    static QString iconNameFor(const QString &specialUse, const QString &name);

private:
    int m_specialUseRole = -1;
    int m_iconNameRole = -1;
    int m_unreadRole = -1;
};
