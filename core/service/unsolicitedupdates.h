#pragma once

#include <QtGlobal>

#include <functional>

class ImapConnection;
class MailError;
class MessageStore;
class QObject;

// Routes what a connection reports unasked about its selected folder into the cache: VANISHED
// removes messages, a FETCH with a UID updates them, and whatever needs a look at the server
// (EXISTS, EXPUNGE, a FETCH without UID) asks for a resynchronisation. folderId() names the
// selected folder in the cache (0: none, and the update is dropped); store errors go to report.
struct UnsolicitedUpdates
{
    std::function<qint64()> folderId;
    std::function<void()> resync;
    std::function<void(const MailError &)> report;

    void connect(ImapConnection *connection, MessageStore *store, QObject *context) const;
};
