#include "mailstackinfo.h"

#include <QFile>
#include <QProcess>

MailStackInfo MailStackInfo::fromEnvironment()
{
    MailStackInfo info;
    info.m_dir = qEnvironmentVariable("HERON_MAILSTACK_DIR");
    if (info.m_dir.isEmpty()) {
        info.m_error = QStringLiteral("HERON_MAILSTACK_DIR is not set: run the test through ctest");
        return info;
    }
    QFile file(info.m_dir + QStringLiteral("/stack.env"));
    if (!file.open(QIODevice::ReadOnly)) {
        info.m_error = QStringLiteral("cannot read %1: is the mail stack running?")
                               .arg(file.fileName());
        return info;
    }
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        const qsizetype eq = line.indexOf('=');
        if (line.isEmpty() || line.startsWith('#') || eq <= 0)
            continue;
        info.m_values.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
    }
    return info;
}

QByteArray MailStackInfo::doveadm(const QStringList &arguments, int timeoutMs) const
{
    QStringList command = value("DOVEADM").split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (command.isEmpty())
        return QByteArray();
    const QString program = command.takeFirst();
    QProcess process;
    process.start(program, command + arguments);
    if (!process.waitForFinished(timeoutMs) || process.exitCode() != 0) {
        qWarning() << "doveadm" << arguments << process.readAllStandardError();
        return QByteArray();
    }
    QByteArray out = process.readAllStandardOutput();
    if (out.isNull())
        out = QByteArray("");
    return out;
}

QString MailStackInfo::seed(const QString &user, const QString &folder, int count) const
{
    QProcess process;
    process.start(QStringLiteral(HERON_MAILSTACK_SCRIPT),
                  {QStringLiteral("seed"), m_dir, user, folder, QString::number(count)});
    if (!process.waitForFinished(300000))
        return QStringLiteral("mailstack seed did not finish");
    if (process.exitCode() != 0)
        return QString::fromUtf8(process.readAllStandardError());
    return QString();
}

QList<QSslCertificate> MailStackInfo::caCertificates() const
{
    return QSslCertificate::fromPath(caFile(), QSsl::Pem);
}
