// ImapConnection: COMPRESS=DEFLATE (RFC 4978).
#include "imapconnection.h"

#include "common/logging.h"
#include "net/deflatestream.h"
#include "net/transport.h"

#include <QCoreApplication>

bool ImapConnection::isCompressed() const
{
    return m_deflate != nullptr;
}

bool ImapConnection::shouldCompress() const
{
    return m_settings.compress && !m_compressAsked && !m_deflate
           && hasCapability("COMPRESS=DEFLATE") && !m_transport->isCompressed();
}

void ImapConnection::startCompression()
{
    m_compressAsked = true;
    ImapCommandBuilder b;
    b.atom("COMPRESS").atom("DEFLATE");
    ImapCommand command = b.build();
    // Nothing may follow it on the link before the answer: it changes the encoding of all that
    // comes after.
    command.setBarrier(true);
    sendInternal(command, [this](const ImapCommandResult &result) {
        if (result.isOk()) {
            activateCompression();
            if (m_state == State::Disconnected)
                return;
        } else {
            // NO [COMPRESSIONACTIVE] or a refusal: the session goes on uncompressed.
            qCInfo(lcImap) << "COMPRESS refused:" << result.error.serverText();
        }
        setupExtensions();
    });
}

void ImapConnection::activateCompression()
{
    // The tagged OK was the last uncompressed byte: whatever the framer holds after it was
    // read compressed and is inflated first.
    QByteArray after;
    if (!m_framer.takeUnframed(&after)) {
        fail(MailError(MailError::Kind::Protocol,
                       QCoreApplication::translate("ImapConnection",
                                                   "The server's data after COMPRESS could not "
                                                   "be read")));
        return;
    }
    m_deflate = std::make_unique<DeflateStream>();
    if (m_deflate->hasError()) {
        fail(m_deflate->error());
        return;
    }
    m_deflate->feed(after);
    qCDebug(lcImap) << "COMPRESS=DEFLATE active";
}

void ImapConnection::writeBytes(const QByteArray &bytes)
{
    const QByteArray wire = m_deflate ? m_deflate->compress(bytes) : bytes;
    m_wireBytesWritten += wire.size();
    m_transport->write(wire);
}
