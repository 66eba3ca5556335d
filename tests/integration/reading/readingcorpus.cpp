#include "readingcorpus.h"

namespace ReadingCorpus {

namespace {

QByteArray head(const QByteArray &subject, const QByteArray &contentType)
{
    return "From: Alice Example <alice@example.test>\r\n"
           "To: Carol <carol@example.test>\r\n"
           "Date: Tue, 2 Jan 2024 09:30:00 +0100\r\n"
           "Message-ID: <"
           + subject.toLower().replace(' ', '-')
           + "@example.test>\r\n"
             "Subject: "
           + subject + "\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n";
}

// A small PNG (1x1, red).
QByteArray pngBase64()
{
    return "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5"
           "E"
           "rkJggg==";
}

} // namespace

QByteArray bigAttachment(qsizetype attachmentBytes)
{
    QByteArray data(attachmentBytes, Qt::Uninitialized);
    quint32 x = 2463534242u;
    for (qsizetype i = 0; i < data.size(); ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data[i] = char(x & 0xff);
    }
    return data;
}

QByteArray bigAttachmentMessage(qsizetype attachmentBytes)
{
    QByteArray encoded;
    const QByteArray base64 = bigAttachment(attachmentBytes).toBase64();
    encoded.reserve(base64.size() + base64.size() / 38);
    for (qsizetype i = 0; i < base64.size(); i += 76)
        encoded += base64.mid(i, 76) + "\r\n";
    return head("Big attachment", "multipart/mixed; boundary=\"big\"")
           + "\r\n--big\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
             "The measurements are attached.\r\n"
             "--big\r\nContent-Type: application/octet-stream; name=\"big.bin\"\r\n"
             "Content-Disposition: attachment; filename=\"big.bin\"\r\n"
             "Content-Transfer-Encoding: base64\r\n\r\n"
           + encoded
           + "--big\r\nContent-Type: text/plain; name=\"notes.txt\"\r\n"
             "Content-Disposition: attachment; filename=\"notes.txt\"\r\n\r\n"
             "Some notes.\r\n--big--\r\n";
}

QByteArray largeHtmlMessage(qsizetype bytes)
{
    QByteArray body = "<html><body><h1>Quarterly report</h1>\r\n";
    int row = 0;
    while (body.size() < bytes) {
        body += "<table border=\"1\"><tr><td>Row " + QByteArray::number(row)
                + "</td><td><a href=\"https://example.com/item/" + QByteArray::number(row)
                + "\">Item</a></td><td style=\"color:#336\">Lorem ipsum dolor sit amet, "
                  "consectetur adipiscing elit, sed do eiusmod tempor.</td></tr></table>\r\n"
                  "<p>Paragraph "
                + QByteArray::number(row)
                + " with <b>bold</b>, <i>italic</i> and a <span>span</span>.</p>\r\n";
        ++row;
    }
    body += "<p>The end.</p></body></html>\r\n";
    return head("Large HTML", "text/html; charset=utf-8") + "\r\n" + body;
}

QList<Case> cases()
{
    QList<Case> list;
    list.append({QStringLiteral("plain"),
                 head("Plain", "text/plain; charset=utf-8")
                         + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                           "Gr=C3=BC=C3=9Fe aus K=C3=B6ln.\r\n> quoted line\r\n",
                 {QStringLiteral("Grüße aus Köln."), QStringLiteral("> quoted line")},
                 {},
                 {},
                 {}});
    list.append(
            {QStringLiteral("flowed"),
             head("Flowed", "text/plain; charset=us-ascii; format=flowed")
                     + "\r\nThis paragraph was \r\nwrapped by the sender \r\nand flows again.\r\n",
             {QStringLiteral("This paragraph was wrapped by the sender and flows again.")},
             {},
             {},
             {}});
    list.append({QStringLiteral("html with remote image"),
                 head("Remote image", "text/html; charset=utf-8")
                         + "\r\n<p>Newsletter <img src=\"https://tracker.example.com/p.png\">"
                           "</p>\r\n",
                 {},
                 {QStringLiteral("Newsletter")},
                 {},
                 {}});
    list.append(
            {QStringLiteral("alternative"),
             head("Alternative", "multipart/alternative; boundary=\"alt\"")
                     + "\r\n--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                       "Plain version\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                       "<p><b>HTML version</b></p>\r\n--alt--\r\n",
             {QStringLiteral("Plain version")},
             {QStringLiteral("HTML version")},
             {},
             {}});
    list.append({QStringLiteral("related with cid image"),
                 head("Related", "multipart/related; boundary=\"rel\"")
                         + "\r\n--rel\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                           "<p>Logo: <img src=\"cid:logo@example.test\"></p>\r\n"
                           "--rel\r\nContent-Type: image/png\r\nContent-ID: <logo@example.test>\r\n"
                           "Content-Transfer-Encoding: base64\r\n\r\n"
                         + pngBase64() + "\r\n--rel--\r\n",
                 {},
                 {QStringLiteral("Logo:")},
                 {},
                 {QStringLiteral("logo@example.test")}});
    list.append({QStringLiteral("attached message"),
                 head("Forward", "multipart/mixed; boundary=\"fw\"")
                         + "\r\n--fw\r\nContent-Type: text/plain\r\n\r\nSee the message below.\r\n"
                           "--fw\r\nContent-Type: message/rfc822\r\n"
                           "Content-Disposition: attachment\r\n\r\n"
                           "From: Bob <bob@example.test>\r\nSubject: Inner news\r\n"
                           "Content-Type: text/plain; charset=iso-8859-1\r\n"
                           "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                           "Inner body, caf=E9.\r\n--fw--\r\n",
                 {QStringLiteral("See the message below."), QStringLiteral("Inner body, café.")},
                 {},
                 {QStringLiteral("Inner news.eml")},
                 {}});
    list.append({QStringLiteral("signed"),
                 head("Signed", "multipart/signed; protocol=\"application/pgp-signature\"; "
                                "micalg=pgp-sha256; boundary=\"sig\"")
                         + "\r\n--sig\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                           "Signed text.\r\n--sig\r\nContent-Type: application/pgp-signature; "
                           "name=\"signature.asc\"\r\n\r\n-----BEGIN PGP SIGNATURE-----\r\n"
                           "iQEzBAEBCAAdFiEE\r\n-----END PGP SIGNATURE-----\r\n--sig--\r\n",
                 {QStringLiteral("Signed text.")},
                 {},
                 {},
                 {}});
    list.append({QStringLiteral("legacy charsets"),
                 head("Legacy", "multipart/mixed; boundary=\"lc\"")
                         + "\r\n--lc\r\nContent-Type: text/plain; charset=koi8-r\r\n"
                           "Content-Transfer-Encoding: 8bit\r\n\r\n"
                           "\xF0\xD2\xC9\xD7\xC5\xD4\r\n"
                           "--lc\r\nContent-Type: text/plain; charset=windows-1252\r\n"
                           "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                           "=93Smart quotes=94 =80 5\r\n--lc--\r\n",
                 {QStringLiteral("Привет"), QStringLiteral("“Smart quotes” € 5")},
                 {},
                 {},
                 {}});
    list.append({QStringLiteral("large html"),
                 largeHtmlMessage(1024 * 1024),
                 {},
                 {QStringLiteral("Quarterly report"), QStringLiteral("The end.")},
                 {},
                 {}});
    list.append({QStringLiteral("attachments"),
                 bigAttachmentMessage(5 * 1024 * 1024),
                 {QStringLiteral("The measurements are attached.")},
                 {},
                 {QStringLiteral("big.bin"), QStringLiteral("notes.txt")},
                 {}});
    return list;
}

} // namespace ReadingCorpus
