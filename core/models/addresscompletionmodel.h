#pragma once

#include "people/contact.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>

class AddressBook;

// The address book's best matches for what is being typed in a recipient field, best first:
// setQuery() fills the rows (display: "Name <address>"). Rows change only when asked.
class AddressCompletionModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        AddressRole,
        UsesRole,
    };

    explicit AddressCompletionModel(AddressBook *book, QObject *parent = nullptr);

    // How many rows a query gives at most (default 10).
    void setLimit(int limit) { m_limit = limit; }
    void setQuery(const QString &typed);
    QString query() const { return m_query; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // "Name <address>", quoting the name where RFC 5322 needs it, or the bare address.
    static QString displayText(const Contact &contact);

private:
    QPointer<AddressBook> m_book;
    QString m_query;
    QList<Contact> m_rows;
    int m_limit = 10;
};
