// Reading a message through its BODYSTRUCTURE: which sections are fetched for display (never
// the whole message, never an attachment), what is cached, and attachments on request.
#include "imap/imapconnection.h"
#include "service/bodystructuretree.h"
#include "service/messagepartloader.h"
#include "service/partdownload.h"
#include "service/sectionfetchregistry.h"
#include "store/messagestore.h"
#include "sync/bodystructurecodec.h"

#include "faketransport.h"
#include "scriptedserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

// multipart/mixed
//   1    multipart/alternative: 1.1 text/plain, 1.2 multipart/related (1.2.1 html, 1.2.2 png)
//   2    application/pdf attachment, 5 MB
//   3    message/rfc822 with 3.1 text/plain
const QByteArray structure
        = R"(((("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 20 1 NIL NIL NIL NIL))"
          R"((("text" "html" ("charset" "utf-8") NIL NIL "base64" 40 1 NIL NIL NIL NIL))"
          R"(("image" "png" NIL "<logo@x>" NIL "base64" 12 NIL ("inline" NIL) NIL NIL))"
          R"( "related" NIL NIL NIL NIL) "alternative" NIL NIL NIL NIL))"
          R"(("application" "pdf" ("name" "report.pdf") NIL NIL "base64" 5242880 NIL)"
          R"( ("attachment" ("filename" "report.pdf")) NIL NIL))"
          R"(("message" "rfc822" NIL NIL NIL "7bit" 300)"
          R"( ("Mon, 1 Jan 2024 10:00:00 +0000" "Inner subject")"
          R"( (("Carol" NIL "carol" "example.test")) NIL NIL (("Bob" NIL "bob" "example.test")))"
          R"( NIL NIL NIL "<inner@x>") ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit")"
          R"( 12 1 NIL NIL NIL NIL) 8 NIL ("attachment" NIL) NIL NIL))"
          R"( "mixed" ("boundary" "b1") NIL NIL NIL))";

const QByteArray header = "From: Alice <alice@example.test>\r\nTo: bob@example.test\r\n"
                          "Subject: Parts\r\nMessage-ID: <m1@x>\r\n"
                          "Content-Type: multipart/mixed; boundary=b1\r\n\r\n";
const QByteArray innerHeader = "From: Carol <carol@example.test>\r\nSubject: Inner subject\r\n\r\n";
const QByteArray plainBody = "Hello plain\r\n";
const QByteArray htmlBody = "<p>Hello <img src=\"cid:logo@x\"></p>";
const QByteArray png = "\x89PNG fake";
const QByteArray innerBody = "Inner text\r\n";

QByteArray literal(const QByteArray &data)
{
    return '{' + QByteArray::number(data.size()) + "}\r\n" + data;
}

QByteArray fetchReply(const QByteArray &tag, const QByteArray &item, const QByteArray &data)
{
    return "* 1 FETCH (UID 7 " + item + ' ' + literal(data) + ")\r\n" + tag + " OK done\r\n";
}

QByteArray fetchCommand(const QByteArray &tag, const QByteArray &item)
{
    return tag + " UID FETCH 7 (UID " + item + ")\r\n";
}

} // namespace

class TestMessagePartLoader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void treeFromStructureMatchesTheMessage();
    void displayFetchesOnlyWhatIsShownAndCachesIt();
    void binaryRefusedFallsBackToBody();
    void attachmentDownloadsInChunksOnRequest();
    void offlineWithoutCacheFails();
    void structureNotCachedIsFetchedFirst();
    void answerForAnotherMailboxIsNotKept();
    void sectionNotAnsweredFailsAndIsFetchedAgain();
    void nilSectionIsGoneNotEmpty();
    void emptySectionIsCachedEmpty();
    void twoLoadsOfOneMessageSendOneFetch();
    void downloadJoinsTheDisplayFetch();
    void waitersOfAFailedFetchFail();

