#include "hostilebench.h"

#include "benchoptions.h"
#include "imap/imapconnection.h"
#include "net/ssltransport.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTextStream>
#include <QTimer>

#include <memory>

namespace {

// The process's peak resident memory so far, in MiB (VmHWM).
double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

// A server that answers each command with OK, and a FETCH with the hostile payload, which it
// writes as the socket drains: it never holds more than a few MiB of it itself.
class HostileServer : public QObject
{
public:
    HostileServer(QByteArray greetingHead, qint64 greetingLiteral, QList<QByteArray> fetchParts,
                  qint64 fetchLiteral)
        : m_greetingHead(std::move(greetingHead))
        , m_greetingLiteral(greetingLiteral)
        , m_fetchParts(std::move(fetchParts))
        , m_fetchLiteral(fetchLiteral)
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            m_socket = m_server.nextPendingConnection();
            connect(m_socket, &QTcpSocket::readyRead, this, &HostileServer::onReadyRead);
            connect(m_socket, &QTcpSocket::bytesWritten, this, &HostileServer::pump);
            queue(m_greetingHead);
            if (m_greetingLiteral > 0) {
                m_literalLeft.append(m_greetingLiteral);
                m_after.append("\r\n");
            }
            pump();
        });
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    void queue(const QByteArray &bytes) { m_pending += bytes; }

    void onReadyRead()
    {
        m_in += m_socket->readAll();
        qsizetype end;
        while ((end = m_in.indexOf("\r\n")) >= 0) {
            const QByteArray line = m_in.left(end);
            m_in.remove(0, end + 2);
            const QByteArray tag = line.split(' ').value(0);
            if (line.contains(" FETCH ")) {
                // Each part but the last is followed by a literal of m_fetchLiteral bytes.
                queue(m_fetchParts.value(0));
                for (qsizetype i = 1; i < m_fetchParts.size(); ++i) {
                    m_literalLeft.append(m_fetchLiteral);
                    m_after.append(m_fetchParts.at(i)
                                   + (i + 1 == m_fetchParts.size() ? "\r\n" + tag + " OK done\r\n"
                                                                   : QByteArray()));
                }
            } else if (line.contains("AUTHENTICATE") || line.contains("LOGIN")) {
                queue(tag + " OK [CAPABILITY IMAP4rev1] logged in\r\n");
            } else {
                queue(tag + " OK\r\n");
            }
        }
        pump();
    }

    void pump()
    {
        if (!m_socket)
            return;
        constexpr qint64 Chunk = 1024 * 1024;
        while (m_socket->bytesToWrite() < 2 * Chunk) {
            if (!m_pending.isEmpty()) {
                m_socket->write(m_pending);
                m_pending.clear();
                continue;
            }
            if (m_literalLeft.isEmpty())
                return;
            qint64 &left = m_literalLeft.first();
            const qint64 take = qMin(left, Chunk);
            if (m_chunk.size() != take)
                m_chunk = QByteArray(take, 'x');
            m_socket->write(m_chunk);
            left -= take;
            if (left == 0) {
                m_literalLeft.removeFirst();
                m_pending += m_after.takeFirst();
            }
        }
    }

    QTcpServer m_server;
    QTcpSocket *m_socket = nullptr;
    QByteArray m_greetingHead;
    qint64 m_greetingLiteral;
    QList<QByteArray> m_fetchParts;
    qint64 m_fetchLiteral;
    QByteArray m_in;
    QByteArray m_pending;
    QByteArray m_chunk;
    QList<qint64> m_literalLeft;
    QList<QByteArray> m_after;
};

} // namespace

int runHostileBench(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QHash<QString, QString> options = Bench::parseOptions(args);
    const QString which = options.value(QStringLiteral("case"));
    const bool unbounded = options.value(QStringLiteral("limits")) == QLatin1String("unbounded");
    qint64 mb = options.value(QStringLiteral("mb")).toLongLong();
    if (mb <= 0)
        mb = which == QLatin1String("envelope") ? 200 : 250;
    const qint64 size = mb * 1024 * 1024;
    const QByteArray count = QByteArray::number(size);
    const QByteArray ready = "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n";

    std::unique_ptr<HostileServer> server;
    if (which == QLatin1String("greeting")) {
        server = std::make_unique<HostileServer>("* OK {" + count + "}\r\n", size,
                                                 QList<QByteArray> {}, 0);
    } else if (which == QLatin1String("envelope")) {
        server = std::make_unique<HostileServer>(
                ready, 0,
                QList<QByteArray> {"* 1 FETCH (UID 1 ENVELOPE (NIL {" + count + "}\r\n",
                                   " NIL NIL NIL NIL NIL NIL NIL NIL))"},
                size);
    } else if (which == QLatin1String("two-bodies")) {
        server = std::make_unique<HostileServer>(ready, 0,
                                                 QList<QByteArray> {"* 1 FETCH (UID 1 BODY[1] {"
                                                                            + count + "}\r\n",
                                                                    " BODY[2] {" + count + "}\r\n",
                                                                    ")"},
                                                 size);
    } else {
        err << "usage: heron-bench hostile --case greeting|envelope|two-bodies [--mb N]"
               " [--limits current|unbounded]\n";
        return 2;
    }

    ImapConnectionSettings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = server->port();
    settings.security = Security::None;
    settings.username = QStringLiteral("alice");
    settings.password = QStringLiteral("secret");
    if (unbounded) {
        ImapFramer::Limits former;
        former.maxFieldLiteralSize = former.maxLiteralSize;
        former.cutFieldLiterals = false;
        settings.limits = former;
        settings.limitsBeforeLogin = former;
    }
    const double baseline = peakRssMb();
    SslTransport transport;
    ImapConnection connection(&transport);
    QEventLoop loop;
    QString outcome;
    QObject::connect(&connection, &ImapConnection::failed, &loop, [&](const MailError &e) {
        outcome = QStringLiteral("failed: ") + e.toString();
        loop.quit();
    });
    QObject::connect(&connection, &ImapConnection::ready, &loop, [&] {
        if (which == QLatin1String("greeting")) {
            outcome = QStringLiteral("logged in");
            loop.quit();
            return;
        }
        connection.send(ImapCommand({"UID FETCH 1 (UID ENVELOPE BODY.PEEK[1] BODY.PEEK[2])\r\n"}),
                        &loop, [&](const ImapCommandResult &r) {
                            outcome = r.isOk() ? QStringLiteral("fetched")
                                               : QStringLiteral("fetch failed: ")
                                                         + r.error.toString();
                            loop.quit();
                        });
    });
    QElapsedTimer clock;
    clock.start();
    QTimer::singleShot(10 * 60 * 1000, &loop, [&] {
        outcome = QStringLiteral("timed out");
        loop.quit();
    });
    connection.open(settings);
    loop.exec();
    const QString tag = QStringLiteral("hostile_") + which.toLower().replace(u'-', u'_');
    out << tag << "_literal_mb " << mb << '\n';
    out << tag << "_limits " << (unbounded ? "unbounded" : "current") << '\n';
    out << tag << "_outcome " << outcome << '\n';
    out << tag << "_seconds " << QString::number(clock.elapsed() / 1000.0, 'f', 2) << '\n';
    out << tag << "_baseline_rss_mb " << QString::number(baseline, 'f', 0) << '\n';
    out << tag << "_peak_rss_mb " << QString::number(peakRssMb(), 'f', 0) << '\n';
    connection.close();
    return 0;
}
