#include "addresscompletionmodel.h"

#include "people/addressbook.h"

AddressCompletionModel::AddressCompletionModel(AddressBook *book, QObject *parent)
    : QAbstractListModel(parent)
    , m_book(book)
{ }

void AddressCompletionModel::setQuery(const QString &typed)
{
    beginResetModel();
    m_query = typed;
    m_rows = m_book ? m_book->complete(typed, m_limit) : QList<Contact>();
    endResetModel();
}

int AddressCompletionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString AddressCompletionModel::displayText(const Contact &contact)
{
    if (contact.name.isEmpty())
        return contact.address;
    QString name = contact.name;
    static const QString specials = QStringLiteral("()<>[]:;@\\,.\"");
    bool quote = false;
    for (const QChar c : name)
        quote = quote || specials.contains(c);
    if (quote) {
        name.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        name.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        name = QLatin1Char('"') + name + QLatin1Char('"');
    }
    return name + QStringLiteral(" <") + contact.address + QLatin1Char('>');
}

QVariant AddressCompletionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Contact &contact = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return displayText(contact);
    case NameRole:
        return contact.name;
    case AddressRole:
        return contact.address;
    case UsesRole:
        return contact.uses;
    default:
        return {};
    }
}

QHash<int, QByteArray> AddressCompletionModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(AddressRole, "address");
    names.insert(UsesRole, "uses");
    return names;
}
