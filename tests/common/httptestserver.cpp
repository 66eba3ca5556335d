#include "httptestserver.h"

#include <QTcpSocket>

#include <algorithm>
#include <memory>

HttpTestServer::HttpTestServer(QObject *parent)
    : QTcpServer(parent)
{
    connect(this, &QTcpServer::newConnection, this, &HttpTestServer::onConnection);
    listen(QHostAddress::LocalHost);
}

void HttpTestServer::setResponse(const QByteArray &path, const Response &response)
{
    m_responses.insert(path, response);
}

bool HttpTestServer::listenOn(quint16 port)
{
    close();
    return listen(QHostAddress::LocalHost, port);
}

void HttpTestServer::setHandler(const QByteArray &path, Handler handler)
{
    m_handlers.insert(path, std::move(handler));
}

HttpTestServer::Response HttpTestServer::respond(const Request &request) const
{
    const qsizetype query = request.path.indexOf('?');
    const QByteArray bare = query < 0 ? request.path : request.path.left(query);
    const auto handler = m_handlers.constFind(bare);
    if (handler != m_handlers.cend())
        return (*handler)(request);
    const auto known = m_responses.constFind(request.path);
    return known == m_responses.cend() ? Response {404, "no", {}} : *known;
}

QUrl HttpTestServer::url(const QByteArray &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(serverPort()) + QString::fromLatin1(path));
}

QList<QByteArray> HttpTestServer::requestedPaths() const
{
    QList<QByteArray> paths;
    for (const Request &r : m_requests)
        paths << r.path;
    std::sort(paths.begin(), paths.end());
    return paths;
}

void HttpTestServer::onConnection()
{
    while (QTcpSocket *socket = nextPendingConnection()) {
        // Freed with the connection, whichever of socket and server goes first.
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            *buffer += socket->readAll();
            // One request at a time per connection; its body is as long as Content-Length.
            for (qsizetype end = buffer->indexOf("\r\n\r\n"); end >= 0;
                 end = buffer->indexOf("\r\n\r\n")) {
                const QList<QByteArray> lines = buffer->left(end).split('\n');
                Request request;
                const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                request.method = first.value(0);
                request.path = first.value(1);
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    if (colon > 0)
                        request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                               lines[i].mid(colon + 1).trimmed());
                }
                const qsizetype length = request.headers.value("content-length").toLongLong();
                if (buffer->size() < end + 4 + length)
                    return; // the body is still on its way
                request.body = buffer->mid(end + 4, length);
                buffer->remove(0, end + 4 + length);
                m_requests << request;
                Q_EMIT requestReceived(request.path);
                const Response response = respond(request);
                if (response.silent)
                    continue;
                QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " X\r\n";
                for (const auto &[name, value] : std::as_const(response.headers))
                    head += name + ": " + value + "\r\n";
                if (response.sendLength)
                    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
                else
                    head += "Connection: close\r\n";
                socket->write(head + "\r\n" + response.body);
                if (!response.sendLength)
                    socket->disconnectFromHost();
            }
        });
    }
}