private:
    void startSession(const QByteArray &caps);
    void cacheAllShownBut(const QByteArray &missing);
    bool runLoader(MessagePartLoader *loader);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<FakeTransport> m_transport;
    std::unique_ptr<ScriptedServer> m_server;
    std::unique_ptr<ImapConnection> m_connection;
    qint64 m_folder = 0;
};

void TestMessagePartLoader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MessageStore>();
    QVERIFY(!m_store->open(m_dir->filePath(QStringLiteral("cache.sqlite"))));
    FolderRecord folder;
    folder.path = QStringLiteral("INBOX");
    m_folder = m_store->upsertFolder(folder).value();
    MessageRecord record;
    record.uid = 7;
    record.subject = QStringLiteral("Parts");
    record.bodyStructure = structure;
    QVERIFY(BodyStructureCodec::decode(structure));
    QVERIFY(!m_store->upsertMessages(m_folder, {record}));
}

void TestMessagePartLoader::cleanup()
{
    m_connection.reset();
    m_server.reset();
    m_transport.reset();
    m_store.reset();
    m_dir.reset();
}

void TestMessagePartLoader::startSession(const QByteArray &caps)
{
    m_transport = std::make_unique<FakeTransport>();
    m_server = std::make_unique<ScriptedServer>(
            m_transport.get(),
            QList<QByteArray> {"S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready",
                               "C: h1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==",
                               "S: h1 OK [CAPABILITY IMAP4rev1 " + caps + "] Logged in"});
    m_connection = std::make_unique<ImapConnection>(m_transport.get());
    ImapConnectionSettings settings;
    settings.host = QStringLiteral("imap.example.test");
    settings.port = 993;
    settings.security = Security::ImplicitTls;
    settings.username = QStringLiteral("alice");
    settings.password = QStringLiteral("secret");
    m_connection->open(settings);
}

// Caches every section the display needs except missing.
void TestMessagePartLoader::cacheAllShownBut(const QByteArray &missing)
{
    for (const auto &[section, bytes] : {std::pair<QByteArray, QByteArray> {"HEADER", header},
                                         {"1.1", plainBody},
                                         {"3.HEADER", innerHeader},
                                         {"3.1", innerBody},
                                         {"1.2.1", htmlBody},
                                         {"1.2.2", png}}) {
        if (section != missing)
            QVERIFY(!m_store->storeBodyPart(m_folder, 7, section, bytes));
    }
}

bool TestMessagePartLoader::runLoader(MessagePartLoader *loader)
{
    QSignalSpy finished(loader, &MessagePartLoader::finished);
    loader->start();
    return finished.wait(5000) || !finished.isEmpty();
}

void TestMessagePartLoader::treeFromStructureMatchesTheMessage()
{
    const MimePart tree = BodyStructureTree::build(*BodyStructureCodec::decode(structure),
                                                   [](const QByteArray &) {
                                                       return std::optional<QByteArray>();
                                                   });
    QCOMPARE(tree.mimeType(), QByteArray("multipart/mixed"));
    QCOMPARE(tree.children().size(), 3);
    QCOMPARE(tree.findSection("1.2.2")->contentId(), QByteArray("logo@x"));
    const MimePart *pdf = tree.findSection("2");
    QCOMPARE(pdf->fileName(), QStringLiteral("report.pdf"));
    QVERIFY(!pdf->hasBody());
    QCOMPARE(pdf->decodedSize(), qsizetype(5242880) * 57 / 78);
    const MimePart *inner = tree.findSection("3");
    QVERIFY(inner->isMessage());
    QCOMPARE(inner->children().first().decodedHeader("Subject"), QStringLiteral("Inner subject"));
    QCOMPARE(inner->children().first().section(), QByteArray("3.1"));

    QCOMPARE(BodyStructureTree::displaySections(tree),
             (QList<QByteArray> {"HEADER", "1.1", "3.HEADER", "3.1", "1.2.1", "1.2.2"}));
}

