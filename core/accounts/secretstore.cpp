#include "accounts/secretstore.h"

#include <QMetaObject>

void SecretStore::deliver(QObject *context, Callback callback, Reply reply)
{
    if (!context || !callback)
        return;
    QMetaObject::invokeMethod(
            context,
            [callback = std::move(callback), reply = std::move(reply)]() { callback(reply); },
            Qt::QueuedConnection);
}
