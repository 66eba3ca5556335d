#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QUrl>

// A small HTTP/1.1 server on loopback for the tests of remote content: it answers each GET
// from a table of paths, counts the requests and keeps their headers, so a test can prove what
// was (and was not) asked for and how.
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
        QByteArray path; // with the query
        QHash<QByteArray, QByteArray> headers; // names in lower case
    };

    explicit HttpTestServer(QObject *parent = nullptr);

    // Answers GET path (with its query) with response; unknown paths get 404.
    void setResponse(const QByteArray &path, const Response &response);
    QUrl url(const QByteArray &path) const;

    QList<Request> requests() const { return m_requests; }
    // The paths asked for, sorted.
    QList<QByteArray> requestedPaths() const;

Q_SIGNALS:
    void requestReceived(const QByteArray &path);

private:
    void onConnection();

    QHash<QByteArray, Response> m_responses;
    QList<Request> m_requests;
};
