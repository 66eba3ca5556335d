#include "outboxmodel.h"

#include "outbox/messagesender.h"

#include <QLocale>

#include <algorithm>

OutboxModel::OutboxModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

OutboxModel::~OutboxModel() = default;

void OutboxModel::addSender(const QString &accountId, MessageSender *sender)
{
    removeSender(accountId);
    m_sources.append(Source {accountId, sender});
    connect(sender, &MessageSender::entriesChanged, this, &OutboxModel::reload);
    connect(sender, &MessageSender::busyChanged, this, &OutboxModel::reload);
    connect(sender, &QObject::destroyed, this, [this, accountId] { removeSender(accountId); });
    reload();
}

void OutboxModel::removeSender(const QString &accountId)
{
    const auto found = std::find_if(m_sources.begin(), m_sources.end(),
                                    [&](const Source &s) { return s.accountId == accountId; });
    if (found == m_sources.end())
        return;
    if (found->sender)
        disconnect(found->sender, nullptr, this, nullptr);
    m_sources.erase(found);
    reload();
}

MessageSender *OutboxModel::sender(const QString &accountId) const
{
    for (const Source &source : m_sources) {
        if (source.accountId == accountId)
            return source.sender;
    }
    return nullptr;
}

void OutboxModel::reload()
{
    beginResetModel();
    m_entries.clear();
    m_sending.clear();
    for (const Source &source : std::as_const(m_sources)) {
        if (!source.sender)
            continue;
        for (OutboxEntry entry : source.sender->entries()) {
            // The account the entry belongs to is the one whose outbox holds it.
            entry.accountId = source.accountId;
            m_entries.append(entry);
        }
        if (source.sender->isBusy() && !source.sender->currentId().isEmpty())
            m_sending.append(source.sender->currentId());
    }
    endResetModel();
}

OutboxEntry OutboxModel::entry(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return m_entries.at(index.row());
}

int OutboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int OutboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OutboxModel::stateText(OutboxEntry::State state)
{
    switch (state) {
    case OutboxEntry::State::Queued:
        return tr("Waiting");
    case OutboxEntry::State::Sending:
        return tr("Sending");
    case OutboxEntry::State::Failed:
        return tr("Not sent");
    case OutboxEntry::State::Unknown:
        return tr("Perhaps sent");
    }
    return {};
}

QString OutboxModel::attemptTimeText(const QDateTime &time)
{
    const QDateTime local = time.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

QVariant OutboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OutboxEntry &e = m_entries.at(index.row());
    const bool sending = e.state == OutboxEntry::State::Sending || m_sending.contains(e.id);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case SubjectColumn:
            return e.subject;
        case RecipientsColumn:
            return e.recipients.join(QStringLiteral(", "));
        case StateColumn:
            if (!sending && e.nextAttempt.isValid())
                return tr("%1 — next attempt at %2")
                        .arg(stateText(e.state), attemptTimeText(e.nextAttempt));
            return stateText(sending ? OutboxEntry::State::Sending : e.state);
        case ErrorColumn:
            return e.lastError;
        case QueuedColumn:
            return e.queuedAt.toLocalTime();
        default:
            return {};
        }
    case EntryIdRole:
        return e.id;
    case AccountIdRole:
        return e.accountId;
    case StateRole:
        return int(e.state);
    case CanRetryRole:
        return !sending;
    case IsSendingRole:
        return sending;
    case ErrorRole:
        return e.lastError;
    case NextAttemptRole:
        return sending ? QDateTime() : e.nextAttempt.toLocalTime();
    default:
        return {};
    }
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SubjectColumn:
        return tr("Subject");
    case RecipientsColumn:
        return tr("To");
    case StateColumn:
        return tr("State");
    case ErrorColumn:
        return tr("Error");
    case QueuedColumn:
        return tr("Queued");
    default:
        return {};
    }
}

Qt::ItemFlags OutboxModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> OutboxModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(EntryIdRole, "entryId");
    names.insert(AccountIdRole, "accountId");
    names.insert(StateRole, "state");
    names.insert(CanRetryRole, "canRetry");
    names.insert(IsSendingRole, "isSending");
    names.insert(ErrorRole, "error");
    names.insert(NextAttemptRole, "nextAttempt");
    return names;
}
