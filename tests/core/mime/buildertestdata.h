#pragma once

// Messages and settings shared by the message builder and message stream tests.

#include "mime/messagebuilder.h"
#include "mime/outgoingmessage.h"

#include <memory>
#include <QFile>
#include <QTest>

Q_DECLARE_METATYPE(OutgoingMessage)

inline QString dataPath(const QString &relative)
{
    return QStringLiteral(HERON_MIME_DATA "/built/") + relative;
}

inline QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Deterministic settings: fixed date, Message-ID, user agent and numbered boundaries.
inline MessageBuilder makeBuilder(const OutgoingMessage &message)
{
    MessageBuilder builder(message);
    builder.setMessageId("<golden-1@example.com>");
    builder.setUserAgent("Heron/test");
    auto counter = std::make_shared<int>(0);
    builder.setBoundaryGenerator(
            [counter] { return "=_boundary_" + QByteArray::number(++*counter); });
    return builder;
}

inline OutgoingMessage baseMessage()
{
    OutgoingMessage m;
    m.from = {u8("Alice Example"), u8("alice@example.com")};
    m.to = {{u8("Bob"), u8("bob@example.net")}};
    m.subject = u8("Lunch tomorrow");
    m.plainBody = u8("Hi Bob,\n\nAre we still on for lunch tomorrow?\n\nAlice\n");
    m.date = QDateTime(QDate(2026, 11, 24), QTime(22, 37, 7), Qt::OffsetFromUTC, 3600);
    return m;
}

// The rows of the golden files in tests/data/mime/built: message, SMTPUTF8, 8BITMIME.
inline void addGoldenRows()
{
    QTest::addColumn<OutgoingMessage>("message");
    QTest::addColumn<bool>("smtpUtf8");
    QTest::addColumn<bool>("allow8Bit");

    const OutgoingMessage plain = baseMessage();
    QTest::newRow("plain-ascii") << plain << false << false;

    OutgoingMessage unicode = baseMessage();
    unicode.from = {u8("Jörg Müller"), u8("joerg@example.de")};
    unicode.to = {{u8("Zoë \"the boss\" Ωmega"), u8("zoe@example.net")},
                  {QString(), u8("plain@example.org")}};
    unicode.cc = {{u8("Ренат"), u8("renat@example.ru")}, {u8("Smith, John"), u8("js@example.com")}};
    unicode.bcc = {{u8("Hidden"), u8("hidden@example.com")}};
    unicode.subject = u8("Re: Grüße aus Köln – Привет 😀 and a fairly long tail to force folding");
    unicode.plainBody = u8("Grüße!\n\nThis paragraph is long enough that format=flowed has to wrap "
                           "it into several lines, with trailing spaces marking the soft breaks.\n"
                           "> quoted reply line\nFrom the start of a line.\n-- \nJörg\n");
    unicode.inReplyTo = "<parent@example.net>";
    unicode.references = {"<root@example.net>", "<a-rather-long-message-id-1234567890@example.net>",
                          "<another-long-message-id-abcdefghij@example.org>",
                          "<parent@example.net>"};
    QTest::newRow("unicode-headers") << unicode << false << false;

    OutgoingMessage cyrillic = baseMessage();
    cyrillic.subject = u8("Отчёт за ноябрь");
    cyrillic.plainBody = u8("Здравствуйте!\n\nВо вложении отчёт за ноябрь. Спасибо.\n");
    QTest::newRow("cyrillic-body") << cyrillic << false << false;

    OutgoingMessage eightBit = cyrillic;
    QTest::newRow("cyrillic-8bit") << eightBit << false << true;

    OutgoingMessage html = baseMessage();
    html.htmlBody = u8("<html><body><p>Hi Bob,</p><p>Are we still on for <b>lunch</b> "
                       "tomorrow?</p><p>Alice — café</p></body></html>");
    QTest::newRow("html-alternative") << html << false << false;

    OutgoingMessage files = baseMessage();
    files.attachments = {
            {dataPath(u8("files/hello.txt")), QString(), QByteArray(), QByteArray(), false,
             QByteArray()},
            {dataPath(u8("files/report.pdf")),
             u8("Отчёт за ноябрь 2026 — итоговая версия с очень длинным названием.pdf"),
             QByteArray(), QByteArray(), false, QByteArray()},
            {dataPath(u8("files/pixel.png")), u8("my \"pixel\".png"), QByteArray("image/png"),
             QByteArray(), false, QByteArray()},
    };
    QTest::newRow("attachments-mixed") << files << false << false;

    OutgoingMessage inlineImage = html;
    inlineImage.htmlBody = u8("<p>Logo: <img src=\"cid:logo@example.com\"></p>");
    inlineImage.attachments = {
            {dataPath(u8("files/pixel.png")), u8("logo.png"), QByteArray(),
             QByteArray("logo@example.com"), true, QByteArray()},
            {dataPath(u8("files/report.pdf")), QString(), QByteArray(), QByteArray(), false,
             QByteArray()},
    };
    QTest::newRow("html-inline-image") << inlineImage << false << false;

    OutgoingMessage idn = baseMessage();
    idn.from = {u8("Bücherwurm"), u8("info@bücher.example")};
    idn.to = {{u8("Ünïcödé"), u8("kunde@münchen.example")}};
    idn.subject = u8("Bestellung Nr. 42 – Bücher");
    QTest::newRow("idn-domains") << idn << false << false;

    OutgoingMessage utf8 = idn;
    utf8.to = {{u8("Ünïcödé"), u8("jörg@münchen.example")}};
    QTest::newRow("smtputf8") << utf8 << true << false;
}
