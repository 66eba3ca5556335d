#include "faultproxy.h"

#include <QHostAddress>

FaultProxy::FaultProxy(quint16 targetPort, FaultPlan plan, QObject *parent)
    : QObject(parent)
    , m_targetPort(targetPort)
    , m_plan(plan)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy()
{
    for (const auto &link : m_links) {
        link->client->disconnect(this);
        link->server->disconnect(this);
    }
}

bool FaultProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *accepted = m_server.nextPendingConnection()) {
        auto link = std::make_unique<Link>();
        Link *l = link.get();
        accepted->setParent(nullptr);
        l->client.reset(accepted);
        l->server = std::make_unique<QTcpSocket>();
        l->first = ++m_connections == 1;
        const bool applies = l->first && m_plan.kind != FaultPlan::Kind::None
                             && m_plan.kind != FaultPlan::Kind::Kill
                             && m_plan.kind != FaultPlan::Kind::DiskFull;
        l->up.from = l->client.get();
        l->up.to = l->server.get();
        l->up.faulty = applies && m_plan.direction == FaultPlan::Direction::ToServer;
        l->down.from = l->server.get();
        l->down.to = l->client.get();
        l->down.faulty = applies && m_plan.direction == FaultPlan::Direction::ToClient;
        for (Pipe *pipe : {&l->up, &l->down}) {
            pipe->timer.setSingleShot(true);
            connect(&pipe->timer, &QTimer::timeout, this, [this, l, pipe] { pump(l, pipe); });
            connect(pipe->from, &QTcpSocket::readyRead, this, [this, l, pipe] {
                pipe->pending += pipe->from->readAll();
                pump(l, pipe);
            });
            connect(pipe->from, &QTcpSocket::disconnected, this, [this, l, pipe] {
                pipe->pending += pipe->from->readAll();
                pipe->sourceClosed = true;
                pump(l, pipe);
            });
        }
        // Bytes from the client wait in up.pending until the server connection is made.
        connect(l->server.get(), &QTcpSocket::connected, this, [this, l] { pump(l, &l->up); });
        connect(l->server.get(), &QTcpSocket::errorOccurred, this, [this, l] {
            if (l->server->state() != QAbstractSocket::ConnectedState)
                closeLink(l);
        });
        l->server->connectToHost(QHostAddress::LocalHost, m_targetPort);
        m_links.push_back(std::move(link));
    }
}

void FaultProxy::pump(Link *link, Pipe *pipe)
{
    if (link->server->state() != QAbstractSocket::ConnectedState && !pipe->sourceClosed
        && pipe == &link->up) {
        return; // not connected yet
    }
    while (!pipe->pending.isEmpty()) {
        if (!pipe->holdUntil.hasExpired()) {
            pipe->timer.start(int(qMax<qint64>(1, pipe->holdUntil.remainingTime())));
            return;
        }
        qsizetype chunk = pipe->pending.size();
        const qint64 untilFault = m_plan.offset - pipe->forwarded;
        const bool faultAhead = pipe->faulty && !m_faultApplied && untilFault >= 0;
        if (faultAhead && untilFault < chunk)
            chunk = qsizetype(untilFault);
        if (faultAhead && untilFault == 0) {
            m_faultApplied = true;
            switch (m_plan.kind) {
            case FaultPlan::Kind::Cut:
                closeLink(link);
                return;
            case FaultPlan::Kind::Stall:
                pipe->holdUntil.setRemainingTime(m_plan.durationMs);
                continue;
            case FaultPlan::Kind::Corrupt:
                pipe->pending[0] = char(quint8(pipe->pending[0]) ^ m_plan.corruptMask);
                break;
            case FaultPlan::Kind::Delay:
            case FaultPlan::Kind::Split:
                pipe->slow = true;
                break;
            default:
                break;
            }
            chunk = pipe->pending.size();
        }
        if (pipe->slow && m_plan.kind == FaultPlan::Kind::Split)
            chunk = qMin<qsizetype>(chunk, 1 + (pipe->forwarded % 3));
        if (chunk == 0)
            continue;
        pipe->to->write(pipe->pending.constData(), chunk);
        pipe->to->flush();
        pipe->pending.remove(0, chunk);
        pipe->forwarded += chunk;
        if (pipe->slow) {
            pipe->holdUntil.setRemainingTime(
                    m_plan.kind == FaultPlan::Kind::Split ? 1 : m_plan.durationMs);
        }
    }
    if (pipe->sourceClosed)
        pipe->to->disconnectFromHost();
}

void FaultProxy::closeLink(Link *link)
{
    link->up.pending.clear();
    link->down.pending.clear();
    link->up.timer.stop();
    link->down.timer.stop();
    link->client->abort();
    link->server->abort();
}