void TestMessagePartLoader::displayFetchesOnlyWhatIsShownAndCachesIt()
{
    startSession("BINARY");
    // Every request goes out before the first answer: one round trip for the whole display.
    const QList<std::pair<QByteArray, QByteArray>> expected {
            {"BODY.PEEK[HEADER]", "BODY[HEADER]"},     {"BINARY.PEEK[1.1]", "BINARY[1.1]"},
            {"BODY.PEEK[3.HEADER]", "BODY[3.HEADER]"}, {"BINARY.PEEK[3.1]", "BINARY[3.1]"},
            {"BINARY.PEEK[1.2.1]", "BINARY[1.2.1]"},   {"BINARY.PEEK[1.2.2]", "BINARY[1.2.2]"}};
    const QList<QByteArray> data {header, plainBody, innerHeader, innerBody, htmlBody, png};
    int tag = 2;
    for (const auto &[command, item] : expected)
        m_server->appendExpect(fetchCommand('h' + QByteArray::number(tag++), command));
    tag = 2;
    for (qsizetype i = 0; i < expected.size(); ++i)
        m_server->appendSend(
                fetchReply('h' + QByteArray::number(tag++), expected.at(i).second, data.at(i)));

    MessagePartLoader loader(m_connection.get(), m_store.get(), m_folder, 7);
    QVERIFY(runLoader(&loader));
    QVERIFY2(!loader.error(), qPrintable(loader.error().toString()));
    QTRY_VERIFY2(m_server->isComplete(), qPrintable(m_server->status()));
    QCOMPARE(loader.fetchedSections().size(), 6);

    const MimePart &message = loader.message();
    QCOMPARE(message.decodedHeader("Subject"), QStringLiteral("Parts"));
    QCOMPARE(message.header("Message-ID"), QByteArray("<m1@x>"));
    QCOMPARE(message.findSection("1.1")->text(), QStringLiteral("Hello plain\n"));
    QCOMPARE(message.findSection("1.2.2")->decodedBody(), png);
    QCOMPARE(message.findSection("3")->children().first().header("From"),
             QByteArray("Carol <carol@example.test>"));
    QVERIFY(!message.findSection("2")->hasBody());
    QVERIFY(m_store->bodyPart(m_folder, 7, "1.1"));
    QVERIFY(!m_store->bodyPart(m_folder, 7, "2"));
    QVERIFY(!m_store->bodyPart(m_folder, 7, ""));

    // Shown again: everything comes from the cache, nothing is sent (the script is over, any
    // byte would fail it) and it works without a connection at all.
    MessagePartLoader again(m_connection.get(), m_store.get(), m_folder, 7);
    QVERIFY(runLoader(&again));
    QVERIFY(!again.error());
    QVERIFY(again.fetchedSections().isEmpty());
    QCOMPARE(again.message().findSection("1.2.1")->text(), QString::fromLatin1(htmlBody));
    QTest::qWait(50);
    QVERIFY2(m_server->isComplete(), qPrintable(m_server->status()));

    MessagePartLoader offline(nullptr, m_store.get(), m_folder, 7);
    QVERIFY(runLoader(&offline));
    QVERIFY(!offline.error());
    QCOMPARE(offline.message().findSection("3.1")->text(), QStringLiteral("Inner text\n"));
}

void TestMessagePartLoader::binaryRefusedFallsBackToBody()
{
    // One part already cached except the plain text, which BINARY cannot decode here.
    for (const auto &[section, bytes] : {std::pair<QByteArray, QByteArray> {"HEADER", header},
                                         {"3.HEADER", innerHeader},
                                         {"3.1", innerBody},
                                         {"1.2.1", htmlBody},
                                         {"1.2.2", png}})
        QVERIFY(!m_store->storeBodyPart(m_folder, 7, section, bytes));
    startSession("BINARY");
    m_server->appendExpect(fetchCommand("h2", "BINARY.PEEK[1.1]"));
    m_server->appendSend("h2 NO [UNKNOWN-CTE] Cannot decode\r\n");
    m_server->appendExpect(fetchCommand("h3", "BODY.PEEK[1.1]"));
    m_server->appendSend(fetchReply("h3", "BODY[1.1]", "Gr=C3=BC=C3=9Fe=\r\n!\r\n"));

    MessagePartLoader loader(m_connection.get(), m_store.get(), m_folder, 7);
    QVERIFY(runLoader(&loader));
    QVERIFY2(!loader.error(), qPrintable(loader.error().toString()));
    QVERIFY2(m_server->isComplete(), qPrintable(m_server->status()));
    QCOMPARE(loader.message().findSection("1.1")->text(), QStringLiteral("Grüße!\n"));
    // Cached decoded: the next display decodes nothing twice.
    QCOMPARE(m_store->bodyPart(m_folder, 7, "1.1").value().data, QByteArray("Grüße!\r\n"));
}

