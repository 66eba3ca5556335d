#include "sectionfetchregistry.h"

SectionFetchRegistry::SectionFetchRegistry(QObject *parent)
    : QObject(parent)
{ }

SectionFetchRegistry::~SectionFetchRegistry()
{
    for (auto &[key, fetch] : m_fetches)
        disconnect(fetch.fetcherGone);
}

bool SectionFetchRegistry::claim(qint64 folderId, quint32 uid, const QByteArray &section,
                                 QObject *fetcher, QObject *context, Done done)
{
    const Key key {folderId, uid, section};
    const auto running = m_fetches.find(key);
    if (running != m_fetches.end()) {
        running->second.waiters.append(Waiter {context, std::move(done)});
        return false;
    }
    Fetch &fetch = m_fetches[key];
    fetch.fetcherGone = connect(fetcher, &QObject::destroyed, this, [this, key] {
        end(key, MailError(MailError::Kind::Cancelled, tr("The part's download was cancelled")));
    });
    return true;
}

void SectionFetchRegistry::release(qint64 folderId, quint32 uid, const QByteArray &section,
                                   const MailError &error)
{
    end(Key {folderId, uid, section}, error);
}

bool SectionFetchRegistry::isInFlight(qint64 folderId, quint32 uid, const QByteArray &section) const
{
    return m_fetches.find(Key {folderId, uid, section}) != m_fetches.end();
}

void SectionFetchRegistry::end(const Key &key, const MailError &error)
{
    const auto found = m_fetches.find(key);
    if (found == m_fetches.end())
        return;
    disconnect(found->second.fetcherGone);
    const QList<Waiter> waiters = std::move(found->second.waiters);
    m_fetches.erase(found);
    for (const Waiter &waiter : waiters) {
        if (!waiter.context)
            continue;
        QMetaObject::invokeMethod(
                waiter.context.data(), [done = waiter.done, error] { done(error); },
                Qt::QueuedConnection);
    }
}
