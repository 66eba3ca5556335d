#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QUrl>

#include <functional>

// A small HTTP/1.1 server on loopback for the tests of remote content and of OAuth 2.0: it
// answers each request from a table of paths or from a handler, counts the requests and keeps
// their headers and bodies, so a test can prove what was (and was not) asked for and how.
class HttpTestServer : public QTcpServer
{
    Q_OBJECT
public:
    struct Response
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers; // besides Content-Length
        bool sendLength = true; // else the body ends when the connection closes
        bool silent = false; // accept the request, never answer
    };

    struct Request
    {
        QByteArray method; // "GET", "POST", ...
        QByteArray path; // with the query
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body; // as long as Content-Length says
    };

    using Handler = std::function<Response(const Request &request)>;

    // Listens on a free port of 127.0.0.1 at once.
    explicit HttpTestServer(QObject *parent = nullptr);
    // Moves to this port of 127.0.0.1 (one a configuration names); false when it is taken.
    bool listenOn(quint16 port);

    // Answers GET path (with its query) with response; unknown paths get 404.
    void setResponse(const QByteArray &path, const Response &response);
    // Answers any request for path (without its query) with what handler makes of it; it comes
    // before the table of setResponse().
    void setHandler(const QByteArray &path, Handler handler);
    QUrl url(const QByteArray &path) const;

    QList<Request> requests() const { return m_requests; }
    // The paths asked for, sorted.
    QList<QByteArray> requestedPaths() const;

Q_SIGNALS:
    void requestReceived(const QByteArray &path);

private:
    void onConnection();

    Response respond(const Request &request) const;

    QHash<QByteArray, Response> m_responses;
    QHash<QByteArray, Handler> m_handlers;
    QList<Request> m_requests;
};