void TestMessagePartLoader::attachmentDownloadsInChunksOnRequest()
{
    const QByteArray pdf = QByteArray("%PDF-1.4 ").repeated(3); // 27 bytes
    startSession("BINARY");
    for (int i = 0; i < 3; ++i) {
        const QByteArray tag = 'h' + QByteArray::number(i + 2);
        const QByteArray range = QByteArray::number(i * 10) + ".10";
        m_server->appendExpect(fetchCommand(tag, "BINARY.PEEK[2]<" + range + '>'));
        m_server->appendSend(fetchReply(tag, "BINARY[2]<" + QByteArray::number(i * 10) + '>',
                                        pdf.mid(i * 10, 10)));
    }
    PartDownload download(m_connection.get(), m_store.get(), m_folder, 7, "2");
    download.setChunkSize(10);
    QSignalSpy progress(&download, &PartDownload::progress);
    QSignalSpy finished(&download, &PartDownload::finished);
    download.start();
    QVERIFY(finished.wait(5000));
    QVERIFY2(!download.error(), qPrintable(download.error().toString()));
    QVERIFY2(m_server->isComplete(), qPrintable(m_server->status()));
    QCOMPARE(download.data(), pdf);
    QCOMPARE(progress.size(), 3);
    QCOMPARE(progress.at(0).at(0).toLongLong(), 10);
    QCOMPARE(progress.at(2).at(0).toLongLong(), 27);
    QCOMPARE(m_store->bodyPart(m_folder, 7, "2").value().data, pdf);

    // A second request is answered from the cache.
    PartDownload again(m_connection.get(), m_store.get(), m_folder, 7, "2");
    QSignalSpy againFinished(&again, &PartDownload::finished);
    again.start();
    QVERIFY(againFinished.wait(5000));
    QCOMPARE(again.data(), pdf);
    QVERIFY2(m_server->isComplete(), qPrintable(m_server->status()));
}

void TestMessagePartLoader::offlineWithoutCacheFails()
{
    MessagePartLoader loader(nullptr, m_store.get(), m_folder, 7);
    QVERIFY(runLoader(&loader));
    QCOMPARE(loader.error().kind(), MailError::Kind::Network);
    PartDownload download(nullptr, m_store.get(), m_folder, 7, "2");
    QSignalSpy finished(&download, &PartDownload::finished);
    download.start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(download.error().kind(), MailError::Kind::Network);
}

void TestMessagePartLoader::structureNotCachedIsFetchedFirst()
{
    startSession("BINARY");
    m_server->appendExpect(
            "h2 UID FETCH 8 (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE"
            " BODY.PEEK[HEADER.FIELDS (REFERENCES)])\r\n");
    m_server->appendSend("* 1 FETCH (UID 8 FLAGS () INTERNALDATE \"01-Jan-2024 10:00:00 +0000\" "
                         "RFC822.SIZE 60 ENVELOPE (NIL \"Hi\" NIL NIL NIL NIL NIL NIL NIL NIL) "
                         "BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL "
                         "\"7bit\" 6 1))\r\nh2 OK done\r\n");
    const QByteArray head = "Subject: Hi\r\n\r\n";
    m_server->appendExpect("h3 UID FETCH 8 (UID BODY.PEEK[HEADER])\r\n"
                           "h4 UID FETCH 8 (UID BINARY.PEEK[1])\r\n");
    m_server->appendSend("* 1 FETCH (UID 8 BODY[HEADER] " + literal(head) + ")\r\nh3 OK done\r\n"
                         + "* 1 FETCH (UID 8 BINARY[1] " + literal("Hello\n")
                         + ")\r\nh4 OK done\r\n");
    MessagePartLoader loader(m_connection.get(), m_store.get(), m_folder, 8);
    QVERIFY(runLoader(&loader));
    QVERIFY2(!loader.error(), qPrintable(loader.error().toString()));
    QVERIFY2(m_server->isComplete(), qPrintable(m_server->status()));
    QCOMPARE(loader.message().decodedHeader("Subject"), QStringLiteral("Hi"));
    QCOMPARE(loader.message().text(), QStringLiteral("Hello\n"));
}

