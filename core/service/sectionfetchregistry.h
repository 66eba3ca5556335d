#pragma once

#include "common/mailerror.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <tuple>

// The section fetches in flight for one account, so that one section of one message (folder,
// UID, section) is fetched once however many ask for it at the same time: the reader showing a
// message twice in a row, or an attachment download and the display of an inline part.
//
// The first to claim() a section fetches it, caches it and calls release(); the others, while
// that fetch runs, are told when it ended (a null error: the section is in the cache now) and
// read it from the cache. A claimant destroyed before release() ends the fetch as cancelled.
// MessagePartLoader and PartDownload share the AccountService's registry.
class SectionFetchRegistry : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const MailError &error)>;

    explicit SectionFetchRegistry(QObject *parent = nullptr);
    ~SectionFetchRegistry() override;

    // True: the section is claimed by fetcher, which fetches it and then calls release(). False:
    // another fetch of it is in flight; done is called (queued, unless context is destroyed
    // first) once that fetch ends.
    bool claim(qint64 folderId, quint32 uid, const QByteArray &section, QObject *fetcher,
               QObject *context, Done done);
    // The fetch of a claimed section ended: cached, or failed with error.
    void release(qint64 folderId, quint32 uid, const QByteArray &section,
                 const MailError &error = {});

    bool isInFlight(qint64 folderId, quint32 uid, const QByteArray &section) const;
    int inFlightCount() const { return int(m_fetches.size()); }

private:
    using Key = std::tuple<qint64, quint32, QByteArray>;
    struct Waiter
    {
        QPointer<QObject> context;
        Done done;
    };
    struct Fetch
    {
        QMetaObject::Connection fetcherGone;
        QList<Waiter> waiters;
    };

    void end(const Key &key, const MailError &error);

    std::map<Key, Fetch> m_fetches;
};
