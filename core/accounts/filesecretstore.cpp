#include "accounts/filesecretstore.h"

#include <QCoreApplication>
#include <QFile>

using namespace Qt::StringLiterals;

FileSecretStore::FileSecretStore(const QString &filePath, QObject *parent)
    : SecretStore(parent)
    , m_filePath(filePath)
{ }

QString FileSecretStore::pathFromEnvironment()
{
    return qEnvironmentVariable(environmentVariable);
}

SecretStore::Reply FileSecretStore::lookUp(const QString &accountId) const
{
    if (m_deleted.contains(accountId))
        return {Status::NotFound,
                {},
                QCoreApplication::translate("FileSecretStore",
                                            "No password is stored for this account.")};
    const auto session = m_sessionPasswords.constFind(accountId);
    if (session != m_sessionPasswords.constEnd())
        return {Status::Ok, session.value(), {}};

    QFile file(m_filePath);
    if (!file.exists())
        return {Status::Unavailable,
                {},
                QCoreApplication::translate("FileSecretStore",
                                            "The password file %1 does not exist.")
                        .arg(m_filePath)};
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                            | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                            | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (file.permissions() & others)
        return {Status::AccessDenied,
                {},
                QCoreApplication::translate(
                        "FileSecretStore",
                        "The password file %1 is readable by other users; it must have mode 0600.")
                        .arg(m_filePath)};
    if (!file.open(QIODevice::ReadOnly))
        return {Status::Failed,
                {},
                QCoreApplication::translate("FileSecretStore",
                                            "The password file %1 cannot be read: %2")
                        .arg(m_filePath, file.errorString())};

    const QByteArray key = accountId.toUtf8();
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        if (line.left(eq).trimmed() == key)
            return {Status::Ok, QString::fromUtf8(line.mid(eq + 1)), {}};
    }
    return {Status::NotFound,
            {},
            QCoreApplication::translate("FileSecretStore",
                                        "No password is stored for this account.")};
}

void FileSecretStore::readPassword(const QString &accountId, QObject *context, Callback callback)
{
    deliver(context, std::move(callback), lookUp(accountId));
}

void FileSecretStore::writePassword(const QString &accountId, const QString &password,
                                    QObject *context, Callback callback)
{
    m_deleted.remove(accountId);
    m_sessionPasswords.insert(accountId, password);
    deliver(context, std::move(callback), {});
}

void FileSecretStore::deletePassword(const QString &accountId, QObject *context, Callback callback)
{
    m_sessionPasswords.remove(accountId);
    m_deleted.insert(accountId);
    deliver(context, std::move(callback), {});
}
