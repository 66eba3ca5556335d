#include "unsolicitedupdates.h"

#include "imap/imapconnection.h"
#include "store/messagestore.h"
#include "sync/foldersync.h"

void UnsolicitedUpdates::connect(ImapConnection *connection, MessageStore *store,
                                 QObject *context) const
{
    const UnsolicitedUpdates routes = *this;
    QObject::connect(connection, &ImapConnection::existsReceived, context, routes.resync);
    QObject::connect(connection, &ImapConnection::expungeReceived, context, routes.resync);
    QObject::connect(connection, &ImapConnection::vanishedReceived, context,
                     [routes, store](const UidSet &uids) {
                         if (const qint64 folder = routes.folderId())
                             routes.report(store->removeMessages(folder, uids.toList()));
                     });
    QObject::connect(connection, &ImapConnection::fetchReceived, context,
                     [routes, store](const ImapFetch &fetch) {
                         const qint64 folder = routes.folderId();
                         if (folder == 0)
                             return;
                         if (fetch.uid)
                             routes.report(FolderSync::applyUnsolicitedFetch(store, folder, fetch));
                         else
                             routes.resync();
                     });
}
