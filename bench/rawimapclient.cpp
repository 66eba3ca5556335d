#include "rawimapclient.h"

#include "imap/parser/uidset.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSslConfiguration>
#include <QTimer>

namespace {

constexpr int TimeoutMs = 30 * 60 * 1000;

// An IMAP quoted string: the user name, the password, a mailbox name.
QByteArray quoted(const QString &text)
{
    QByteArray out = text.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + out + '"';
}

} // namespace

RawImapClient::RawImapClient(const BenchServer &server)
    : m_server(server)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.addCaCertificates(server.ca);
    m_socket.setSslConfiguration(config);
    m_socket.setPeerVerifyName(server.tlsName);
    QObject::connect(&m_socket, &QSslSocket::readyRead, &m_socket, [this] {
        onReadyRead();
        wake();
    });
    QObject::connect(&m_socket, &QSslSocket::encrypted, &m_socket, [this] { wake(); });
    QObject::connect(&m_socket, &QAbstractSocket::errorOccurred, &m_socket,
                     [this](QAbstractSocket::SocketError) {
                         if (m_error.isEmpty())
                             m_error = m_socket.errorString();
                         wake();
                     });
    QObject::connect(&m_socket, &QSslSocket::sslErrors, &m_socket,
                     [this](const QList<QSslError> &errors) {
                         if (m_error.isEmpty() && !errors.isEmpty())
                             m_error = errors.first().errorString();
                         wake();
                     });
}

bool RawImapClient::login()
{
    if (m_server.implicit)
        m_socket.connectToHostEncrypted(m_server.host, m_server.port);
    else
        m_socket.connectToHost(m_server.host, m_server.port);
    m_needle = "\r\n";
    if (!wait([this] { return m_found || !m_error.isEmpty(); }, 30000) || !m_error.isEmpty())
        return fail(QStringLiteral("no greeting"));
    if (!m_server.implicit) {
        if (!command("STARTTLS"))
            return false;
        m_socket.startClientEncryption();
        if (!wait([this] { return m_socket.isEncrypted() || !m_error.isEmpty(); }, 30000)
            || !m_error.isEmpty())
            return fail(QStringLiteral("STARTTLS failed"));
    }
    return command("LOGIN " + quoted(m_server.user) + ' ' + quoted(m_server.password));
}

bool RawImapClient::commands(const QList<QByteArray> &texts)
{
    QByteArray all;
    for (qsizetype i = 0; i + 1 < texts.size(); ++i)
        all += 'r' + QByteArray::number(++m_tagCounter) + ' ' + texts.at(i) + "\r\n";
    m_socket.write(all);
    return texts.isEmpty() || command(texts.last());
}

bool RawImapClient::command(const QByteArray &text)
{
    const QByteArray tag = 'r' + QByteArray::number(++m_tagCounter);
    m_needle = "\r\n" + tag + ' ';
    m_tail = "\r\n";
    m_found = false;
    m_socket.write(tag + ' ' + text + "\r\n");
    if (!wait([this] { return m_status.size() >= 2 || !m_error.isEmpty(); }, TimeoutMs)
        || !m_error.isEmpty())
        return fail(QStringLiteral("no answer to ") + QString::fromLatin1(text.left(40)));
    const bool ok = m_status.startsWith("OK");
    m_status.clear();
    return ok || fail(QStringLiteral("refused: ") + QString::fromLatin1(text.left(40)));
}

// Runs an event loop that the socket's signals end once done() holds.
bool RawImapClient::wait(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    m_wake = [&loop, &done] {
        if (done())
            loop.quit();
    };
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    m_wake = {};
    return done();
}

void RawImapClient::wake()
{
    if (m_wake)
        m_wake();
}

bool RawImapClient::fail(const QString &what)
{
    if (m_error.isEmpty())
        m_error = what;
    return false;
}

QList<QByteArray> RawImapClient::capabilities()
{
    m_capture = true;
    m_captured.clear();
    const bool ok = command("CAPABILITY");
    m_capture = false;
    if (!ok)
        return {};
    QList<QByteArray> result;
    for (const QByteArray &line : m_captured.split('\n')) {
        if (!line.startsWith("* CAPABILITY "))
            continue;
        for (const QByteArray &word : line.trimmed().mid(13).split(' '))
            if (!word.isEmpty())
                result.append(word.toUpper());
    }
    return result;
}

