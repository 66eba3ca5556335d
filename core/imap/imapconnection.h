#pragma once

#include "imapcommand.h"
#include "imapcommandbuilder.h"
#include "imapcommandresult.h"
#include "imapconnectionsettings.h"
#include "imapframer.h"
#include "parser/imapresponse.h"

#include "common/mailerror.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

class DeflateStream;
class QFile;
class Transport;

// One IMAP session over a Transport: greeting, STARTTLS, CAPABILITY, authentication, ID and
// ENABLE, then commands from tasks.
//
// Opening: open() -> ready() once logged in with capabilities known and extensions enabled, or
// failed(error). Security::StartTls without STARTTLS on offer fails with a Policy error before
// any credential is sent; credentials never go over an unencrypted link unless the settings
// say Security::None. After STARTTLS and after login the capabilities are asked for again
// (or taken from the OK [CAPABILITY ...] code).
//
// Commands: send() tags a command and queues it; commands from tasks are held until ready().
// Commands are pipelined unless one is a barrier (ImapCommand::setBarrier) or waits for a
// continuation. Untagged responses are offered to the in-flight commands' untagged handlers
// in the order the commands were sent; the first handler returning true takes the response
// (and may move its data out: nothing reads the response after that).
// Responses nobody takes become the unsolicited signals below. The tagged response completes
// the command that carries its tag.
//
// Handlers run synchronously while a response is processed; they may call send(). Signals of
// the connection itself are emitted queued, so a slot may safely destroy or reuse the caller.
//
// COMPRESS: once logged in, when the settings ask for it, the server offers COMPRESS=DEFLATE
// and the link is not compressed already, everything after the tagged OK is deflated both ways
// (isCompressed()). The inflated bytes go through the framer's limits like any others, in
// bounded slices; corrupt compressed data fails the connection.
//
// IDLE: with setIdleEnabled(true), a selected mailbox and nothing else to do, the connection
// idles; new work sends DONE first; the IDLE is renewed before the server's 30 minute limit.
class ImapConnection : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected,
        Connecting,
        Greeting,
        StartingTls,
        Authenticating,
        Setup, // CAPABILITY / ID / ENABLE after login
        Ready,
        LoggingOut,
    };
    Q_ENUM(State)

    using UntaggedHandler = std::function<bool(ImapResponse &)>;
    using CompletionHandler = std::function<void(const ImapCommandResult &)>;

    // The connection does not take ownership of the transport.
    explicit ImapConnection(Transport *transport, QObject *parent = nullptr);
    ~ImapConnection() override;

    void open(const ImapConnectionSettings &settings);
    // Closes the link at once; pending commands fail with a Cancelled error.
    void close();

    State state() const { return m_state; }
    // Ready, and ready() was delivered: whoever waits for ready() goes first, in order.
    bool isReady() const { return m_state == State::Ready && !m_readyPending; }
    Transport *transport() const { return m_transport; }
    // COMPRESS=DEFLATE is active on the link.
    bool isCompressed() const;
    // Bytes exchanged with the transport since open(): what went over the link, compressed
    // where COMPRESS is active (before TLS).
    qint64 wireBytesRead() const { return m_wireBytesRead; }
    qint64 wireBytesWritten() const { return m_wireBytesWritten; }

    // Capabilities in upper case, as last announced.
    QList<QByteArray> capabilities() const { return m_capabilities; }
    bool hasCapability(QByteArrayView capability) const;
    // Extensions the server confirmed with ENABLED.
    bool isEnabled(QByteArrayView extension) const;
    ImapResponse::IdFields serverId() const { return m_serverId; }
    // A builder set up for this server (LITERAL+/LITERAL-, UTF8=ACCEPT).
    ImapCommandBuilder builder() const;

    // Queues a command. done is called exactly once, unless context is destroyed first; it is
    // never called from inside send().
    void send(const ImapCommand &command, QObject *context, CompletionHandler done,
              UntaggedHandler untagged = {});

    // The selected mailbox as tasks report it (SELECT/EXAMINE succeeded, CLOSE, failures).
    QByteArray selectedMailbox() const { return m_selected; }
    void setSelectedMailbox(const QByteArray &name);

    void setIdleEnabled(bool enabled);
    bool isIdling() const { return m_idling; }