void TestMessagePartLoader::answerForAnotherMailboxIsNotKept()
{
    // The loader reads INBOX, but the connection has no mailbox selected (or another one).
    for (const auto &[section, bytes] : {std::pair<QByteArray, QByteArray> {"HEADER", header},
                                         {"3.HEADER", innerHeader},
                                         {"3.1", innerBody},
                                         {"1.2.1", htmlBody},
                                         {"1.2.2", png}})
        QVERIFY(!m_store->storeBodyPart(m_folder, 7, section, bytes));
    startSession("BINARY");
    m_server->appendExpect(fetchCommand("h2", "BINARY.PEEK[1.1]"));
    m_server->appendSend(fetchReply("h2", "BINARY[1.1]", "someone else's text"));
    MessagePartLoader loader(m_connection.get(), m_store.get(), m_folder, 7);
    loader.setMailbox("INBOX");
    QVERIFY(runLoader(&loader));
    QVERIFY(loader.error());
    QVERIFY(!m_store->bodyPart(m_folder, 7, "1.1"));
}

void TestMessagePartLoader::sectionNotAnsweredFailsAndIsFetchedAgain()
{
    // The tagged OK arrives, but no FETCH line carried the header (the server found no message
    // 7, e.g. because another mailbox was selected or the message was expunged meanwhile).
    cacheAllShownBut("HEADER");
    startSession("BINARY");
    m_server->appendExpect(fetchCommand("h2", "BODY.PEEK[HEADER]"));
    m_server->appendSend("* 1 FETCH (UID 7 FLAGS (\\Seen))\r\nh2 OK done\r\n");
    MessagePartLoader loader(m_connection.get(), m_store.get(), m_folder, 7);
    QVERIFY(runLoader(&loader));
    QVERIFY(loader.error());
    QVERIFY2(m_server->isComplete(), qPrintable(m_server->status()));
    // Nothing is cached for the header: the next load asks for it again and shows it.
    QVERIFY(!m_store->bodyPart(m_folder, 7, "HEADER"));
    QVERIFY(!MessagePartLoader::cachedSection(m_store.get(), m_folder, 7, "HEADER"));

    m_server->appendExpect(fetchCommand("h3", "BODY.PEEK[HEADER]"));
    m_server->appendSend(fetchReply("h3", "BODY[HEADER]", header));
    MessagePartLoader retry(m_connection.get(), m_store.get(), m_folder, 7);
    QVERIFY(runLoader(&retry));
    QVERIFY2(!retry.error(), qPrintable(retry.error().toString()));
    QVERIFY2(m_server->isComplete(), qPrintable(m_server->status()));
    QCOMPARE(retry.fetchedSections(), QList<QByteArray> {"HEADER"});
    QCOMPARE(retry.message().decodedHeader("Subject"), QStringLiteral("Parts"));
    QCOMPARE(retry.message().decodedHeader("From"), QStringLiteral("Alice <alice@example.test>"));
    QCOMPARE(m_store->bodyPart(m_folder, 7, "HEADER").value().data, header);
}

