#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

// Keeps one running Heron per user: a later start hands its command line to the running one
// (e.g. a mailto: link opened from a browser) and quits. Everything is asynchronous.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // `key` names the local socket; the default is per user and settings file.
    explicit SingleInstance(const QString &key = defaultKey(), QObject *parent = nullptr);
    ~SingleInstance() override;

    static QString defaultKey();

    // Tries to reach a running instance and hand it `arguments`. Ends with exactly one of
    // forwarded() or becamePrimary().
    void start(const QStringList &arguments);
    bool isPrimary() const { return m_server != nullptr; }

Q_SIGNALS:
    // A running instance took the arguments: this process should quit.
    void forwarded();
    // No other instance runs: this one now listens for later starts.
    void becamePrimary();
    // A later start handed over its command line.
    void argumentsReceived(const QStringList &arguments);

private:
    void listen();
    void readClient(QLocalSocket *client);

    QString m_key;
    QLocalSocket *m_socket = nullptr;
    QLocalServer *m_server = nullptr;
    bool m_connected = false;
};
