#include "imapconnection.h"

#include "parser/imapparser.h"

#include "common/logging.h"
#include "net/deflatestream.h"
#include "net/transport.h"

#include <QCoreApplication>
#include <QFile>

ImapConnection::ImapConnection(Transport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    connect(m_transport, &Transport::connected, this, &ImapConnection::onConnected);
    connect(m_transport, &Transport::encrypted, this, &ImapConnection::onEncrypted);
    connect(m_transport, &Transport::readyRead, this, &ImapConnection::onReadyRead);
    connect(m_transport, &Transport::disconnected, this, &ImapConnection::onDisconnected);
    connect(m_transport, &Transport::errorOccurred, this, &ImapConnection::onTransportError);
    connect(m_transport, &Transport::bytesWritten, this, [this] {
        if (m_fileUpload)
            continueFileLiteral();
    });
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        qCDebug(lcImap) << "renewing IDLE";
        stopIdle();
    });
}

// Where a file literal is being sent.
struct ImapConnection::FileUpload
{
    std::unique_ptr<QFile> file;
    qint64 remaining = 0;
    QByteArray rest; // the part's bytes after the literal
};

ImapConnection::~ImapConnection() = default;

void ImapConnection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    // Logged in: the server we authenticated to speaks now, with the caps meant for mail.
    if (state == State::Setup || state == State::Ready) {
        m_framer.setLimits(m_settings.limits);
        m_framer.setSpoolDirectory(m_settings.spoolDirectory);
    }
    QMetaObject::invokeMethod(
            this, [this, state] { Q_EMIT stateChanged(state); }, Qt::QueuedConnection);
}

void ImapConnection::open(const ImapConnectionSettings &settings)
{
    if (m_state != State::Disconnected)
        return;
    m_settings = settings;
    m_framer = ImapFramer(settings.limitsBeforeLogin);
    m_capabilities.clear();
    m_enabled.clear();
    m_byeText.clear();
    m_selected.clear();
    m_failedEmitted = false;
    m_idling = m_doneSent = false;
    m_deflate.reset();
    m_compressAsked = false;
    m_wireBytesRead = m_wireBytesWritten = 0;
    setState(State::Connecting);
    m_transport->connectToHost(settings.host, settings.port, settings.security);
}

void ImapConnection::close()
{
    if (m_state == State::Disconnected)
        return;
    fail(MailError(MailError::Kind::Cancelled,
                   QCoreApplication::translate("ImapConnection", "Connection closed")));
}

bool ImapConnection::hasCapability(QByteArrayView capability) const
{
    const QByteArray upper = capability.toByteArray().toUpper();
    return m_capabilities.contains(upper);
}

bool ImapConnection::isEnabled(QByteArrayView extension) const
{
    return m_enabled.contains(extension.toByteArray().toUpper());
}

ImapCommandBuilder ImapConnection::builder() const
{
    ImapCommandBuilder::Options options;
    if (hasCapability("LITERAL+"))
        options.literalMode = ImapCommandBuilder::LiteralMode::NonSynchronizing;
    else if (hasCapability("LITERAL-"))
        options.literalMode = ImapCommandBuilder::LiteralMode::NonSynchronizingUpTo4k;
    options.utf8Accept = isEnabled("UTF8=ACCEPT");
    return ImapCommandBuilder(options);
}

void ImapConnection::setSelectedMailbox(const QByteArray &name)
{
    m_selected = name;
    if (m_selected.isEmpty() && m_idling)
        stopIdle();
    if (!m_selected.isEmpty())
        Q_EMIT mailboxSelected(m_selected);
}

void ImapConnection::setIdleEnabled(bool enabled)
{
    m_idleEnabled = enabled;
    if (!enabled && m_idling)
        stopIdle();
    else if (enabled)
        pump();
}

void ImapConnection::send(const ImapCommand &command, QObject *context, CompletionHandler done,
                          UntaggedHandler untagged)
{
    enqueue(command, context, std::move(done), std::move(untagged), false);
}

void ImapConnection::sendInternal(const ImapCommand &command, CompletionHandler done,
                                  UntaggedHandler untagged)
{
    enqueue(command, nullptr, std::move(done), std::move(untagged), true);
}

