#pragma once

#include "common/mailerror.h"
#include "store/searchquery.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

class ImapConnection;
class MessageStore;

// Asks the server which messages of one folder match a search (UID SEARCH, with RETURN (ALL)
// where ESEARCH is offered; ServerSearchCriteria), on a connection that has the folder
// selected. Matches the cache has no envelope of yet (a folder never opened) are fetched and
// cached first, the newest maxNewEnvelopes of them, so that every match reported can be listed.
// finished() tells, always queued; uids() are the matches that are cached, ascending.
class FolderSearch : public QObject
{
    Q_OBJECT
public:
    static constexpr int maxNewEnvelopes = 200;

    // connection: null to finish at once without matches (offline).
    FolderSearch(ImapConnection *connection, MessageStore *store, qint64 folderId,
                 const SearchQuery &query, QObject *parent = nullptr);

    // The mailbox as selected on the connection: an answer for another one is not used.
    void setMailbox(const QByteArray &wireName) { m_mailbox = wireName; }
    void start();

    qint64 folderId() const { return m_folderId; }
    QList<quint32> uids() const { return m_uids; }
    MailError error() const { return m_error; }

Q_SIGNALS:
    void finished();

private:
    void onMatches(const QList<quint32> &matches);
    void finish(const MailError &error = {});

    QPointer<ImapConnection> m_connection;
    MessageStore *m_store;
    qint64 m_folderId;
    SearchQuery m_query;
    QByteArray m_mailbox;
    QList<quint32> m_uids;
    MailError m_error;
};
