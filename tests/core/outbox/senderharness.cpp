#include "senderharness.h"

#include <QFile>
#include <QTest>

using namespace SenderScripts;

void SenderHarness::setUp()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<OutboxStore>(m_dir->filePath(QStringLiteral("outbox")));
    QVERIFY(!m_store->open());
    m_scripts.clear();
    m_servers.clear();
    m_transports.clear();
    m_sentBytes.clear();
    m_deliveredBytes.clear();
    m_deliveredFiles.clear();
    m_persistedAtConnect.clear();
    m_manualConnect = false;
    m_noTransport = false;
    m_configureTransport = nullptr;
    m_holdSettings = false;
    m_heldSettings = nullptr;
    createSender();
}

void SenderHarness::tearDown()
{
    m_sender.reset();
    m_servers.clear();
    m_store.reset();
    m_dir.reset();
}

void SenderHarness::createSender()
{
    auto settings = [this](std::function<void(SmtpSettings)> deliver) {
        SmtpSettings s;
        s.host = QStringLiteral("mail.example.org");
        s.port = 465;
        s.security = Security::ImplicitTls;
        s.userName = QStringLiteral("alice");
        s.password = QStringLiteral("secret");
        s.ehloName = "heron.test";
        if (m_holdSettings) {
            m_heldSettings = [deliver, s](SmtpSettings) {
                deliver(s);
            };
            return;
        }
        deliver(s);
    };
    m_sender = std::make_unique<MessageSender>(m_store.get(), QStringLiteral("account-1"), settings,
                                               [this] { return createTransport(); });
    m_sender->setRetryDelays({20, 20, 20});
    QObject::connect(m_sender.get(), &MessageSender::sent, m_sender.get(),
                     [this](const QString &, const MessageSource &message) {
                         m_deliveredBytes.append(message.readAll());
                         m_deliveredFiles.append(message.filePath());
                     });
}

std::unique_ptr<Transport> SenderHarness::createTransport()
{
    if (m_noTransport)
        return nullptr;
    auto transport = std::make_unique<FakeTransport>();
    FakeTransport *raw = transport.get();
    m_transports.append(raw);
    connect(raw, &FakeTransport::connectRequested, this, [this] {
        bool found = false;
        const OutboxEntry entry = m_store->entry(m_sender->currentId(), &found);
        m_persistedAtConnect.append(found && entry.state == OutboxEntry::State::Sending
                                    && QFile::exists(m_store->messagePath(entry.id)));
    });
    if (m_manualConnect)
        raw->setConnectOutcome(FakeTransport::Outcome::Manual);
    if (m_scripts.isEmpty() && !m_manualConnect) {
        // Not expected: the connection fails, and the test sees the extra transport.
        raw->setConnectOutcome(FakeTransport::Outcome::Fail);
        raw->setFailureError(MailError(MailError::Kind::Network, QStringLiteral("unscripted")));
        return transport;
    }
    if (m_configureTransport)
        m_configureTransport(raw);
    if (!m_scripts.isEmpty())
        m_servers.push_back(std::make_unique<ScriptedServer>(raw, expand(m_scripts.takeFirst())));
    return transport;
}

Script SenderHarness::expand(const Script &script)
{
    QFile file(m_store->messagePath(m_sender->currentId()));
    const QByteArray bytes = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    Script result;
    for (const QByteArray &line : script) {
        if (line != MessagePlaceholder) {
            result.append(line);
            continue;
        }
        QList<QByteArray> lines = bytes.split('\n');
        if (!lines.isEmpty() && lines.constLast().isEmpty())
            lines.removeLast();
        for (QByteArray l : std::as_const(lines)) {
            if (l.endsWith('\r'))
                l.chop(1);
            result.append("C: " + QByteArray(l.startsWith('.') ? "." : "") + l);
        }
        m_sentBytes.append(bytes);
    }
    return result;
}
