#pragma once

#include "accounts/secretstore.h"

#include <QHash>
#include <QSet>
#include <QString>

// Reads passwords from a file of "accountId=password" lines, for the local demo and tests.
// The file must be private to its owner (mode 0600 or stricter) or every read is refused.
// Blank lines and lines starting with '#' are ignored. Writes and deletions are kept in memory
// for the session only: the file is never modified.
class FileSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit FileSecretStore(const QString &filePath, QObject *parent = nullptr);

    // The variable that names the demo password file.
    static constexpr const char *environmentVariable = "HERON_DEMO_PASSWORD_FILE";
    // The path named by the variable, or empty when it is not set.
    static QString pathFromEnvironment();

    QString filePath() const { return m_filePath; }

    void readPassword(const QString &accountId, QObject *context, Callback callback) override;
    void writePassword(const QString &accountId, const QString &password, QObject *context,
                       Callback callback) override;
    void deletePassword(const QString &accountId, QObject *context, Callback callback) override;

private:
    Reply lookUp(const QString &accountId) const;

    QString m_filePath;
    QHash<QString, QString> m_sessionPasswords;
    QSet<QString> m_deleted;
};