void ImapConnection::enqueue(const ImapCommand &command, QObject *context, CompletionHandler done,
                             UntaggedHandler untagged, bool internal)
{
    Command c;
    c.command = command;
    c.hasContext = context != nullptr;
    c.context = context;
    c.done = std::move(done);
    c.untagged = std::move(untagged);
    c.internal = internal;
    c.isIdle = command.name() == "IDLE";
    if (m_state == State::Disconnected || m_state == State::LoggingOut) {
        // Completed later, never from inside send().
        QMetaObject::invokeMethod(
                this,
                [this, c]() mutable {
                    finishCommand(std::move(c),
                                  {{},
                                   MailError(MailError::Kind::Network,
                                             QCoreApplication::translate("ImapConnection",
                                                                         "Not connected"))});
                },
                Qt::QueuedConnection);
        return;
    }
    if (internal) {
        // Session set-up commands overtake task commands held until ready.
        qsizetype at = 0;
        while (at < m_queue.size() && m_queue.at(at).internal)
            ++at;
        m_queue.insert(at, std::move(c));
    } else {
        m_queue.append(std::move(c));
    }
    pump();
}

void ImapConnection::pump()
{
    while (!m_queue.isEmpty()) {
        if (m_fileUpload)
            return; // continueFileLiteral() calls again once the literal is out
        if (!m_inflight.isEmpty() && m_inflight.last().waitingContinuation)
            return;
        if (m_idling || (!m_inflight.isEmpty() && m_inflight.last().isIdle)) {
            // Work is waiting: end the IDLE first, then continue when it completes.
            if (m_idling)
                stopIdle();
            return;
        }
        Command &head = m_queue.first();
        if (!head.internal && m_state != State::Ready)
            return;
        if (head.command.isBarrier() && !m_inflight.isEmpty())
            return;
        if (!m_inflight.isEmpty() && m_inflight.last().command.isBarrier())
            return;
        Command c = m_queue.takeFirst();
        m_inflight.append(std::move(c));
        writeCommand(m_inflight.last());
    }
    maybeStartIdle();
}

void ImapConnection::writeCommand(Command &command)
{
    const QList<QByteArray> &parts = command.command.parts();
    // Tags are given when the command goes out, so they follow the order on the wire.
    command.tag = "h" + QByteArray::number(++m_tagCounter);
    qCDebug(lcImap) << "C:" << command.tag << command.command.redacted();
    command.waitingContinuation = parts.size() > 1 || command.isIdle;
    if (command.command.name() == "LOGOUT")
        setState(State::LoggingOut);
    writePart(command.command, 0, command.tag + ' ');
}

namespace {

// The transport holds at most about this much of a file literal at a time.
constexpr qint64 uploadHighWater = 1024 * 1024;
constexpr qint64 uploadPiece = 256 * 1024;

} // namespace

void ImapConnection::writePart(const ImapCommand &command, qsizetype index, const QByteArray &lead)
{
    const ImapCommand::FileLiteral &literal = command.fileLiteral();
    const QByteArray &part = command.parts().at(index);
    if (literal.part != index) {
        writeBytes(lead + part);
        return;
    }
    auto upload = std::make_unique<FileUpload>();
    upload->file = std::make_unique<QFile>(literal.path);
    upload->remaining = literal.size;
    upload->rest = part.mid(literal.offset);
    writeBytes(lead + part.left(literal.offset));
    if (!upload->file->open(QIODevice::ReadOnly)) {
        // The literal is announced: the command cannot be completed on this connection.
        fail(MailError(MailError::Kind::Storage,
                       QCoreApplication::translate("ImapConnection", "Cannot read %1: %2")
                               .arg(literal.path, upload->file->errorString())));
        return;
    }
    m_fileUpload = std::move(upload);
    continueFileLiteral();
}

