#include "smtpbench.h"

#include "benchoptions.h"
#include "net/ssltransport.h"
#include "smtp/smtpclient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTextStream>

namespace {

// Writes a multipart message with a random attachment of the given size, a piece at a time.
bool writeMessage(const QString &path, const QString &from, const QString &to, qint64 bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const QByteArray boundary = "heron-bench-boundary-" + QByteArray::number(bytes);
    file.write("From: <" + from.toUtf8() + ">\r\nTo: <" + to.toUtf8()
               + ">\r\n"
                 "Subject: heron-bench attachment\r\nMessage-ID: <bench-"
               + QByteArray::number(QRandomGenerator::global()->generate64())
               + "@heron.test>\r\nMIME-Version: 1.0\r\n"
                 "Content-Type: multipart/mixed; boundary=\""
               + boundary + "\"\r\n\r\n--" + boundary
               + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                 "A benchmark message.\r\n--"
               + boundary
               + "\r\nContent-Type: application/octet-stream\r\n"
                 "Content-Disposition: attachment; filename=\"random.bin\"\r\n"
                 "Content-Transfer-Encoding: base64\r\n\r\n");
    constexpr qint64 RawPerLine = 57; // 76 base64 characters
    constexpr qint64 LinesPerPiece = 1024;
    QByteArray raw(RawPerLine * LinesPerPiece, Qt::Uninitialized);
    for (qint64 left = bytes; left > 0;) {
        const qint64 n = qMin(left, qint64(raw.size()));
        auto *words = reinterpret_cast<quint32 *>(raw.data());
        QRandomGenerator::global()->fillRange(words, raw.size() / 4);
        QByteArray out;
        out.reserve(n / RawPerLine * 78 + 80);
        for (qint64 off = 0; off < n; off += RawPerLine)
            out += QByteArrayView(raw).sliced(off, qMin(RawPerLine, n - off)).toByteArray().toBase64()
                   + "\r\n";
        file.write(out);
        left -= n;
    }
    file.write("--" + boundary + "--\r\n");
    return file.error() == QFile::NoError;
}

} // namespace

int runSmtpBench(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QHash<QString, QString> o = Bench::parseOptions(args);
    for (const char *key : {"host", "port", "tls", "user", "to"}) {
        if (!o.contains(QLatin1String(key))) {
            err << "heron-bench smtp: --" << key << " is required\n";
            return 2;
        }
    }
    const QString host = o.value(QStringLiteral("host"));
    const quint16 port = quint16(o.value(QStringLiteral("port")).toUInt());
    const bool implicit = o.value(QStringLiteral("tls")) == QLatin1String("implicit");
    const QString user = o.value(QStringLiteral("user"));
    const QString to = o.value(QStringLiteral("to"));
    const QString from = o.value(QStringLiteral("from"),
                                 user.contains(QLatin1Char('@'))
                                         ? user
                                         : user + QStringLiteral("@localhost"));
    const qint64 attachment = qint64(
            o.value(QStringLiteral("attachment-mb"), QStringLiteral("10")).toDouble() * 1024 * 1024);
    const QString password = qEnvironmentVariable("HERON_BENCH_PASSWORD");
    const QString caPath = o.value(QStringLiteral("ca"));

    QTemporaryDir dir;
    const QString messagePath = dir.filePath(QStringLiteral("message.eml"));
    if (!dir.isValid() || !writeMessage(messagePath, from, to, attachment)) {
        err << "heron-bench smtp: cannot write the message\n";
        return 1;
    }

    // Heron.
    QFile message(messagePath);
    message.open(QIODevice::ReadOnly);
    SslTransport transport;
    if (!caPath.isEmpty())
        transport.setCaCertificates(QSslCertificate::fromPath(caPath));
    transport.setPeerVerifyName(o.value(QStringLiteral("verify-name")));
    QObject::connect(&transport, &Transport::certificateTrustRequested, &transport,
                     [&](const QList<QSslCertificate> &, const QString &reasons) {
                         err << "heron-bench smtp: certificate not trusted: " << reasons << '\n';
                         transport.answerTrust(false);
                     });
    SmtpClient client(&transport);
    SmtpSettings settings;
    settings.host = host;
    settings.port = port;
    settings.security = implicit ? Security::ImplicitTls : Security::StartTls;
    settings.userName = user;
    settings.password = password;
    settings.ehloName = "heron-bench.local";
    client.setSettings(settings);

    QElapsedTimer timer;
    timer.start();
    SmtpSubmission *submission = client.submit({from, {to}}, &message);
    QEventLoop loop;
    QObject::connect(submission, &SmtpSubmission::finished, &loop, &QEventLoop::quit);
    if (!submission->isFinished())
        loop.exec();
    const double sendSeconds = timer.nsecsElapsed() / 1e9;
    const double rss = double(Bench::statusKb("VmHWM")) / 1024.0;
    if (submission->error().isError()) {
        err << "heron-bench smtp: " << submission->error().toString() << '\n';
        return 1;
    }

    // Reference: swaks with the same message to the same server.
    QStringList swaks = {QStringLiteral("--server"),
                         host + QLatin1Char(':') + QString::number(port),
                         QStringLiteral("--from"),
                         from,
                         QStringLiteral("--to"),
                         to,
                         QStringLiteral("--auth"),
                         QStringLiteral("PLAIN"),
                         QStringLiteral("--auth-user"),
                         user,
                         QStringLiteral("--auth-password"),
                         password,
                         QStringLiteral("--data"),
                         QLatin1Char('@') + messagePath,
                         QStringLiteral("--suppress-data"),
                         QStringLiteral("--silent"),
                         QStringLiteral("2")};
    swaks.append(implicit ? QStringLiteral("--tls-on-connect") : QStringLiteral("--tls"));
    QProcess process;
    timer.restart();
    process.start(QStringLiteral("swaks"), swaks);
    const bool ran = process.waitForFinished(600000) && process.exitCode() == 0;
    const double referenceSeconds = timer.nsecsElapsed() / 1e9;
    if (!ran) {
        err << "heron-bench smtp: swaks failed: " << process.readAllStandardError()
            << process.readAllStandardOutput() << '\n';
    }

    out << "message_mb " << QString::number(message.size() / 1048576.0, 'f', 2) << '\n';
    out << "send_s " << QString::number(sendSeconds, 'f', 3) << '\n';
    if (ran) {
        out << "reference_s " << QString::number(referenceSeconds, 'f', 3) << '\n';
        out << "ratio " << QString::number(sendSeconds / referenceSeconds, 'f', 3) << '\n';
    }
    out << "peak_rss_mb " << QString::number(rss, 'f', 1) << '\n';
    return ran ? 0 : 1;
}
