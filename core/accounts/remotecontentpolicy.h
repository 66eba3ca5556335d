#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QSettings;

// The senders whose messages show remote content without asking ("Always for this sender"),
// kept in an injected QSettings under "remoteContent/allowedSenders". Addresses are compared
// without regard to case.
class RemoteContentPolicy : public QObject
{
    Q_OBJECT
public:
    // The settings object must outlive the policy.
    explicit RemoteContentPolicy(QSettings *settings, QObject *parent = nullptr);

    // Sorted, lower case.
    QStringList allowedSenders() const;
    bool isAllowed(const QString &senderAddress) const;
    // Both ignore empty addresses and those already (not) on the list.
    void allow(const QString &senderAddress);
    void disallow(const QString &senderAddress);
    // Replaces the whole list (the settings dialog's answer).
    void setAllowedSenders(const QStringList &senderAddresses);

Q_SIGNALS:
    void changed();

private:
    void write(QStringList senders);

    QSettings *m_settings;
};