void TestMessagePartLoader::nilSectionIsGoneNotEmpty()
{
    cacheAllShownBut("1.1");
    startSession("BINARY");
    m_server->appendExpect(fetchCommand("h2", "BINARY.PEEK[1.1]"));
    m_server->appendSend("* 1 FETCH (UID 7 BINARY[1.1] NIL)\r\nh2 OK done\r\n");
    MessagePartLoader loader(m_connection.get(), m_store.get(), m_folder, 7);
    QVERIFY(runLoader(&loader));
    QVERIFY(loader.error());
    QVERIFY2(m_server->isComplete(), qPrintable(m_server->status()));
    QVERIFY(!m_store->bodyPart(m_folder, 7, "1.1"));

    // An attachment the server says is NIL is not cached empty either.
    m_server->appendExpect(fetchCommand("h3", "BINARY.PEEK[2]<0.1048576>"));
    m_server->appendSend("* 1 FETCH (UID 7 BINARY[2]<0> NIL)\r\nh3 OK done\r\n");
    PartDownload download(m_connection.get(), m_store.get(), m_folder, 7, "2");
    QSignalSpy finished(&download, &PartDownload::finished);
    download.start();
    QVERIFY(finished.wait(5000));
    QVERIFY(download.error());
    QVERIFY2(m_server->isComplete(), qPrintable(m_server->status()));
    QVERIFY(!m_store->bodyPart(m_folder, 7, "2"));
}

void TestMessagePartLoader::emptySectionIsCachedEmpty()
{
    // The server sent zero bytes for the part: a part that is empty, cached as such.
    cacheAllShownBut("1.1");
    startSession("BINARY");
    m_server->appendExpect(fetchCommand("h2", "BINARY.PEEK[1.1]"));
    m_server->appendSend("* 1 FETCH (UID 7 BINARY[1.1] \"\")\r\nh2 OK done\r\n");
    MessagePartLoader loader(m_connection.get(), m_store.get(), m_folder, 7);
    QVERIFY(runLoader(&loader));
    QVERIFY2(!loader.error(), qPrintable(loader.error().toString()));
    QVERIFY2(m_server->isComplete(), qPrintable(m_server->status()));
    QVERIFY(loader.message().findSection("1.1")->text().isEmpty());
    QVERIFY(m_store->bodyPart(m_folder, 7, "1.1"));
    QCOMPARE(MessagePartLoader::cachedSection(m_store.get(), m_folder, 7, "1.1"), QByteArray());
}

void TestMessagePartLoader::twoLoadsOfOneMessageSendOneFetch()
{
    // The reader asks for message 7 again while the first load is in flight: each section goes
    // on the wire once (the script fails on any further command) and both loads show it.
    startSession("BINARY");
    const QList<std::pair<QByteArray, QByteArray>> expected {
            {"BODY.PEEK[HEADER]", "BODY[HEADER]"},     {"BINARY.PEEK[1.1]", "BINARY[1.1]"},
            {"BODY.PEEK[3.HEADER]", "BODY[3.HEADER]"}, {"BINARY.PEEK[3.1]", "BINARY[3.1]"},
            {"BINARY.PEEK[1.2.1]", "BINARY[1.2.1]"},   {"BINARY.PEEK[1.2.2]", "BINARY[1.2.2]"}};
    const QList<QByteArray> data {header, plainBody, innerHeader, innerBody, htmlBody, png};
    for (qsizetype i = 0; i < expected.size(); ++i)
        m_server->appendExpect(fetchCommand('h' + QByteArray::number(i + 2), expected.at(i).first));
    for (qsizetype i = 0; i < expected.size(); ++i)
        m_server->appendSend(
                fetchReply('h' + QByteArray::number(i + 2), expected.at(i).second, data.at(i)));

    SectionFetchRegistry fetches;
    MessagePartLoader first(m_connection.get(), m_store.get(), m_folder, 7);
    MessagePartLoader second(m_connection.get(), m_store.get(), m_folder, 7);
    first.setSectionFetches(&fetches);
    second.setSectionFetches(&fetches);
    QSignalSpy firstFinished(&first, &MessagePartLoader::finished);
    QSignalSpy secondFinished(&second, &MessagePartLoader::finished);
    first.start();
    second.start();
    QTRY_COMPARE(firstFinished.size(), 1);
    QTRY_COMPARE(secondFinished.size(), 1);
    QVERIFY2(!first.error(), qPrintable(first.error().toString()));
    QVERIFY2(!second.error(), qPrintable(second.error().toString()));
    QCOMPARE(first.fetchedSections().size(), 6);
    QVERIFY(second.fetchedSections().isEmpty());
    for (const MessagePartLoader *loader : {&first, &second}) {
        QCOMPARE(loader->message().decodedHeader("Subject"), QStringLiteral("Parts"));
        QCOMPARE(loader->message().findSection("1.1")->text(), QStringLiteral("Hello plain\n"));
        QCOMPARE(loader->message().findSection("1.2.2")->decodedBody(), png);
    }
    QCOMPARE(fetches.inFlightCount(), 0);
    QTest::qWait(50);
    QVERIFY2(m_server->isComplete(), qPrintable(m_server->status()));
}

