#include "scriptedserver.h"

#include "faketransport.h"

ScriptedServer::ScriptedServer(FakeTransport *transport, const QList<QByteArray> &script,
                               QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    for (const QByteArray &line : script)
        parseLine(line);
    m_transport->setStartTlsOutcome(FakeTransport::Outcome::Manual);
    connect(m_transport, &FakeTransport::clientWrote, this, &ScriptedServer::onClientWrote);
    connect(m_transport, &Transport::connected, this, [this] {
        m_started = true;
        advance();
    });
    connect(m_transport, &FakeTransport::startTlsRequested, this, &ScriptedServer::advance);
    connect(m_transport, &FakeTransport::clientClosed, this, [this] {
        m_closed = true;
        advance();
    });
}

ScriptedServer::~ScriptedServer() = default;

QList<QByteArray> ScriptedServer::lines(const QByteArray &text)
{
    QList<QByteArray> result;
    for (const QByteArray &line : text.split('\n'))
        result.append(line.endsWith('\r') ? line.chopped(1) : line);
    return result;
}

void ScriptedServer::parseLine(const QByteArray &raw)
{
    const QByteArray line = raw.trimmed().isEmpty() ? QByteArray() : raw;
    if (line.isEmpty() || line.startsWith('#'))
        return;
    if (line.size() < 2 || line.at(1) != ':' || (line.at(0) != 'S' && line.at(0) != 'C')) {
        setFailed(QStringLiteral("bad script line: ") + printable(line));
        return;
    }
    const bool server = line.at(0) == 'S';
    const QByteArray body = line.mid(2).startsWith(' ') ? line.mid(3) : line.mid(2);
    if (server && body == "<disconnect>")
        m_steps.append({Kind::Disconnect, {}, line});
    else if (server && body == "<starttls>")
        m_steps.append({Kind::StartTls, {}, line});
    else if (server && body == "<starttls-fail>")
        m_steps.append({Kind::StartTlsFail, {}, line});
    else if (!server && body == "<close>")
        m_steps.append({Kind::ExpectClose, {}, line});
    else
        m_steps.append({server ? Kind::Send : Kind::Expect, body + "\r\n", line});
}

void ScriptedServer::appendSend(const QByteArray &bytes)
{
    m_steps.append({Kind::Send, bytes, "S: " + bytes.left(60)});
}

void ScriptedServer::appendExpect(const QByteArray &bytes)
{
    m_steps.append({Kind::Expect, bytes, "C: " + bytes.left(60)});
}

void ScriptedServer::onClientWrote(const QByteArray &bytes)
{
    m_received += bytes;
    advance();
}

void ScriptedServer::advance()
{
    if (!m_started || hasFailed())
        return;
    while (m_index < m_steps.size()) {
        const Step &step = m_steps.at(m_index);
        switch (step.kind) {
        case Kind::Send:
            m_transport->serverSend(step.bytes);
            break;
        case Kind::Disconnect:
            m_transport->serverDisconnect();
            break;
        case Kind::StartTls:
        case Kind::StartTlsFail:
            if (!m_received.isEmpty()) {
                setFailed(QStringLiteral("client sent %1 while the script awaits startTls() at %2")
                                  .arg(printable(m_received), QString::fromUtf8(step.source)));
                return;
            }
            if (m_transport->startTlsCount() <= m_startTlsSeen)
                return;
            ++m_startTlsSeen;
            m_transport->completeStartTls(step.kind == Kind::StartTls);
            break;
        case Kind::ExpectClose:
            if (!m_received.isEmpty()) {
                setFailed(QStringLiteral("client sent %1 while the script awaits close()")
                                  .arg(printable(m_received)));
                return;
            }
            if (!m_closed)
                return;
            break;
        case Kind::Expect: {
            const qsizetype n = qMin(m_received.size(), step.bytes.size());
            if (QByteArrayView(m_received).first(n) != QByteArrayView(step.bytes).first(n)) {
                setFailed(QStringLiteral("step %1: expected %2, client sent %3")
                                  .arg(m_index + 1)
                                  .arg(printable(step.bytes), printable(m_received)));
                return;
            }
            if (n < step.bytes.size())
                return; // need more from the client
            m_received.remove(0, n);
            break;
        }
        }
        ++m_index;
    }
    if (!m_received.isEmpty()) {
        setFailed(QStringLiteral("client sent %1 after the end of the script")
                          .arg(printable(m_received)));
        return;
    }
    if (!m_completedEmitted) {
        m_completedEmitted = true;
        Q_EMIT completed();
    }
}

void ScriptedServer::setFailed(const QString &reason)
{
    if (hasFailed())
        return;
    m_failure = reason;
    Q_EMIT failed(reason);
}

QString ScriptedServer::status() const
{
    if (hasFailed())
        return m_failure;
    if (!m_started)
        return QStringLiteral("the client never connected");
    if (m_index == m_steps.size())
        return QStringLiteral("complete");
    return QStringLiteral("waiting at step %1 (%2); unmatched client bytes: %3")
            .arg(m_index + 1)
            .arg(QString::fromUtf8(m_steps.at(m_index).source), printable(m_received));
}

QString ScriptedServer::printable(const QByteArray &bytes)
{
    QByteArray shown = bytes.left(400);
    shown.replace("\r", "\\r").replace("\n", "\\n");
    if (bytes.size() > 400)
        shown += "...(" + QByteArray::number(bytes.size()) + " bytes)";
    return QLatin1Char('"') + QString::fromUtf8(shown) + QLatin1Char('"');
}
