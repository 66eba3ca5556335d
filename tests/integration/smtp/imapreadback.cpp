#include "imapreadback.h"

#include <QSslConfiguration>
#include <QTest>

ImapReadBack::ImapReadBack(const QList<QSslCertificate> &caCertificates, const QString &tlsName)
    : m_tlsName(tlsName)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(caCertificates);
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket.setSslConfiguration(config);
    QObject::connect(&m_socket, &QSslSocket::readyRead, &m_socket,
                     [this] { m_buffer += m_socket.readAll(); });
}

QString ImapReadBack::open(const QString &host, quint16 port, const QString &user,
                           const QString &password, const QByteArray &mailbox)
{
    m_socket.connectToHostEncrypted(host, port, m_tlsName);
    if (!QTest::qWaitFor([this] { return m_buffer.contains("\r\n"); }, 15000))
        return QStringLiteral("no IMAP greeting: %1").arg(m_socket.errorString());
    if (!m_buffer.startsWith("* OK"))
        return QStringLiteral("unexpected greeting: %1").arg(QString::fromLatin1(m_buffer));
    m_buffer.remove(0, m_buffer.indexOf("\r\n") + 2);
    m_scan = 0;
    if (command("LOGIN \"" + user.toUtf8() + "\" \"" + password.toUtf8() + '"').isEmpty())
        return m_error;
    if (command("SELECT " + mailbox).isEmpty())
        return m_error;
    return {};
}

bool ImapReadBack::readUntilTagged(const QByteArray &tag, int timeoutMs)
{
    // Scans whole lines, stepping over {N} literals, until a line opens with the tag.
    const auto complete = [this, &tag] {
        for (;;) {
            const qsizetype eol = m_buffer.indexOf("\r\n", m_scan);
            if (eol < 0)
                return false;
            const QByteArrayView line = QByteArrayView(m_buffer).sliced(m_scan, eol - m_scan);
            if (line.startsWith(tag) && line.size() > tag.size() && line.at(tag.size()) == ' ') {
                m_scan = eol + 2;
                return true;
            }
            qsizetype next = eol + 2;
            if (line.endsWith('}')) {
                const qsizetype open = line.lastIndexOf('{');
                bool ok = false;
                const qint64 size = line.sliced(open + 1, line.size() - open - 2).toLongLong(&ok);
                if (open >= 0 && ok) {
                    if (m_buffer.size() < next + size)
                        return false;
                    next += size;
                }
            }
            m_scan = next;
        }
    };
    if (QTest::qWaitFor(complete, timeoutMs))
        return true;
    m_error = QStringLiteral("no tagged reply to %1 within %2 ms (%3)")
                      .arg(QString::fromLatin1(tag))
                      .arg(timeoutMs)
                      .arg(m_socket.errorString());
    return false;
}

QByteArray ImapReadBack::command(const QByteArray &command, int timeoutMs)
{
    const QByteArray tag = 't' + QByteArray::number(++m_tag);
    m_socket.write(tag + ' ' + command + "\r\n");
    if (!readUntilTagged(tag, timeoutMs))
        return {};
    QByteArray reply = m_buffer.left(m_scan);
    m_buffer.remove(0, m_scan);
    m_scan = 0;
    const qsizetype last = reply.lastIndexOf("\r\n", reply.size() - 3);
    const QByteArray tagged = reply.mid(last < 0 ? 0 : last + 2);
    if (!tagged.startsWith(tag + " OK")) {
        m_error = QStringLiteral("%1 failed: %2")
                          .arg(QString::fromLatin1(command.left(command.indexOf(' '))),
                               QString::fromLatin1(tagged.trimmed()));
        return {};
    }
    return reply;
}

quint32 ImapReadBack::waitForHeader(const QByteArray &field, const QByteArray &value, int timeoutMs)
{
    quint32 uid = 0;
    const bool found = QTest::qWaitFor(
            [&] {
                const QByteArray reply = command("UID SEARCH HEADER " + field + " \"" + value + '"');
                const qsizetype at = reply.indexOf("* SEARCH ");
                if (at >= 0) {
                    const qsizetype eol = reply.indexOf("\r\n", at);
                    const QList<QByteArray> uids = reply.mid(at + 9, eol - at - 9).split(' ');
                    uid = uids.value(0).toUInt();
                }
                if (uid == 0)
                    QTest::qWait(100);
                return uid != 0;
            },
            timeoutMs);
    return found ? uid : 0;
}

QByteArray ImapReadBack::fetch(quint32 uid, int timeoutMs)
{
    const QByteArray reply = command("UID FETCH " + QByteArray::number(uid) + " (BODY.PEEK[])",
                                     timeoutMs);
    const qsizetype at = reply.indexOf("BODY[] {");
    if (at < 0) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("no BODY[] literal in the FETCH reply");
        return {};
    }
    const qsizetype close = reply.indexOf("}\r\n", at);
    const qint64 size = reply.mid(at + 8, close - at - 8).toLongLong();
    return reply.mid(close + 3, size);
}

bool ImapReadBack::remove(quint32 uid)
{
    const QByteArray set = QByteArray::number(uid);
    return !command("UID STORE " + set + " +FLAGS.SILENT (\\Deleted)").isEmpty()
           && !command("UID EXPUNGE " + set).isEmpty();
}
