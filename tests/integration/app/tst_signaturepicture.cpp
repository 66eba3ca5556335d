// An HTML signature with a picture, written in the identity editor with the composer's
// formatting tools, composed into a message and sent through the local Postfix: read back from
// Dovecot, the picture arrives as a part of its own, byte for byte, and the HTML shows it by its
// cid: reference.
#include "accounts/memorysecretstore.h"
#include "composerequest.h"
#include "composerformatbar.h"
#include "composerwindow.h"
#include "htmlcomposereditor.h"
#include "identitylisteditor.h"
#include "mailstackinfo.h"
#include "mime/mimepart.h"
#include "outbox/messagesender.h"
#include "service/accountservice.h"
#include "service/runningaccount.h"

#include <QAction>
#include <QBuffer>
#include <QComboBox>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

namespace {

QByteArray pngBytes()
{
    QImage image(24, 12, QImage::Format_RGB32);
    image.fill(QColor(20, 120, 200));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// The first part of message (depth first) of that type.
const MimePart *findPart(const MimePart &message, QByteArrayView type, QByteArrayView subtype)
{
    if (message.mediaType() == type && message.subtype() == subtype)
        return &message;
    for (const MimePart &child : message.children())
        if (const MimePart *found = findPart(child, type, subtype))
            return found;
    return nullptr;
}

} // namespace

class TestSignaturePicture : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pictureOfTheSignatureArrivesInline();

private:
    MailStackInfo m_stack;
    MemorySecretStore m_secrets;
};

void TestSignaturePicture::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
}

void TestSignaturePicture::pictureOfTheSignatureArrivesInline()
{
    const QString alice = m_stack.address(QStringLiteral("alice"));
    // Alice writes her HTML signature: her name in bold (the toolbar) and her logo.
    IdentityListEditor editor;
    editor.setIdentities({Identity {QStringLiteral("Alice"), alice, QStringLiteral("Alice")}});
    HtmlComposerEditor *signature = editor.htmlSignatureField();
    editor.htmlSignatureFormatBar()->boldAction()->trigger();
    QTest::keyClicks(signature, QStringLiteral("Alice"));
    editor.htmlSignatureFormatBar()->boldAction()->trigger();
    QTest::keyClicks(signature, QStringLiteral(" of Example "));
    const QByteArray logo = pngBytes();
    QVERIFY(!signature->insertImage(logo, QStringLiteral("logo.png")).isEmpty());
    const QList<Identity> identities = editor.identities();

    Account a;
    a.setId(QStringLiteral("alice") + QUuid::createUuid().toString(QUuid::Id128).left(6));
    a.setDisplayName(QStringLiteral("Alice"));
    a.setAddress(alice);
    a.setUserName(alice);
    a.setImapHost(m_stack.host());
    a.setImapPort(m_stack.imapTlsPort());
    a.setImapSecurity(Security::ImplicitTls);
    a.setSmtpHost(m_stack.host());
    a.setSmtpPort(m_stack.smtpStartTlsPort());
    a.setSmtpSecurity(Security::StartTls);
    a.setCaFilePath(m_stack.caFile());
    a.setSentFiling(Account::SentFiling::Server); // no copy to file: only the delivery counts
    a.setComposesHtml(true);
    a.setIdentities(identities);
    bool written = false;
    m_secrets.writePassword(a.id(), m_stack.password(), this,
                            [&](const SecretStore::Reply &) { written = true; });
    QTRY_VERIFY(written);

    // A new HTML message carries the signature under the text.
    ComposerWindow composer;
    composer.setAccounts({a});
    composer.applyRequest(ComposeRequest());
    QVERIFY(composer.isRichText());
    const QString subject = QStringLiteral("Signed with a logo ")
                            + QUuid::createUuid().toString(QUuid::Id128).left(10);
    composer.toField()->setText(m_stack.address(QStringLiteral("bob")));
    composer.subjectField()->setText(subject);
    QTest::keyClicks(composer.bodyEditor(), QStringLiteral("Hello Bob."));
    const OutgoingMessage message = composer.message();
    QVERIFY(composer.validationError().isEmpty());

    QTemporaryDir dir;
    RunningAccount running(a, &m_secrets, nullptr, dir.path());
    QVERIFY(!running.open());
    QSignalSpy sent(running.sender(), &MessageSender::sent);
    QSignalSpy failed(running.sender(), &MessageSender::failed);
    MailError error;
    QVERIFY2(!running.sender()->send(message, &error).isEmpty(), qPrintable(error.toString()));
    QTRY_COMPARE_WITH_TIMEOUT(sent.size() + failed.size(), 1, 30000);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().at(1).value<MailError>().toString()));

    // Bob's copy, as Dovecot delivered it.
    QJsonArray found;
    QTRY_VERIFY_WITH_TIMEOUT(
            !(found = QJsonDocument::fromJson(
                              m_stack.doveadm({QStringLiteral("-f"), QStringLiteral("json"),
                                               QStringLiteral("fetch"), QStringLiteral("-u"),
                                               m_stack.address(QStringLiteral("bob")),
                                               QStringLiteral("text"), QStringLiteral("mailbox"),
                                               QStringLiteral("INBOX"), QStringLiteral("header"),
                                               QStringLiteral("Subject"), subject}))
                              .array())
                     .isEmpty(),
            30000);
    const MimePart received = MimePart::parse(
            found.first().toObject().value(QStringLiteral("text")).toString().toUtf8());
    const MimePart *related = findPart(received, "multipart", "related");
    QVERIFY(related);
    const MimePart *html = findPart(*related, "text", "html");
    QVERIFY(html);
    const QString text = html->text();
    QVERIFY2(text.contains(QStringLiteral("<b>Alice</b>")), qPrintable(text));
    const QRegularExpressionMatch reference
            = QRegularExpression(QStringLiteral("<img src=\"cid:([^\"]+)\"")).match(text);
    QVERIFY2(reference.hasMatch(), qPrintable(text));
    const MimePart *picture = related->findContentId(reference.captured(1).toLatin1());
    QVERIFY2(picture, qPrintable(reference.captured(1)));
    QCOMPARE(picture->mediaType(), QByteArray("image"));
    QCOMPARE(picture->subtype(), QByteArray("png"));
    QCOMPARE(picture->decodedBody(), logo);
    // The plain alternative has the signature's text.
    const MimePart *plain = findPart(received, "text", "plain");
    QVERIFY(plain);
    QVERIFY2(plain->text().contains(QStringLiteral("-- \nAlice of Example")),
             qPrintable(plain->text()));
}

QTEST_MAIN(TestSignaturePicture)
#include "tst_signaturepicture.moc"