void TestMessagePartLoader::downloadJoinsTheDisplayFetch()
{
    // The inline image is being fetched for display when it is also asked for as an
    // attachment: one FETCH, whose bytes both get.
    cacheAllShownBut("1.2.2");
    startSession("BINARY");
    m_server->appendExpect(fetchCommand("h2", "BINARY.PEEK[1.2.2]"));
    m_server->appendSend(fetchReply("h2", "BINARY[1.2.2]", png));

    SectionFetchRegistry fetches;
    MessagePartLoader loader(m_connection.get(), m_store.get(), m_folder, 7);
    loader.setSectionFetches(&fetches);
    PartDownload download(m_connection.get(), m_store.get(), m_folder, 7, "1.2.2");
    download.setSectionFetches(&fetches);
    QSignalSpy loaded(&loader, &MessagePartLoader::finished);
    QSignalSpy downloaded(&download, &PartDownload::finished);
    loader.start();
    download.start();
    QTRY_COMPARE(loaded.size(), 1);
    QTRY_COMPARE(downloaded.size(), 1);
    QVERIFY2(!loader.error(), qPrintable(loader.error().toString()));
    QVERIFY2(!download.error(), qPrintable(download.error().toString()));
    QCOMPARE(loader.message().findSection("1.2.2")->decodedBody(), png);
    QCOMPARE(download.data(), png);
    QTest::qWait(50);
    QVERIFY2(m_server->isComplete(), qPrintable(m_server->status()));
}

void TestMessagePartLoader::waitersOfAFailedFetchFail()
{
    // A fetch that brings nothing back fails those waiting for it, and nothing is cached.
    cacheAllShownBut("1.1");
    startSession("BINARY");
    SectionFetchRegistry fetches;
    m_server->appendExpect(fetchCommand("h2", "BINARY.PEEK[1.1]"));
    m_server->appendSend("h2 OK done\r\n");
    MessagePartLoader failing(m_connection.get(), m_store.get(), m_folder, 7);
    failing.setSectionFetches(&fetches);
    PartDownload waiting(m_connection.get(), m_store.get(), m_folder, 7, "1.1");
    waiting.setSectionFetches(&fetches);
    QSignalSpy failed(&failing, &MessagePartLoader::finished);
    QSignalSpy waited(&waiting, &PartDownload::finished);
    failing.start();
    waiting.start();
    QTRY_COMPARE(failed.size(), 1);
    QTRY_COMPARE(waited.size(), 1);
    QVERIFY(failing.error());
    QVERIFY(waiting.error());
    QVERIFY(!m_store->bodyPart(m_folder, 7, "1.1"));
    QCOMPARE(fetches.inFlightCount(), 0);
    QVERIFY2(m_server->isComplete(), qPrintable(m_server->status()));
}

QTEST_GUILESS_MAIN(TestMessagePartLoader)
#include "tst_messagepartloader.moc"
