#include "mailstackinfo.h"

#include <QFile>

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

QList<QSslCertificate> MailStackInfo::caCertificates() const
{
    return QSslCertificate::fromPath(caFile(), QSsl::Pem);
}
