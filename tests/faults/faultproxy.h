#pragma once

#include "faultplan.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>
#include <vector>

// A TCP proxy on loopback between a client and one server port. The first connection it
// forwards gets the plan's fault at the plan's byte (counted from the start of that direction);
// later ones (the client's retries) pass untouched.
class FaultProxy : public QObject
{
    Q_OBJECT
public:
    FaultProxy(quint16 targetPort, FaultPlan plan, QObject *parent = nullptr);
    ~FaultProxy() override;

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    // The fault was applied (the stream reached its byte).
    bool faultApplied() const { return m_faultApplied; }

private:
    struct Pipe
    {
        QTcpSocket *from = nullptr;
        QTcpSocket *to = nullptr;
        QByteArray pending;
        qint64 forwarded = 0;
        bool faulty = false; // this direction carries the fault
        bool slow = false; // Delay or Split is in effect
        bool sourceClosed = false;
        QDeadlineTimer holdUntil;
        QTimer timer;
    };
    struct Link
    {
        std::unique_ptr<QTcpSocket> client;
        std::unique_ptr<QTcpSocket> server;
        Pipe up; // client to server
        Pipe down; // server to client
        bool first = false;
    };

    void onNewConnection();
    void pump(Link *link, Pipe *pipe);
    void closeLink(Link *link);

    quint16 m_targetPort;
    FaultPlan m_plan;
    QTcpServer m_server;
    std::vector<std::unique_ptr<Link>> m_links;
    bool m_faultApplied = false;
    int m_connections = 0;
};
