// What the viewer is given: the same from a whole message as from its BODYSTRUCTURE with only
// the display parts fetched, attachments listed without their bytes, attached messages set off.
#include "service/bodystructuretree.h"
#include "sync/bodystructurecodec.h"
#include "viewer/viewermessagefactory.h"

#include <QTest>

namespace {

const QByteArray raw = "From: Alice <alice@example.test>\r\n"
                       "To: Bob <bob@example.test>, carol@example.test\r\n"
                       "Subject: =?utf-8?q?F=C3=BCr_dich?=\r\n"
                       "Date: Tue, 2 Jan 2024 09:30:00 +0100\r\n"
                       "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
                       "--m\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n"
                       "--a\r\nContent-Type: text/plain; charset=utf-8\r\n"
                       "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                       "Gr=C3=BC=C3=9Fe\r\n"
                       "--a\r\nContent-Type: multipart/related; boundary=\"r\"\r\n\r\n"
                       "--r\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                       "<p>Gr\xC3\xBC\xC3\x9F"
                       "e <img src=\"cid:pic@x\"></p>\r\n"
                       "--r\r\nContent-Type: image/png\r\nContent-ID: <pic@x>\r\n"
                       "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
                       "--r--\r\n--a--\r\n"
                       "--m\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n"
                       "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
                       "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n"
                       "--m\r\nContent-Type: message/rfc822\r\n\r\n"
                       "From: Dave <dave@example.test>\r\nSubject: Inner\r\n\r\nInner text\r\n"
                       "--m--\r\n";

// What a server reports for raw, and the display sections it sends.
const QByteArray structure
        = R"(((("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 16 1 NIL NIL NIL))"
          R"((("text" "html" ("charset" "utf-8") NIL NIL "7bit" 40 1 NIL NIL NIL))"
          R"(("image" "png" NIL "<pic@x>" NIL "base64" 12 NIL NIL NIL NIL))"
          R"( "related" ("boundary" "r") NIL NIL NIL) "alternative" ("boundary" "a") NIL NIL NIL))"
          R"(("application" "pdf" ("name" "report.pdf") NIL NIL "base64" 14 NIL)"
          R"( ("attachment" ("filename" "report.pdf")) NIL NIL))"
          R"(("message" "rfc822" NIL NIL NIL "7bit" 70 (NIL "Inner")"
          R"( (("Dave" NIL "dave" "example.test")) NIL NIL NIL NIL NIL NIL NIL))"
          R"( ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 12 1 NIL NIL NIL NIL) 5)"
          R"( NIL NIL NIL NIL) "mixed" ("boundary" "m") NIL NIL NIL))";

QHash<QByteArray, QByteArray> displaySections()
{
    const MimePart parsed = MimePart::parse(raw);
    QHash<QByteArray, QByteArray> sections;
    sections.insert("HEADER", raw.left(raw.indexOf("\r\n\r\n") + 4));
    for (const char *number : {"1.1", "1.2.1", "1.2.2", "3.1"})
        sections.insert(number, parsed.findSection(number)->decodedBody());
    sections.insert("3.HEADER", "From: Dave <dave@example.test>\r\nSubject: Inner\r\n\r\n");
    return sections;
}

} // namespace

class TestViewerMessageFactory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wholeMessage();
    void structureGivesTheSameMessage();
};

void TestViewerMessageFactory::wholeMessage()
{
    const ViewerMessage m = ViewerMessageFactory::fromMessage(raw);
    QCOMPARE(m.subject, QStringLiteral("Für dich"));
    QCOMPARE(m.from.address, QStringLiteral("alice@example.test"));
    QCOMPARE(m.to.size(), 2);
    QVERIFY(m.plainText.startsWith(QStringLiteral("Grüße")));
    // The attached message: set off by its own header, then its text.
    QVERIFY2(m.plainText.contains(QStringLiteral("Attached message\nFrom: Dave <dave@example.test>"
                                                 "\nSubject: Inner\n\nInner text")),
             qPrintable(m.plainText));
    QVERIFY(m.html.contains(QStringLiteral("cid:pic@x")));
    QVERIFY(m.html.contains(QStringLiteral("<b>Attached message</b>")));
    QCOMPARE(m.inlineImages.value(QStringLiteral("pic@x")).data, QByteArray("\x89PNG\r\n\x1a\n"));
    QCOMPARE(m.attachments.size(), 1);
    QCOMPARE(m.attachments.first().fileName, QStringLiteral("report.pdf"));
    QCOMPARE(m.attachments.first().partId, QStringLiteral("2"));
    QCOMPARE(m.attachments.first().size, 9);
    QCOMPARE(ViewerMessageFactory::attachmentData(raw, QStringLiteral("2")),
             QByteArray("%PDF-1.4\n"));
}

void TestViewerMessageFactory::structureGivesTheSameMessage()
{
    const std::optional<ImapBodyPart> parsedStructure = BodyStructureCodec::decode(structure);
    QVERIFY(parsedStructure);
    const QHash<QByteArray, QByteArray> sections = displaySections();
    const MimePart tree
            = BodyStructureTree::build(*parsedStructure, [&sections](const QByteArray &section) {
                  const auto it = sections.constFind(section);
                  return it == sections.constEnd() ? std::nullopt : std::optional<QByteArray>(*it);
              });
    // Exactly the sections provided are the ones a display asks for.
    QList<QByteArray> wanted = BodyStructureTree::displaySections(tree);
    QList<QByteArray> given = sections.keys();
    std::sort(wanted.begin(), wanted.end());
    std::sort(given.begin(), given.end());
    QCOMPARE(wanted, given);

    const ViewerMessage whole = ViewerMessageFactory::fromMessage(raw);
    const ViewerMessage parts = ViewerMessageFactory::fromPart(tree);
    QCOMPARE(parts.subject, whole.subject);
    QCOMPARE(parts.from.displayText(), whole.from.displayText());
    QCOMPARE(parts.to.size(), whole.to.size());
    QCOMPARE(parts.date, whole.date);
    QCOMPARE(parts.plainText, whole.plainText);
    QCOMPARE(parts.html, whole.html);
    QCOMPARE(parts.inlineImages.keys(), whole.inlineImages.keys());
    QCOMPARE(parts.inlineImages.value(QStringLiteral("pic@x")).data,
             whole.inlineImages.value(QStringLiteral("pic@x")).data);
    QCOMPARE(parts.attachments.size(), whole.attachments.size());
    QCOMPARE(parts.attachments.first().partId, whole.attachments.first().partId);
    QCOMPARE(parts.attachments.first().fileName, whole.attachments.first().fileName);
    QCOMPARE(parts.attachments.first().mimeType, whole.attachments.first().mimeType);
    // Not fetched, so estimated from the encoded size the structure declares.
    QCOMPARE(parts.attachments.first().size, 14 * 57 / 78);
}

QTEST_MAIN(TestViewerMessageFactory)
#include "tst_viewermessagefactory.moc"
