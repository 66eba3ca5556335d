#include "imaptask.h"

ImapTask::ImapTask(ImapConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
}

ImapTask::~ImapTask() = default;

void ImapTask::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_connection) {
        fail(MailError(MailError::Kind::Network, QStringLiteral("No connection")));
        return;
    }
    run();
}

ImapCommandBuilder ImapTask::builder() const
{
    return m_connection ? m_connection->builder() : ImapCommandBuilder();
}

void ImapTask::send(const ImapCommand &command, ImapConnection::CompletionHandler done,
                    ImapConnection::UntaggedHandler untagged)
{
    if (!m_connection) {
        fail(MailError(MailError::Kind::Network, QStringLiteral("No connection")));
        return;
    }
    m_connection->send(command, this, std::move(done), std::move(untagged));
}

void ImapTask::succeed()
{
    if (m_finished)
        return;
    m_finished = true;
    QMetaObject::invokeMethod(
            this,
            [this] {
                Q_EMIT succeeded();
                Q_EMIT finished();
            },
            Qt::QueuedConnection);
}

void ImapTask::fail(const MailError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    QMetaObject::invokeMethod(
            this,
            [this, error] {
                Q_EMIT failed(error);
                Q_EMIT finished();
            },
            Qt::QueuedConnection);
}