void RawImapClient::onReadyRead()
{
    const QByteArray bytes = m_socket.readAll();
    if (m_capture)
        m_captured += bytes;
    if (m_needle.isEmpty())
        return;
    if (m_needle == "\r\n") { // greeting: the first line
        m_found = m_found || bytes.contains("\r\n");
        return;
    }
    if (m_found) {
        m_status += bytes.left(2 - m_status.size());
        return;
    }
    // Search only the new bytes plus a needle's length of what came before.
    m_tail += bytes;
    const qsizetype at = m_tail.indexOf(m_needle);
    if (at >= 0) {
        m_found = true;
        m_status = m_tail.mid(at + m_needle.size(), 2);
        m_tail.clear();
        return;
    }
    m_tail = m_tail.right(m_needle.size() - 1);
}

double rawColdFetch(const BenchServer &server, const QString &folder, QString *error)
{
    RawImapClient client(server);
    if (!client.login()) {
        *error = client.error();
        return -1;
    }
    QElapsedTimer timer;
    timer.start();
    if (!client.command("SELECT " + quoted(folder))
        || !client.command("UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE "
                           "BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (REFERENCES)])")) {
        *error = client.error();
        return -1;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    client.command("LOGOUT");
    return seconds;
}

double rawBatchedFetch(const BenchServer &server, const QString &folder,
                       const QList<quint32> &ascending, int firstBatch, int batch, QString *error)
{
    RawImapClient client(server);
    if (!client.login()) {
        *error = client.error();
        return -1;
    }
    QList<QByteArray> fetches;
    qsizetype end = ascending.size();
    int size = firstBatch;
    while (end > 0) {
        const qsizetype begin = qMax<qsizetype>(0, end - size);
        fetches.append("UID FETCH " + UidSet::fromList(ascending.mid(begin, end - begin)).toString()
                       + " (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE "
                         "BODY.PEEK[HEADER.FIELDS (REFERENCES)])");
        end = begin;
        size = batch;
    }
    QElapsedTimer timer;
    timer.start();
    if (!client.command("SELECT " + quoted(folder)) || !client.commands(fetches)) {
        *error = client.error();
        return -1;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    client.command("LOGOUT");
    return seconds;
}

double rawResync(const BenchServer &server, const QString &folder, quint32 uidValidity,
                 quint64 modSeq, const QByteArray &knownUids, QString *error, QByteArray *method)
{
    RawImapClient client(server);
    if (!client.login()) {
        *error = client.error();
        return -1;
    }
    const QList<QByteArray> capabilities = client.capabilities();
    if (capabilities.isEmpty()) {
        *error = client.error();
        return -1;
    }
    const bool qresync = capabilities.contains("QRESYNC") && capabilities.contains("ENABLE")
                         && modSeq != 0;
    const bool condstore = !qresync
                           && (capabilities.contains("CONDSTORE")
                               || capabilities.contains("QRESYNC"))
                           && modSeq != 0;
    if (method)
        *method = qresync ? "qresync" : condstore ? "condstore" : "flags";
    if (qresync && !client.command("ENABLE QRESYNC")) {
        *error = client.error();
        return -1;
    }
    QElapsedTimer timer;
    timer.start();
    bool ok = false;
    if (qresync) {
        ok = client.command("SELECT " + quoted(folder) + " (QRESYNC ("
                            + QByteArray::number(uidValidity) + ' ' + QByteArray::number(modSeq)
                            + ' ' + knownUids + "))");
    } else if (condstore) {
        ok = client.command("SELECT " + quoted(folder) + " (CONDSTORE)")
             && client.command("UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE "
                               + QByteArray::number(modSeq) + ')')
             && client.command("UID SEARCH ALL");
    } else {
        ok = client.command("SELECT " + quoted(folder))
             && client.command("UID FETCH 1:* (UID FLAGS)");
    }
    if (!ok) {
        *error = client.error();
        return -1;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    client.command("LOGOUT");
    return seconds;
}