void ImapConnection::continueFileLiteral()
{
    if (m_continuingUpload)
        return; // a transport that reports bytesWritten() from inside write()
    m_continuingUpload = true;
    while (m_fileUpload && m_transport->bytesToWrite() < uploadHighWater) {
        FileUpload &upload = *m_fileUpload;
        if (upload.remaining == 0) {
            const QByteArray rest = upload.rest;
            m_fileUpload.reset();
            writeBytes(rest);
            break;
        }
        const QByteArray piece = upload.file->read(std::min(uploadPiece, upload.remaining));
        if (piece.isEmpty()) {
            const QString reason = upload.file->atEnd()
                                           ? QCoreApplication::translate("ImapConnection",
                                                                         "the file got shorter")
                                           : upload.file->errorString();
            const QString path = upload.file->fileName();
            m_continuingUpload = false;
            fail(MailError(MailError::Kind::Storage,
                           QCoreApplication::translate("ImapConnection", "Cannot read %1: %2")
                                   .arg(path, reason)));
            return;
        }
        upload.remaining -= piece.size();
        writeBytes(piece);
    }
    m_continuingUpload = false;
    if (!m_fileUpload) {
        // Never from inside the write of a command (pump() or handleContinuation() may be
        // below): the commands held back meanwhile go next.
        QMetaObject::invokeMethod(
                this, [this] { pump(); }, Qt::QueuedConnection);
    }
}

void ImapConnection::maybeStartIdle()
{
    if (!m_idleEnabled || m_state != State::Ready || m_selected.isEmpty() || !m_queue.isEmpty()
        || !m_inflight.isEmpty() || !hasCapability("IDLE")) {
        return;
    }
    ImapCommandBuilder b;
    b.atom("IDLE");
    ImapCommand idle = b.build();
    idle.setBarrier(true);
    m_doneSent = false;
    sendInternal(idle, [this](const ImapCommandResult &result) {
        m_idling = false;
        m_idleTimer.stop();
        if (!result.isOk() && result.error.kind() == MailError::Kind::Protocol) {
            // Refused: do not ask again and again.
            qCWarning(lcImap) << "IDLE refused:" << result.error.toString();
            m_idleEnabled = false;
        }
        // pump() runs after completion and restarts IDLE when nothing else is queued.
    });
}

void ImapConnection::stopIdle()
{
    if (!m_idling || m_doneSent)
        return;
    m_doneSent = true;
    m_idleTimer.stop();
    qCDebug(lcImap) << "C: DONE";
    writeBytes("DONE\r\n");
}

void ImapConnection::onConnected()
{
    setState(State::Greeting);
}

void ImapConnection::onEncrypted()
{
    if (m_state != State::StartingTls)
        return;
    m_framer.reset();
    m_transport->discardPending();
    setState(State::Authenticating);
    requestCapabilities([this] { authenticate(); });
}

void ImapConnection::onReadyRead()
{
    const QByteArray bytes = m_transport->readAll();
    m_wireBytesRead += bytes.size();
    if (m_state == State::StartingTls || m_state == State::Disconnected)
        return; // nothing from the plain-text link counts once STARTTLS was accepted
    if (m_deflate)
        m_deflate->feed(bytes);
    else
        m_framer.feed(bytes);
    if (m_processing)
        return;
    m_processing = true;
    processInput();
    m_processing = false;
}

void ImapConnection::processInput()
{
    // Under COMPRESS the input is inflated a slice at a time, each framed and handled before
    // the next: what a small input may inflate to never sits in memory beyond the framer's
    // limits.
    constexpr qsizetype InflateSlice = 64 * 1024;
    drainFramer();
    while (m_deflate && m_state != State::Disconnected) {
        const QByteArray plain = m_deflate->inflate(InflateSlice);
        if (m_deflate->hasError()) {
            fail(m_deflate->error());
            return;
        }
        if (plain.isEmpty())
            return;
        m_framer.feed(plain);
        drainFramer();
    }
}

void ImapConnection::drainFramer()
{
    QByteArray raw;
    while (m_state != State::Disconnected && m_state != State::StartingTls) {
        const ImapFramer::Status status = m_framer.next(&raw);
        if (status == ImapFramer::Status::NeedMore)
            break;
        if (status == ImapFramer::Status::Error) {
            fail(m_framer.error());
            break;
        }
        if (m_framer.wasTruncated())
            qCWarning(lcImap) << "a field longer than" << m_framer.limits().maxFieldLiteralSize
                              << "bytes was cut:" << raw.left(200);
        ImapParser::Result parsed = ImapParser::parse(raw);
        if (!parsed.isOk()) {
            qCWarning(lcImap) << "unparsable response:" << raw.left(200);
            fail(parsed.error);
            break;
        }
        if (m_framer.wasTruncated())
            parsed.response.setFetchTruncated();
        for (const ImapFramer::SpooledLiteral &spooled : m_framer.spooledLiterals()) {
            if (!parsed.response.setFetchSpool(spooled.offset, spooled.file))
                qCWarning(lcImap) << "a literal kept on disk is no body section:" << raw.left(200);
        }
        handleResponse(parsed.response);
    }
}

