#include "imaptask.h"

#include <QCoreApplication>

#include <memory>

ImapTask::ImapTask(ImapConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{ }

ImapTask::~ImapTask() = default;

void ImapTask::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_connection || m_connection->state() == ImapConnection::State::Disconnected
        || m_connection->state() == ImapConnection::State::LoggingOut) {
        fail(MailError(MailError::Kind::Network,
                       QCoreApplication::translate("ImapTask", "Not connected")));
        return;
    }
    if (m_connection->isReady()) {
        run();
        return;
    }
    // Commands depend on the capabilities: wait until the session is open.
    auto *context = new QObject(this);
    connect(m_connection, &ImapConnection::ready, context, [this, context] {
        context->deleteLater();
        if (!m_finished)
            run();
    });
    connect(m_connection, &ImapConnection::closed, context, [this, context] {
        context->deleteLater();
        fail(MailError(MailError::Kind::Network,
                       QCoreApplication::translate("ImapTask",
                                                   "The connection could not be opened")));
    });
}

ImapCommandBuilder ImapTask::builder() const
{
    return m_connection ? m_connection->builder() : ImapCommandBuilder();
}

void ImapTask::send(const ImapCommand &command, ImapConnection::CompletionHandler done,
                    ImapConnection::UntaggedHandler untagged)
{
    if (!m_connection) {
        fail(MailError(MailError::Kind::Network,
                       QCoreApplication::translate("ImapTask", "No connection")));
        return;
    }
    m_connection->send(command, this, std::move(done), std::move(untagged));
}

int ImapTask::sendPerPiece(const UidSet &uids,
                           const std::function<ImapCommand(const UidSet &)> &build,
                           ImapConnection::CompletionHandler done,
                           ImapConnection::UntaggedHandler untagged,
                           ImapConnection::CompletionHandler eachOk)
{
    QList<UidSet> pieces = uids.splitByLength(maxSequenceSetBytes);
    if (pieces.isEmpty())
        pieces.append(uids);
    struct Progress
    {
        qsizetype remaining = 0;
        bool failed = false;
    };
    auto progress = std::make_shared<Progress>();
    progress->remaining = pieces.size();
    for (const UidSet &piece : std::as_const(pieces)) {
        send(
                build(piece),
                [progress, done, eachOk](const ImapCommandResult &result) {
                    if (progress->failed)
                        return;
                    if (!result.isOk()) {
                        progress->failed = true;
                        done(result);
                        return;
                    }
                    if (eachOk)
                        eachOk(result);
                    if (--progress->remaining == 0)
                        done(result);
                },
                untagged);
    }
    return int(pieces.size());
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
