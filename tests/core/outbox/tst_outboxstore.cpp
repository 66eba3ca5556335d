#include "mime/messagebuilder.h"
#include "mime/mimepart.h"
#include "mime/outgoingmessage.h"
#include "outbox/outboxstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

class TestOutboxStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void enqueuePersistsBeforeAnythingElse()
    {
        OutboxStore store(m_dir->filePath(QStringLiteral("outbox")));
        QVERIFY(!store.open());
        OutboxEntry entry = makeEntry(QStringLiteral("Hello"));
        // What is due to other messages once it is sent survives with it.
        entry.followUps = {
                {OutboxFollowUp::Action::MarkAnswered, QStringLiteral("acct-1"), 7, 4242},
                {OutboxFollowUp::Action::DeleteDraft, QStringLiteral("acct-2"), 9, 3000000000u},
        };
        const QByteArray bytes = "Subject: Hello\r\n\r\nBody\r\n";
        QVERIFY(!store.enqueue(entry, bytes));
        QVERIFY(!entry.id.isEmpty());

        // A second store over the same folder (a new process) sees the message and its bytes.
        OutboxStore reopened(m_dir->filePath(QStringLiteral("outbox")));
        QVERIFY(!reopened.open());
        const QList<OutboxEntry> entries = reopened.entries();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first(), entry);
        auto device = reopened.openMessage(entry.id);
        QVERIFY(device);
        QCOMPARE(device->readAll(), bytes);
    }

    void entriesAreOldestFirst()
    {
        OutboxStore store(m_dir->path());
        QVERIFY(!store.open());
        const QDateTime base = QDateTime::currentDateTimeUtc();
        for (int i : {2, 0, 1}) {
            OutboxEntry e = makeEntry(QString::number(i));
            e.queuedAt = base.addSecs(i);
            QVERIFY(!store.enqueue(e, "x"));
        }
        const QList<OutboxEntry> entries = store.entries();
        QCOMPARE(entries.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(entries.at(i).subject, QString::number(i));
    }

    void interruptedSendingBecomesUnknown()
    {
        QString id;
        {
            OutboxStore store(m_dir->path());
            QVERIFY(!store.open());
            OutboxEntry e = makeEntry(QStringLiteral("interrupted"));
            QVERIFY(!store.enqueue(e, "x"));
            e.state = OutboxEntry::State::Sending;
            e.attempts = 1;
            QVERIFY(!store.update(e));
            id = e.id;
        }
        OutboxStore reopened(m_dir->path());
        QVERIFY(!reopened.open());
        bool found = false;
        const OutboxEntry e = reopened.entry(id, &found);
        QVERIFY(found);
        QCOMPARE(e.state, OutboxEntry::State::Unknown);
        QVERIFY(!e.lastError.isEmpty());
        QCOMPARE(e.attempts, 1);
    }

    void updateAndRemove()
    {
        OutboxStore store(m_dir->path());
        QVERIFY(!store.open());
        OutboxEntry e = makeEntry(QStringLiteral("s"));
        QVERIFY(!store.enqueue(e, "bytes"));
        e.state = OutboxEntry::State::Failed;
        e.lastError = QStringLiteral("550 5.1.1 no such user");
        QVERIFY(!store.update(e));
        QCOMPARE(store.entry(e.id).lastError, e.lastError);

        QVERIFY(!store.remove(e.id));
        QVERIFY(store.entries().isEmpty());
        QVERIFY(!QFile::exists(store.messagePath(e.id)));
        QCOMPARE(store.remove(e.id).kind(), MailError::Kind::Storage);

        OutboxEntry ghost = makeEntry(QStringLiteral("ghost"));
        ghost.id = QStringLiteral("missing");
        QCOMPARE(store.update(ghost).kind(), MailError::Kind::Storage);
    }

    void damagedMetadataIsIgnored()
    {
        OutboxStore store(m_dir->path());
        QVERIFY(!store.open());
        OutboxEntry e = makeEntry(QStringLiteral("ok"));
        QVERIFY(!store.enqueue(e, "x"));
        QFile junk(m_dir->filePath(QStringLiteral("junk.json")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("{not json");
        junk.close();
        QCOMPARE(store.entries().size(), 1);
    }

    void unwritableFolderIsAnError()
    {
        QFile blocker(m_dir->filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        OutboxStore store(m_dir->filePath(QStringLiteral("file/outbox")));
        QCOMPARE(store.open().kind(), MailError::Kind::Storage);
    }

    // A full disk: the outbox on a tmpfs with a few hundred bytes left. The message must be
    // refused with an error, never taken as saved (Qt 6.4's QSaveFile::commit() alone reports
    // success and leaves empty files: the message vanished from the outbox unsent). An update
    // that cannot be written keeps the entry as it was.
    void fullDiskIsAnError()
    {
        const QString folder = m_dir->filePath(QStringLiteral("small"));
        QVERIFY(QDir().mkpath(folder));
        if (QProcess::execute(QStringLiteral("mount"),
                              {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                               QStringLiteral("size=64k"), QStringLiteral("tmpfs"), folder})
            != 0) {
            QSKIP("mounting a tmpfs needs root");
        }
        const auto unmount = qScopeGuard(
                [folder] { QProcess::execute(QStringLiteral("umount"), {folder}); });

        OutboxStore store(folder);
        QVERIFY(!store.open());
        OutboxEntry kept = makeEntry(QStringLiteral("fits"));
        QVERIFY(!store.enqueue(kept, QByteArray(1000, 'k')));

        QFile filler(folder + QStringLiteral("/filler"));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        filler.write(QByteArray(64 * 1024, 'x')); // as much as fits
        filler.close();

        OutboxEntry entry = makeEntry(QStringLiteral("too big"));
        QCOMPARE(store.enqueue(entry, QByteArray(20000, 'm')).kind(), MailError::Kind::Storage);
        OutboxEntry streamed = makeEntry(QStringLiteral("streamed"));
        const MailError error = store.enqueue(streamed, [](QIODevice *device) {
            device->write(QByteArray(20000, 's'));
            return MailError();
        });
        QCOMPARE(error.kind(), MailError::Kind::Storage);

        kept.state = OutboxEntry::State::Sending;
        kept.lastError = QString(30000, u'e');
        QCOMPARE(store.update(kept).kind(), MailError::Kind::Storage);
        const QList<OutboxEntry> entries = store.entries();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().subject, QStringLiteral("fits"));
        QCOMPARE(entries.first().state, OutboxEntry::State::Queued);
    }

    // Forward as Attachment of a file of the cache: the composer attaches the outbox's own name
    // for its bytes, named as the recipient will see it; the cache dropping its file (the
    // message moved or deleted) no longer keeps the message from being sent.
    void keptAttachmentOutlivesTheCacheFile()
    {
        OutboxStore store(m_dir->filePath(QStringLiteral("outbox")));
        QVERIFY(!store.open());
        const QString cached = m_dir->filePath(QStringLiteral("part-12-3"));
        const QByteArray original = "Subject: Report\r\nMessage-ID: <r@example.test>\r\n\r\n"
                                    "The report.\r\n";
        {
            QFile file(cached);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(original);
        }
        MailError error;
        const QString kept = store.keepAttachment(cached, QStringLiteral("Report.eml"), &error);
        QVERIFY2(!kept.isEmpty(), qPrintable(error.toString()));
        QVERIFY(kept.startsWith(store.keptAttachmentsDirectory() + QLatin1Char('/')));
        QCOMPARE(QFileInfo(kept).fileName(), QStringLiteral("Report.eml"));
        const QString second = store.keepAttachment(cached, QStringLiteral("Report.eml"));
        QVERIFY(!second.isEmpty());
        QVERIFY(second != kept); // the same name twice, each in a folder of its own
        QVERIFY(QFile::remove(cached));

        OutgoingMessage message;
        message.from = {QStringLiteral("Alice"), QStringLiteral("alice@example.test")};
        message.to = {{QString(), QStringLiteral("bob@example.test")}};
        message.subject = QStringLiteral("Fwd: Report");
        message.plainBody = QStringLiteral("See the report.");
        OutgoingAttachment attachment;
        attachment.filePath = kept;
        attachment.mimeType = "message/rfc822";
        message.attachments = {attachment};
        OutboxEntry entry = makeEntry(message.subject);
        MessageBuilder builder(message);
        QVERIFY(!store.enqueue(entry,
                               [&builder](QIODevice *device) { return builder.write(device); }));
        auto device = store.openMessage(entry.id);
        QVERIFY(device);
        const MimePart root = MimePart::parse(device->readAll());
        QCOMPARE(root.children().size(), 2);
        QCOMPARE(root.children().at(1).fileName(), QStringLiteral("Report.eml"));
        QCOMPARE(root.children().at(1).rawBody(), original);

        // At start-up the kept files no draft names go; those a draft names stay.
        QCOMPARE(store.removeKeptAttachmentsExcept({kept}), 1);
        QVERIFY(QFile::exists(kept));
        QVERIFY(!QFile::exists(second));
        QCOMPARE(store.removeKeptAttachmentsExcept({}), 1);
        QVERIFY(!QFile::exists(kept));
        QVERIFY(QDir(store.keptAttachmentsDirectory()).isEmpty());
        QCOMPARE(store.entries().size(), 1); // the outbox itself is untouched
    }

private:
    static OutboxEntry makeEntry(const QString &subject)
    {
        OutboxEntry e;
        e.accountId = QStringLiteral("acc");
        e.envelopeFrom = QStringLiteral("alice@example.test");
        e.recipients = {QStringLiteral("bob@example.test"), QStringLiteral("carol@example.test")};
        e.subject = subject;
        return e;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestOutboxStore)
#include "tst_outboxstore.moc"