void ImapConnection::handleResponse(ImapResponse &response)
{
    switch (response.type()) {
    case ImapResponse::Type::Continuation:
        handleContinuation(response);
        return;
    case ImapResponse::Type::Status:
        if (response.isTagged())
            handleTagged(response.statusResponse());
        else
            handleUntagged(response);
        return;
    default:
        handleUntagged(response);
        return;
    }
}

void ImapConnection::handleContinuation(const ImapResponse &response)
{
    if (m_inflight.isEmpty() || !m_inflight.last().waitingContinuation) {
        qCWarning(lcImap) << "continuation nobody asked for:" << response.text();
        return;
    }
    Command &c = m_inflight.last();
    if (c.isIdle) {
        c.waitingContinuation = false;
        m_idling = true;
        m_idleTimer.start(m_settings.idleRenewMs);
        QMetaObject::invokeMethod(
                this, [this] { Q_EMIT idleStarted(); }, Qt::QueuedConnection);
        if (!m_queue.isEmpty() || !m_idleEnabled || m_selected.isEmpty())
            stopIdle();
        return;
    }
    const QList<QByteArray> &parts = c.command.parts();
    writePart(c.command, c.nextPart);
    if (m_state == State::Disconnected)
        return; // a file literal that could not be read ended the connection (and c with it)
    ++c.nextPart;
    if (c.nextPart >= parts.size()) {
        c.waitingContinuation = false;
        pump();
    }
}

void ImapConnection::handleUntagged(ImapResponse &response)
{
    if (response.type() == ImapResponse::Type::Status) {
        const ImapStatusResponse &status = response.statusResponse();
        if (m_state == State::Greeting) {
            onGreeting(status);
            return;
        }
        if (status.status == ImapStatusResponse::Status::Bye) {
            m_byeText = status.text;
            return;
        }
        if (status.code.kind == ImapResponseCode::Kind::Capability)
            m_capabilities = status.code.atoms;
        if (status.code.kind == ImapResponseCode::Kind::Alert) {
            const QString text = QString::fromUtf8(status.text);
            QMetaObject::invokeMethod(
                    this, [this, text] { Q_EMIT alertReceived(text); }, Qt::QueuedConnection);
        }
        if (status.code.kind == ImapResponseCode::Kind::NotificationOverflow) {
            QMetaObject::invokeMethod(
                    this, [this] { Q_EMIT notificationOverflow(); }, Qt::QueuedConnection);
        }
    } else if (response.type() == ImapResponse::Type::Capability) {
        m_capabilities = response.atoms();
    } else if (response.type() == ImapResponse::Type::Enabled) {
        for (const QByteArray &e : response.atoms()) {
            if (!m_enabled.contains(e))
                m_enabled.append(e);
        }
    }
    // An ESEARCH names the command it answers (RFC 4731): no other command may take it, even
    // when the one it answers has no one left to hear it.
    const QByteArray correlator = response.type() == ImapResponse::Type::ESearch
                                          ? response.esearch().tag
                                          : QByteArray();
    for (Command &c : m_inflight) {
        if (!correlator.isEmpty() && c.tag != correlator)
            continue;
        if (c.untagged && (!c.hasContext || c.context) && c.untagged(response))
            return;
    }
    switch (response.type()) {
    case ImapResponse::Type::Exists: {
        const quint32 n = response.number();
        QMetaObject::invokeMethod(
                this, [this, n] { Q_EMIT existsReceived(n); }, Qt::QueuedConnection);
        break;
    }
    case ImapResponse::Type::Expunge: {
        const quint32 n = response.number();
        QMetaObject::invokeMethod(
                this, [this, n] { Q_EMIT expungeReceived(n); }, Qt::QueuedConnection);
        break;
    }
    case ImapResponse::Type::Vanished: {
        const ImapVanished v = response.vanished();
        QMetaObject::invokeMethod(
                this, [this, v] { Q_EMIT vanishedReceived(v.uids, v.earlier); },
                Qt::QueuedConnection);
        break;
    }
    case ImapResponse::Type::Fetch: {
        const ImapFetch f = response.fetch();
        QMetaObject::invokeMethod(
                this, [this, f] { Q_EMIT fetchReceived(f); }, Qt::QueuedConnection);
        break;
    }
    case ImapResponse::Type::MailboxStatus: {
        const ImapMailboxStatus s = response.mailboxStatus();
        QMetaObject::invokeMethod(
                this, [this, s] { Q_EMIT mailboxStatusReceived(s); }, Qt::QueuedConnection);
        break;
    }
    default:
        break;
    }
}

