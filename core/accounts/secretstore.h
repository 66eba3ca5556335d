#pragma once

#include <QObject>
#include <QString>

#include <functional>

// Where account passwords live: the system keychain in the application, memory in tests.
//
// Every call answers exactly once through its callback, always later from the event loop (never
// before the call returns), in the thread of `context`. If `context` is destroyed first, the
// callback is dropped.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Status {
        Ok,
        NotFound, // nothing stored for this account
        Unavailable, // no backend answers (no keychain daemon, locked, not configured)
        AccessDenied, // the user or the system refused access
        Failed, // any other failure; see Reply::errorString
    };

    struct Reply
    {
        Status status = Status::Ok;
        QString password; // only for a successful read
        QString errorString; // empty on success

        bool isOk() const { return status == Status::Ok; }
    };

    using Callback = std::function<void(const Reply &reply)>;

    using QObject::QObject;
    ~SecretStore() override = default;

    virtual void readPassword(const QString &accountId, QObject *context, Callback callback) = 0;
    virtual void writePassword(const QString &accountId, const QString &password, QObject *context,
                               Callback callback)
            = 0;
    virtual void deletePassword(const QString &accountId, QObject *context, Callback callback) = 0;

protected:
    // Hands `reply` to `callback` from the event loop of `context`.
    static void deliver(QObject *context, Callback callback, Reply reply);
};
