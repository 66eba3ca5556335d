#include "singleinstance.h"

#include <QDataStream>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSettings>

SingleInstance::SingleInstance(const QString &key, QObject *parent)
    : QObject(parent)
    , m_key(key)
{ }

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultKey()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    // One instance per user and settings location: a demo run with its own settings folder
    // does not hand its links to the everyday instance.
    const QByteArray where = QSettings().fileName().toUtf8();
    return QStringLiteral("heron-%1-%2").arg(user).arg(qHash(where), 0, 16);
}

void SingleInstance::start(const QStringList &arguments)
{
    m_socket = new QLocalSocket(this);
    connect(m_socket, &QLocalSocket::connected, this, [this, arguments] {
        m_connected = true;
        QByteArray block;
        QDataStream out(&block, QIODevice::WriteOnly);
        out << arguments;
        m_socket->write(block);
        m_socket->disconnectFromServer(); // flushes what is left before closing
    });
    connect(m_socket, &QLocalSocket::disconnected, this, [this] {
        if (!m_connected)
            return;
        m_socket->deleteLater();
        m_socket = nullptr;
        Q_EMIT forwarded();
    });
    connect(m_socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError) {
        if (m_connected || !m_socket)
            return; // an error after connecting ends in disconnected()
        m_socket->deleteLater();
        m_socket = nullptr;
        // Listening is started from the event loop, outside the socket's own signal.
        QMetaObject::invokeMethod(this, &SingleInstance::listen, Qt::QueuedConnection);
    });
    m_socket->connectToServer(m_key);
}

void SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    // A socket file left by a crashed instance would stop listen(); nobody answered on it.
    QLocalServer::removeServer(m_key);
    m_server->listen(m_key);
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *client = m_server->nextPendingConnection()) {
            connect(client, &QLocalSocket::readyRead, this, [this, client] { readClient(client); });
            connect(client, &QLocalSocket::disconnected, client, &QObject::deleteLater);
            if (client->bytesAvailable() > 0)
                readClient(client);
        }
    });
    Q_EMIT becamePrimary();
}

void SingleInstance::readClient(QLocalSocket *client)
{
    QDataStream in(client);
    in.startTransaction();
    QStringList arguments;
    in >> arguments;
    if (!in.commitTransaction())
        return; // not all there yet
    Q_EMIT argumentsReceived(arguments);
}