void ImapConnection::handleTagged(const ImapStatusResponse &status)
{
    qsizetype index = -1;
    for (qsizetype i = 0; i < m_inflight.size(); ++i) {
        if (m_inflight.at(i).tag == status.tag) {
            index = i;
            break;
        }
    }
    if (index < 0) {
        fail(MailError(
                MailError::Kind::Protocol,
                QCoreApplication::translate("ImapConnection",
                                            "The server completed a command that was never sent"),
                QString::fromUtf8(status.tag + ' ' + status.text)));
        return;
    }
    if (status.code.kind == ImapResponseCode::Kind::Capability)
        m_capabilities = status.code.atoms;
    Command c = m_inflight.takeAt(index);
    ImapCommandResult result;
    result.status = status;
    if (!status.isOk()) {
        const bool bad = status.status == ImapStatusResponse::Status::Bad;
        result.error = MailError(MailError::Kind::Protocol,
                                 QStringLiteral("%1 %2").arg(QString::fromLatin1(c.command.name()),
                                                             bad ? QStringLiteral(
                                                                     "rejected as invalid")
                                                                 : QStringLiteral("failed")),
                                 QString::fromUtf8(status.text));
    }
    const bool logout = c.command.name() == "LOGOUT";
    finishCommand(std::move(c), result);
    if (logout)
        fail(MailError(MailError::Kind::Cancelled,
                       QCoreApplication::translate("ImapConnection", "Logged out")));
    else
        pump();
}

void ImapConnection::finishCommand(Command command, const ImapCommandResult &result)
{
    if (!command.done || (command.hasContext && !command.context))
        return;
    command.done(result);
}

void ImapConnection::onDisconnected()
{
    if (m_state == State::Disconnected)
        return;
    if (m_state == State::LoggingOut && m_inflight.isEmpty() && m_queue.isEmpty()) {
        setState(State::Disconnected);
        QMetaObject::invokeMethod(
                this, [this] { Q_EMIT closed(); }, Qt::QueuedConnection);
        return;
    }
    QString message = QCoreApplication::translate("ImapConnection",
                                                  "The server closed the connection");
    fail(MailError(MailError::Kind::Network, message, QString::fromUtf8(m_byeText)));
}

void ImapConnection::onTransportError(const MailError &error)
{
    fail(error);
}

void ImapConnection::fail(const MailError &error)
{
    if (m_state == State::Disconnected)
        return;
    qCDebug(lcImap) << "connection failed:" << error.toString();
    const bool wasLoggingOut = m_state == State::LoggingOut;
    setState(State::Disconnected);
    m_idleTimer.stop();
    m_idling = false;
    m_selected.clear();
    m_framer.reset();
    m_deflate.reset();
    m_fileUpload.reset();
    QList<Command> pending = std::move(m_inflight);
    pending += std::move(m_queue);
    m_inflight.clear();
    m_queue.clear();
    m_transport->close();
    for (Command &c : pending) {
        const bool logout = c.command.name() == "LOGOUT";
        ImapCommandResult result;
        if (!logout)
            result.error = error;
        finishCommand(std::move(c), result);
    }
    if (!m_failedEmitted && !wasLoggingOut && error.kind() != MailError::Kind::Cancelled) {
        m_failedEmitted = true;
        QMetaObject::invokeMethod(
                this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
    }
    QMetaObject::invokeMethod(
            this, [this] { Q_EMIT closed(); }, Qt::QueuedConnection);
}