Q_SIGNALS:
    void stateChanged(ImapConnection::State state);
    void ready();
    // Opening failed, or an open link was lost. closed() follows.
    void failed(const MailError &error);
    void closed();
    // Unsolicited mailbox updates.
    void existsReceived(quint32 count);
    void expungeReceived(quint32 sequence);
    void vanishedReceived(const UidSet &uids, bool earlier);
    void fetchReceived(const ImapFetch &fetch);
    void alertReceived(const QString &text);
    // A STATUS nobody asked for: NOTIFY (RFC 5465) reporting on a mailbox not selected.
    void mailboxStatusReceived(const ImapMailboxStatus &status);
    // [NOTIFICATIONOVERFLOW]: the server stopped sending notifications (RFC 5465 5.8).
    void notificationOverflow();
    void idleStarted();
    // A mailbox became the selected one (SELECT or EXAMINE completed).
    void mailboxSelected(const QByteArray &name);

private:
    struct Command
    {
        QByteArray tag;
        ImapCommand command;
        qsizetype nextPart = 1;
        bool hasContext = false;
        QPointer<QObject> context;
        CompletionHandler done;
        UntaggedHandler untagged;
        bool internal = false;
        bool waitingContinuation = false;
        bool isIdle = false;
    };

    void setState(State state);
    void enqueue(const ImapCommand &command, QObject *context, CompletionHandler done,
                 UntaggedHandler untagged, bool internal);
    void sendInternal(const ImapCommand &command, CompletionHandler done,
                      UntaggedHandler untagged = {});
    void pump();
    void writeCommand(Command &command);
    void maybeStartIdle();
    void stopIdle();

    // Every byte for the server goes through here (compressed when COMPRESS is active).
    void writeBytes(const QByteArray &bytes);
    // Writes part index of command (after lead): at once, or with the command's file literal
    // in it, a piece at a time as the transport drains . Nothing
    // else is written meanwhile; pump() resumes once the part is out.
    void writePart(const ImapCommand &command, qsizetype index, const QByteArray &lead = {});
    void continueFileLiteral();
    bool isSendingFileLiteral() const { return bool(m_fileUpload); }
    // Frames, parses and handles what was read, inflating it first under COMPRESS.
    void processInput();
    void drainFramer();

    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onDisconnected();
    void onTransportError(const MailError &error);
    void handleResponse(ImapResponse &response);
    void handleUntagged(ImapResponse &response);
    void handleContinuation(const ImapResponse &response);
    void handleTagged(const ImapStatusResponse &status);
    void fail(const MailError &error);
    void finishCommand(Command command, const ImapCommandResult &result);

    // Session opening (imapconnectionlogin.cpp).
    void onGreeting(const ImapStatusResponse &greeting);
    void requestCapabilities(std::function<void()> then);
    void startTlsStep();
    void authenticate();
    // The login the settings ask for; empty after failing when the server does not offer it.
    ImapCommand loginCommand();
    void afterLogin(const ImapCommandResult &result);
    void setupExtensions();
    // COMPRESS (imapconnectioncompress.cpp): whether to ask, asking, and switching the link.
    bool shouldCompress() const;
    void startCompression();
    void activateCompression();
    void becomeReady();

    Transport *m_transport = nullptr;
    ImapConnectionSettings m_settings;
    ImapFramer m_framer;
    State m_state = State::Disconnected;
    QList<QByteArray> m_capabilities;
    QList<QByteArray> m_enabled;
    ImapResponse::IdFields m_serverId;
    QList<Command> m_queue;
    QList<Command> m_inflight;
    quint32 m_tagCounter = 0;
    QByteArray m_selected;
    QByteArray m_byeText;
    bool m_idleEnabled = false;
    bool m_idling = false;
    bool m_doneSent = false;
    bool m_failedEmitted = false;
    bool m_processing = false;
    bool m_readyPending = false;
    QTimer m_idleTimer;
    std::unique_ptr<DeflateStream> m_deflate;
    struct FileUpload;
    std::unique_ptr<FileUpload> m_fileUpload;
    bool m_continuingUpload = false;
    bool m_compressAsked = false;
    qint64 m_wireBytesRead = 0;
    qint64 m_wireBytesWritten = 0;
};
