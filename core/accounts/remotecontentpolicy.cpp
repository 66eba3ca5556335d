#include "remotecontentpolicy.h"

#include <QSettings>

namespace {
QString key()
{
    return QStringLiteral("remoteContent/allowedSenders");
}

QString normalised(const QString &address)
{
    return address.trimmed().toLower();
}
} // namespace

RemoteContentPolicy::RemoteContentPolicy(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{ }

QStringList RemoteContentPolicy::allowedSenders() const
{
    return m_settings->value(key()).toStringList();
}

bool RemoteContentPolicy::isAllowed(const QString &senderAddress) const
{
    const QString address = normalised(senderAddress);
    return !address.isEmpty() && allowedSenders().contains(address);
}

void RemoteContentPolicy::allow(const QString &senderAddress)
{
    const QString address = normalised(senderAddress);
    QStringList senders = allowedSenders();
    if (address.isEmpty() || senders.contains(address))
        return;
    senders.append(address);
    write(senders);
}

void RemoteContentPolicy::disallow(const QString &senderAddress)
{
    QStringList senders = allowedSenders();
    if (senders.removeAll(normalised(senderAddress)) > 0)
        write(senders);
}

void RemoteContentPolicy::setAllowedSenders(const QStringList &senderAddresses)
{
    QStringList senders;
    for (const QString &sender : senderAddresses) {
        const QString address = normalised(sender);
        if (!address.isEmpty() && !senders.contains(address))
            senders.append(address);
    }
    if (senders.size() == allowedSenders().size()) {
        QStringList sorted = senders;
        sorted.sort();
        if (sorted == allowedSenders())
            return;
    }
    write(senders);
}

void RemoteContentPolicy::write(QStringList senders)
{
    senders.sort();
    if (senders.isEmpty())
        m_settings->remove(key());
    else
        m_settings->setValue(key(), senders);
    m_settings->sync();
    Q_EMIT changed();
}
