#pragma once

#include <QHash>
#include <QObject>
#include <QSet>

class AccountService;
class MailError;
class MimePart;

// Keeps the folders the user chose for offline use (FolderRecord::keepOffline) downloaded: in
// the background, while the account is online, it asks the service for what a reader shows of
// each message whose body is not indexed yet (AccountService::fetchDisplayParts(), which caches
// it and indexes its text), newest first, a few at a time so that a message the user opens
// waits behind no more than those. progress() tells each folder's state; a message that
// cannot be read is not asked for again this session.
class OfflineKeeper : public QObject
{
    Q_OBJECT
public:
    static constexpr int parallelReads = 4;

    explicit OfflineKeeper(AccountService *service);

    // Looks for work: on connecting, after a synchronisation, when a folder is chosen.
    void start();
    // The folder is no longer kept: its round ends (progress() with 0 of 0).
    void forget(qint64 folderId);
    bool isRunning() const { return !m_inFlight.isEmpty(); }

Q_SIGNALS:
    // done of total messages of the folder have their bodies here; done == total at the end.
    void progress(qint64 folderId, int done, int total);

private:
    struct Folder
    {
        int done = 0;
        int total = 0;
    };
    void fillReads();
    void onRead(qint64 folderId, quint32 uid, bool failed);

    AccountService *m_service;
    QHash<qint64, Folder> m_folders; // the folders of this round
    QSet<std::pair<qint64, quint32>> m_inFlight;
    QSet<std::pair<qint64, quint32>> m_failed;
};
