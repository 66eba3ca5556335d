#include "imap/imapframer.h"
#include "imap/parser/imapparser.h"

#include "testtiming.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestImapFramer : public QObject
{
    Q_OBJECT

private:
    static QList<QByteArray> drain(ImapFramer &framer, ImapFramer::Status *last = nullptr)
    {
        QList<QByteArray> out;
        QByteArray response;
        ImapFramer::Status status;
        while ((status = framer.next(&response)) == ImapFramer::Status::Response)
            out.append(response);
        if (last)
            *last = status;
        return out;
    }

private Q_SLOTS:
    void streams_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QList<QByteArray>>("expected");

        QTest::newRow("one line") << QByteArray("* OK ready\r\n")
                                  << QList<QByteArray> {"* OK ready\r\n"};
        QTest::newRow("bare LF") << QByteArray("* OK a\n* OK b\n")
                                 << QList<QByteArray> {"* OK a\n", "* OK b\n"};
        QTest::newRow("two lines") << QByteArray("* 3 EXISTS\r\nA1 OK done\r\n")
                                   << QList<QByteArray> {"* 3 EXISTS\r\n", "A1 OK done\r\n"};
        QTest::newRow("literal") << QByteArray("* 1 FETCH (BODY[] {5}\r\nab\r\nc)\r\nA2 OK\r\n")
                                 << QList<QByteArray> {"* 1 FETCH (BODY[] {5}\r\nab\r\nc)\r\n",
                                                       "A2 OK\r\n"};
        QTest::newRow("literal holding a fake announcement")
                << QByteArray("* 1 FETCH (BODY[] {6}\r\n{99}\r\n)\r\n")
                << QList<QByteArray> {"* 1 FETCH (BODY[] {6}\r\n{99}\r\n)\r\n"};
        QTest::newRow("two literals")
                << QByteArray(
                           "* LIST () \"/\" {3}\r\nabc\r\n* 2 FETCH (A {1}\r\nx B {2}\r\nyz)\r\n")
                << QList<QByteArray> {"* LIST () \"/\" {3}\r\nabc\r\n",
                                      "* 2 FETCH (A {1}\r\nx B {2}\r\nyz)\r\n"};
        QTest::newRow("empty literal") << QByteArray("* 1 FETCH (BODY[] {0}\r\n)\r\n")
                                       << QList<QByteArray> {"* 1 FETCH (BODY[] {0}\r\n)\r\n"};
        QTest::newRow("non-synchronising and literal8")
                << QByteArray("* 1 FETCH (BINARY[1] ~{3}\r\n\0\1\2)\r\nA {2+}\r\nhi\r\n", 45)
                << QList<QByteArray> {QByteArray("* 1 FETCH (BINARY[1] ~{3}\r\n\0\1\2)\r\n", 33),
                                      "A {2+}\r\nhi\r\n"};
        QTest::newRow("continuation") << QByteArray("+ go ahead\r\n+\r\n")
                                      << QList<QByteArray> {"+ go ahead\r\n", "+\r\n"};
        QTest::newRow("incomplete tail")
                << QByteArray("* OK a\r\n* OK b") << QList<QByteArray> {"* OK a\r\n"};
        QTest::newRow("literal owed")
                << QByteArray("* 1 FETCH (BODY[] {10}\r\nabc") << QList<QByteArray> {};
    }

    void streams()
    {
        QFETCH(QByteArray, input);
        QFETCH(QList<QByteArray>, expected);

        ImapFramer whole;
        whole.feed(input);
        QCOMPARE(drain(whole), expected);

        // Byte at a time, draining after every byte, gives the same responses.
        ImapFramer bytewise;
        QList<QByteArray> got;
        for (char c : input) {
            bytewise.feed(QByteArrayView(&c, 1));
            got += drain(bytewise);
        }
        QCOMPARE(got, expected);
        QVERIFY(!bytewise.hasError());

        // Random chunk sizes too.
        ImapFramer chunked;
        got.clear();
        for (qsizetype i = 0, n = 1; i < input.size(); i += n, n = n % 7 + 2) {
            chunked.feed(QByteArrayView(input).sliced(i, std::min(n, input.size() - i)));
            got += drain(chunked);
        }
        QCOMPARE(got, expected);
    }

    void everyPrefixNeedsMore_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::newRow("status") << QByteArray("A1 OK [READ-WRITE] SELECT completed\r\n");
        QTest::newRow("literal") << QByteArray(
                "* 12 FETCH (UID 7 BODY[HEADER] {12}\r\nSubject: x\r\n)\r\n");
        QTest::newRow("literal at end") << QByteArray("* LIST () \"/\" {4}\r\nabcd\r\n");
        QTest::newRow("literal+ and literal8")
                << QByteArray("* 1 FETCH (BINARY[] ~{2}\r\nxy X {1+}\r\nz)\r\n");
    }

    void everyPrefixNeedsMore()
    {
        QFETCH(QByteArray, response);
        for (qsizetype n = 0; n < response.size(); ++n) {
            ImapFramer framer;
            framer.feed(response.first(n));
            QByteArray out;
            QCOMPARE(framer.next(&out), ImapFramer::Status::NeedMore);
        }
        ImapFramer framer;
        for (char c : response) {
            QByteArray out;
            QCOMPARE(framer.next(&out), ImapFramer::Status::NeedMore);
            framer.feed(QByteArrayView(&c, 1));
        }
        QByteArray out;
        QCOMPARE(framer.next(&out), ImapFramer::Status::Response);
        QCOMPARE(out, response);
        QCOMPARE(framer.next(&out), ImapFramer::Status::NeedMore);
        QCOMPARE(framer.bufferedBytes(), 0);
    }

    void limits_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("responsesBeforeError");

        QTest::newRow("2 GB literal") << QByteArray("* 1 FETCH (BODY[] {2147483648}\r\n") << 0;
        QTest::newRow("literal size overflow")
                << QByteArray("* 1 FETCH (BODY[] {99999999999999999999999}\r\n") << 0;
        QTest::newRow("literal over cap")
                << QByteArray("* OK x\r\n* 1 FETCH (BODY[] {1025}\r\n") << 1;
        QTest::newRow("line over cap, terminated")
                << QByteArray("* OK " + QByteArray(600, 'a') + "\r\n") << 0;
        QTest::newRow("line over cap, unterminated")
                << QByteArray("* OK " + QByteArray(600, 'a')) << 0;
        QTest::newRow("line over cap after literal")
                << QByteArray("* 1 FETCH (X {2}\r\nab " + QByteArray(600, 'b')) << 0;
        QTest::newRow("response over cap")
                << QByteArray("* 1 FETCH (A {1000}\r\n" + QByteArray(1000, 'x') + " B {1000}\r\n")
                << 0;
    }

    void limits()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, responsesBeforeError);
        ImapFramer::Limits limits;
        limits.maxLineLength = 512;
        limits.maxLiteralSize = 1024;
        limits.maxResponseSize = 1500;

        for (bool bytewise : {false, true}) {
            ImapFramer framer(limits);
            if (bytewise) {
                for (char c : input)
                    framer.feed(QByteArrayView(&c, 1));
            } else {
                framer.feed(input);
            }
            ImapFramer::Status last;
            QCOMPARE(drain(framer, &last).size(), responsesBeforeError);
            QCOMPARE(last, ImapFramer::Status::Error);
            QCOMPARE(framer.error().kind(), MailError::Kind::Limit);
            // Nothing was reserved for the announced size.
            QVERIFY(framer.bufferedBytes() <= input.size());
            // Failed for good: more bytes do not revive it.
            framer.feed("A1 OK\r\n");
            QByteArray out;
            QCOMPARE(framer.next(&out), ImapFramer::Status::Error);
        }
    }

    // After login, a literal that is not a body section's is cut to maxFieldLiteralSize as it
    // arrives; a body section's is kept whole. Either way the responses after it go on.
    void literalsByWhatTheyStandFor_data()
    {
        QTest::addColumn<QByteArray>("before"); // up to the literal's announcement
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QByteArray>("after"); // from the end of the literal
        QTest::addColumn<bool>("cut");

        const QByteArray envelopeTail = " NIL NIL NIL NIL NIL NIL NIL NIL))\r\n";
        QTest::newRow("ENVELOPE subject") << QByteArray("* 1 FETCH (UID 7 ENVELOPE (\"date\" ")
                                          << qint64(200000) << envelopeTail << true;
        QTest::newRow("ENVELOPE subject, non-synchronizing form")
                << QByteArray("* 1 FETCH (UID 7 ENVELOPE (\"date\" ") << qint64(200000)
                << envelopeTail << true;
        QTest::newRow("BODYSTRUCTURE parameter")
                << QByteArray("* 2 FETCH (BODYSTRUCTURE (\"text\" \"plain\" (\"name\" ")
                << qint64(70000) << QByteArray(") NIL NIL \"7bit\" 1 1))\r\n") << true;
        QTest::newRow("mailbox name")
                << QByteArray("* LIST () \"/\" ") << qint64(20000) << QByteArray("\r\n") << true;
        QTest::newRow("status text")
                << QByteArray("* OK ") << qint64(30000) << QByteArray("\r\n") << true;
        QTest::newRow("field at the cap is kept") << QByteArray("* 1 FETCH (ENVELOPE (\"date\" ")
                                                  << qint64(16 * 1024) << envelopeTail << false;
        QTest::newRow("BODY[]") << QByteArray("* 3 FETCH (UID 9 BODY[] ") << qint64(200000)
                                << QByteArray(")\r\n") << false;
        QTest::newRow("BODY[1.2] with origin")
                << QByteArray("* 3 FETCH (BODY[1.2]<0> ") << qint64(200000)
                << QByteArray(" UID 9)\r\n") << false;
        QTest::newRow("BODY[HEADER.FIELDS (SUBJECT)]")
                << QByteArray("* 3 FETCH (BODY[HEADER.FIELDS (SUBJECT)] ") << qint64(100000)
                << QByteArray(")\r\n") << false;
        QTest::newRow("BINARY[1] literal8") << QByteArray("* 3 FETCH (BINARY[1] ~")
                                            << qint64(100000) << QByteArray(")\r\n") << false;
        QTest::newRow("RFC822.TEXT") << QByteArray("* 3 FETCH (rfc822.text ") << qint64(100000)
                                     << QByteArray(")\r\n") << false;
    }

    void literalsByWhatTheyStandFor()
    {
        QFETCH(QByteArray, before);
        QFETCH(qint64, size);
        QFETCH(QByteArray, after);
        QFETCH(bool, cut);
        const bool plus = QByteArray(QTest::currentDataTag()).contains("non-synchronizing");
        const QByteArray announcement = '{' + QByteArray::number(size) + (plus ? "+" : "")
                                        + "}\r\n";
        const QByteArray literal(qsizetype(size), 'x');
        const QByteArray input = "* OK first\r\n" + before + announcement + literal + after
                                 + "A1 OK done\r\n";
        const qint64 cap = ImapFramer::Limits().maxFieldLiteralSize;
        const QByteArray expected = cut ? before + '{' + QByteArray::number(cap) + "}\r\n"
                                                    + QByteArray(qsizetype(cap), 'x') + after
                                        : before + announcement + literal + after;

        for (int feedSize : {int(input.size()), 4096, 1}) {
            ImapFramer framer;
            QList<QByteArray> responses;
            QList<bool> truncated;
            qsizetype peak = 0;
            QByteArray out;
            for (qsizetype i = 0; i < input.size(); i += feedSize) {
                framer.feed(QByteArrayView(input).sliced(i, std::min<qsizetype>(feedSize,
                                                                                input.size() - i)));
                peak = std::max(peak, framer.bufferedBytes());
                while (framer.next(&out) == ImapFramer::Status::Response) {
                    responses.append(out);
                    truncated.append(framer.wasTruncated());
                }
            }
            QVERIFY2(!framer.hasError(), qPrintable(framer.error().toString()));
            QCOMPARE(responses.size(), 3);
            QCOMPARE(responses.at(0), QByteArray("* OK first\r\n"));
            QCOMPARE(responses.at(1).size(), expected.size());
            QCOMPARE(responses.at(1), expected);
            QCOMPARE(responses.at(2), QByteArray("A1 OK done\r\n"));
            QCOMPARE(truncated, QList<bool>({false, cut, false}));
            if (cut && feedSize < input.size()) // what is cut is never held
                QVERIFY2(peak < cap + 2 * feedSize + before.size() + 64,
                         qPrintable(QString::number(peak)));
        }
    }

    // A cut field literal keeps fewer bytes than arrived: its announcement is shortened to the
    // cap and the rest of the literal is dropped as it comes. Fed whole or in pieces, the framer
    // ends in the same state, holding the shortened response so far and nothing dropped (a fuzz
    // finding: the fuzz target counted every byte fed as framed or held).
    void cutLiteralAccounting_data()
    {
        QTest::addColumn<int>("feedSize");
        for (int feedSize : {0, 1, 2, 3, 7})
            QTest::addRow("feed %d", feedSize) << feedSize;
    }

    void cutLiteralAccounting()
    {
        QFETCH(int, feedSize);
        const QByteArray first = "* OK fine\n";
        const QByteArray tail = "xx\"/\" \"a)\nb\"\n"; // the first bytes of the literal
        const QByteArray input = first + "* LIST () {2147483648}\n" + tail;
        ImapFramer framer;
        const qsizetype step = feedSize > 0 ? feedSize : input.size();
        QList<QByteArray> responses;
        QByteArray out;
        for (qsizetype i = 0; i < input.size(); i += step) {
            framer.feed(QByteArrayView(input).sliced(i, std::min(step, input.size() - i)));
            while (framer.next(&out) == ImapFramer::Status::Response)
                responses.append(out);
        }
        QVERIFY(!framer.hasError());
        QCOMPARE(responses, QList<QByteArray> {first});
        const QByteArray held = "* LIST () {16384}\n" + tail;
        QCOMPARE(framer.bufferedBytes(), held.size());
        // Fed = framed + held + what the announcement lost.
        QCOMPARE(first.size() + framer.bufferedBytes() + 5, input.size());
        // The rest of the kept 16 KiB is still owed; what comes after it is dropped.
        framer.feed(QByteArray(16384 - tail.size(), 'y') + QByteArray(100, 'z'));
        QCOMPARE(framer.next(&out), ImapFramer::Status::NeedMore);
        QCOMPARE(framer.bufferedBytes(), held.size() + 16384 - tail.size());
    }

    // Before the login the caps are small, and a literal over them is an error at once,
    // whatever follows: nothing is held for the announced size.
    void beforeLoginLimits_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("fails");
        QTest::newRow("250 MiB literal in the greeting")
                << QByteArray("* OK {262144000}\r\n" + QByteArray(4096, 'x')) << true;
        QTest::newRow("250 MiB body literal before login")
                << QByteArray("* 1 FETCH (BODY[] {262144000}\r\n") << true;
        QTest::newRow("long greeting line") << QByteArray("* OK " + QByteArray(70000, 'a')) << true;
        QTest::newRow("ordinary greeting")
                << QByteArray("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n") << false;
        QTest::newRow("capability list with a small literal")
                << QByteArray("* OK {5}\r\nhello\r\n") << false;
    }

    void beforeLoginLimits()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, fails);
        ImapFramer framer(ImapFramer::Limits::beforeLogin());
        framer.feed(input);
        QByteArray out;
        const ImapFramer::Status status = framer.next(&out);
        QCOMPARE(status, fails ? ImapFramer::Status::Error : ImapFramer::Status::Response);
        if (fails)
            QCOMPARE(framer.error().kind(), MailError::Kind::Limit);
        QVERIFY(framer.bufferedBytes() <= input.size());

        // The login raises the caps for what follows.
        ImapFramer after(ImapFramer::Limits::beforeLogin());
        after.setLimits(ImapFramer::Limits());
        after.feed("* 1 FETCH (BODY[] {100000}\r\n" + QByteArray(100000, 'y') + ")\r\n");
        QCOMPARE(after.next(&out), ImapFramer::Status::Response);
        QCOMPARE(out.size(), 100000 + 31);
    }

    // After login, a quoted string that is not a body section's is cut like a field literal:
    // the bytes past maxFieldLiteralSize are dropped as its line completes, an escape pair is
    // kept or dropped whole, and the response is marked truncated. A body section's quoted
    // string is kept. Without cutting (cutFieldLiterals false) the long string is an error.
    void quotedStringsByWhatTheyStandFor_data()
    {
        QTest::addColumn<QByteArray>("before"); // up to the opening quote
        QTest::addColumn<QByteArray>("content"); // between the quotes, as on the wire
        QTest::addColumn<QByteArray>("after"); // from the closing quote
        QTest::addColumn<QByteArray>("kept"); // between the quotes, as framed

        const qsizetype cap = qsizetype(ImapFramer::Limits().maxFieldLiteralSize);
        const QByteArray envelopeTail = " NIL NIL NIL NIL NIL NIL NIL NIL))\r\n";
        const QByteArray big(200000, 's');
        QTest::newRow("ENVELOPE subject") << QByteArray("* 1 FETCH (UID 7 ENVELOPE (\"date\" \"")
                                          << big << '"' + envelopeTail << big.left(cap);
        QTest::newRow("BODYSTRUCTURE parameter")
                << QByteArray("* 2 FETCH (BODYSTRUCTURE (\"text\" \"plain\" (\"name\" \"") << big
                << QByteArray("\") NIL NIL \"7bit\" 1 1))\r\n") << big.left(cap);
        // An escape pair that would end past the cap is dropped whole: no lone backslash
        // escapes the closing quote.
        const QByteArray escaped = QByteArray(cap - 1, 'e') + "\\\"" + QByteArray(5000, 'e');
        QTest::newRow("escape pair at the cap")
                << QByteArray("* 1 FETCH (ENVELOPE (\"date\" \"") << escaped << '"' + envelopeTail
                << QByteArray(cap - 1, 'e');
        const QByteArray pairs = QByteArray("\\\\").repeated(cap);
        QTest::newRow("escape pairs") << QByteArray("* 1 FETCH (ENVELOPE (\"date\" \"") << pairs
                                      << '"' + envelopeTail << pairs.left(cap);
        QTest::newRow("string at the cap is kept")
                << QByteArray("* 1 FETCH (ENVELOPE (\"date\" \"") << big.left(cap)
                << '"' + envelopeTail << big.left(cap);
        QTest::newRow("BODY[]") << QByteArray("* 3 FETCH (UID 9 BODY[] \"") << big
                                << QByteArray("\")\r\n") << big;
        QTest::newRow("BODY[1]<0>") << QByteArray("* 3 FETCH (BODY[1]<0> \"") << big
                                    << QByteArray("\" UID 9)\r\n") << big;
    }

    void quotedStringsByWhatTheyStandFor()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, after);
        QFETCH(QByteArray, kept);
        const bool cut = kept != content;
        const QByteArray input = "* OK first\r\n" + before + content + after + "A1 OK done\r\n";
        const QByteArray expected = before + kept + after;
        for (int feedSize : {int(input.size()), 4096, 7}) {
            ImapFramer framer;
            QList<QByteArray> responses;
            QList<bool> truncated;
            QByteArray out;
            for (qsizetype i = 0; i < input.size(); i += feedSize) {
                framer.feed(QByteArrayView(input).sliced(i, std::min<qsizetype>(feedSize,
                                                                                input.size() - i)));
                while (framer.next(&out) == ImapFramer::Status::Response) {
                    responses.append(out);
                    truncated.append(framer.wasTruncated());
                }
            }
            QVERIFY2(!framer.hasError(), qPrintable(framer.error().toString()));
            QCOMPARE(responses.size(), 3);
            QCOMPARE(responses.at(1).size(), expected.size());
            QCOMPARE(responses.at(1), expected);
            QCOMPARE(responses.at(2), QByteArray("A1 OK done\r\n"));
            QCOMPARE(truncated, QList<bool>({false, cut, false}));
            // What was framed still parses.
            QVERIFY(ImapParser::parse(responses.at(1)).isOk());
        }

        ImapFramer::Limits strict;
        strict.cutFieldLiterals = false;
        ImapFramer framer(strict);
        framer.feed(input);
        QByteArray out;
        QCOMPARE(framer.next(&out), ImapFramer::Status::Response);
        QCOMPARE(framer.next(&out), cut ? ImapFramer::Status::Error : ImapFramer::Status::Response);
    }

    // With a spool directory, a body section literal over spoolThreshold goes to a file as it
    // arrives: the response holds "{0}" in its place, spooledLiterals() names the file and
    // where the literal starts, and the framer never holds more than a feed's worth of it.
    // Smaller body sections and every other literal stay in memory.
    void bodySectionsGoToTheSpool_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<bool>("spooled");

        QTest::newRow("BODY[]") << QByteArray("* 3 FETCH (UID 9 BODY[] ") << qint64(300000)
                                << QByteArray(")\r\n") << true;
        QTest::newRow("BODY[1.2]<0>, then UID")
                << QByteArray("* 3 FETCH (BODY[1.2]<0> ") << qint64(300000)
                << QByteArray(" UID 9)\r\n") << true;
        QTest::newRow("BINARY[1] literal8") << QByteArray("* 3 FETCH (UID 9 BINARY[1] ~")
                                            << qint64(300000) << QByteArray(")\r\n") << true;
        QTest::newRow("RFC822") << QByteArray("* 3 FETCH (UID 9 RFC822 ") << qint64(300000)
                                << QByteArray(")\r\n") << true;
        QTest::newRow("BODY[] at the threshold") << QByteArray("* 3 FETCH (UID 9 BODY[] ")
                                                 << qint64(100000) << QByteArray(")\r\n") << false;
        QTest::newRow("ENVELOPE subject (cut, not spooled)")
                << QByteArray("* 3 FETCH (UID 9 ENVELOPE (\"date\" ") << qint64(300000)
                << QByteArray(" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n") << false;
    }

    void bodySectionsGoToTheSpool()
    {
        QFETCH(QByteArray, before);
        QFETCH(qint64, size);
        QFETCH(QByteArray, after);
        QFETCH(bool, spooled);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QByteArray literal(qsizetype(size), 'x');
        for (qsizetype i = 0; i < literal.size(); i += 1000)
            literal[i] = char('a' + (i / 1000) % 26);
        const QByteArray announcement = '{' + QByteArray::number(size) + "}\r\n";
        const QByteArray input = before + announcement + literal + after + "A1 OK done\r\n";
        ImapFramer::Limits limits;
        limits.spoolThreshold = 100000;

        for (int feedSize : {int(input.size()), 4096, 333}) {
            ImapFramer framer(limits);
            framer.setSpoolDirectory(dir.path());
            QList<QByteArray> responses;
            QList<QList<ImapFramer::SpooledLiteral>> spools;
            qsizetype peak = 0;
            QByteArray out;
            for (qsizetype i = 0; i < input.size(); i += feedSize) {
                framer.feed(QByteArrayView(input).sliced(i, std::min<qsizetype>(feedSize,
                                                                                input.size() - i)));
                peak = std::max(peak, framer.bufferedBytes());
                while (framer.next(&out) == ImapFramer::Status::Response) {
                    responses.append(out);
                    spools.append(framer.spooledLiterals());
                }
            }
            QVERIFY2(!framer.hasError(), qPrintable(framer.error().toString()));
            QCOMPARE(responses.size(), 2);
            QVERIFY(spools.at(1).isEmpty());
            if (!spooled) {
                QVERIFY(spools.at(0).isEmpty());
                QVERIFY(QDir(dir.path()).isEmpty());
                continue;
            }
            QCOMPARE(responses.at(0), before + "{0}\r\n" + after);
            QCOMPARE(spools.at(0).size(), 1);
            const ImapFramer::SpooledLiteral spool = spools.at(0).first();
            const qsizetype valueStart = before.endsWith('~') ? before.size() - 1 : before.size();
            QCOMPARE(spool.offset, valueStart);
            QCOMPARE(spool.file.size(), size);
            QCOMPARE(spool.file.readAll(), literal);
            if (feedSize < input.size()) // the literal is never held
                QVERIFY2(peak < before.size() + 2 * feedSize + 64,
                         qPrintable(QString::number(peak)));

            // The parser's section starts where the framer says: the file joins it.
            ImapParser::Result parsed = ImapParser::parse(responses.at(0));
            QVERIFY(parsed.isOk());
            QVERIFY(parsed.response.setFetchSpool(spool.offset, spool.file));
            QCOMPARE(parsed.response.fetch().sections.size(), 1);
            QCOMPARE(parsed.response.fetch().sections.first().spool.readAll(), literal);
            QVERIFY(!parsed.response.setFetchSpool(spool.offset + 1, spool.file));
        }
        // Once no copy holds it, the file is gone.
        QVERIFY(QDir(dir.path()).isEmpty());
    }

    // The spooled literal's own cap (maxSpooledLiteralSize) applies, not maxLiteralSize: a
    // section above 256 MiB is fine, one above the spool cap is an error before any byte.
    void spoolCaps()
    {
        QTemporaryDir dir;
        ImapFramer framer;
        framer.setSpoolDirectory(dir.path());
        framer.feed("* 1 FETCH (BODY[] {300000000}\r\n");
        QByteArray out;
        QCOMPARE(framer.next(&out), ImapFramer::Status::NeedMore);
        QVERIFY(!framer.hasError());
        framer.reset();
        framer.feed("* 1 FETCH (BODY[] {3000000000}\r\n");
        QCOMPARE(framer.next(&out), ImapFramer::Status::Error);
        QCOMPARE(framer.error().kind(), MailError::Kind::Limit);
        framer.reset();
        QVERIFY(QDir(dir.path()).isEmpty());

        // A spool directory that cannot be written is a storage error.
        ImapFramer broken;
        broken.setSpoolDirectory(QStringLiteral("/proc/heron-no-such-folder"));
        broken.feed("* 1 FETCH (BODY[] {3000000}\r\n");
        QCOMPARE(broken.next(&out), ImapFramer::Status::Error);
        QCOMPARE(broken.error().kind(), MailError::Kind::Storage);
    }

    void defaultLimitRejects2GbLiteral()
    {
        ImapFramer framer;
        framer.feed("* 1 FETCH (BODY[] {2147483648}\r\n");
        QByteArray out;
        QCOMPARE(framer.next(&out), ImapFramer::Status::Error);
        QCOMPARE(framer.error().kind(), MailError::Kind::Limit);
    }

    void resetClearsError()
    {
        ImapFramer::Limits limits;
        limits.maxLineLength = 4;
        ImapFramer framer(limits);
        framer.feed("* OK long line\r\n");
        QByteArray out;
        QCOMPARE(framer.next(&out), ImapFramer::Status::Error);
        framer.reset();
        framer.feed("A\r\n");
        QCOMPARE(framer.next(&out), ImapFramer::Status::Response);
        QCOMPARE(out, QByteArray("A\r\n"));
    }

    // The bytes after a response that switches the link's encoding (COMPRESS) come back whole,
    // framed or not, and the framer starts over; cut bytes cannot come back.
    void takeUnframed_data()
    {
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<bool>("intact");
        QTest::newRow("nothing") << QByteArray() << true;
        QTest::newRow("part of a line") << QByteArray("\x01\x02 half") << true;
        QTest::newRow("looks like lines") << QByteArray("* 1 EXISTS\r\n{3}\r\nab") << true;
        QTest::newRow("a long field cut")
                << QByteArray("* 1 FETCH (ENVELOPE (\"" + QByteArray(20000, 'x') + "\"))\r\n")
                << false;
    }
    void takeUnframed()
    {
        QFETCH(QByteArray, after);
        QFETCH(bool, intact);
        ImapFramer framer;
        framer.feed("h2 OK DEFLATE active\r\n" + after);
        QByteArray out;
        QCOMPARE(framer.next(&out), ImapFramer::Status::Response);
        QCOMPARE(out, QByteArray("h2 OK DEFLATE active\r\n"));
        QByteArray taken;
        QCOMPARE(framer.takeUnframed(&taken), intact);
        if (intact)
            QCOMPARE(taken, after);
        QCOMPARE(framer.bufferedBytes(), qsizetype(0));
        framer.feed("* OK next\r\n");
        QCOMPARE(framer.next(&out), ImapFramer::Status::Response);
        QCOMPARE(out, QByteArray("* OK next\r\n"));
    }

    // A 32 MB literal arriving in 1 KB reads, as under TLS: linear work keeps this well
    // under a second; rescanning the buffer on each read would take minutes.
    void largeLiteralInSmallReadsIsLinear()
    {
        const qsizetype size = 32 * 1024 * 1024;
        const QByteArray chunk(1024, 'x');
        ImapFramer framer;
        QElapsedTimer timer;
        timer.start();
        framer.feed("* 1 FETCH (BODY[] {" + QByteArray::number(size) + "}\r\n");
        QByteArray out;
        for (qsizetype sent = 0; sent < size; sent += chunk.size()) {
            framer.feed(chunk);
            QCOMPARE(framer.next(&out), ImapFramer::Status::NeedMore);
        }
        framer.feed(")\r\n");
        QCOMPARE(framer.next(&out), ImapFramer::Status::Response);
        const qint64 ms = timer.elapsed();
        qInfo("32 MB literal in 1 KB feeds: %lld ms", ms);
        QCOMPARE(out.size(), size + 25 + QByteArray::number(size).size());
        QVERIFY2(ms < 5000 * TestTiming::factor, "framing is not linear in the bytes fed");
    }

    void manySmallResponsesInSmallReads()
    {
        QByteArray stream;
        for (int i = 1; i <= 20000; ++i)
            stream += "* " + QByteArray::number(i) + " FETCH (UID " + QByteArray::number(i)
                      + " FLAGS (\\Seen))\r\n";
        ImapFramer framer;
        QElapsedTimer timer;
        timer.start();
        int count = 0;
        QByteArray out;
        for (qsizetype i = 0; i < stream.size(); i += 100) {
            framer.feed(
                    QByteArrayView(stream).sliced(i, std::min<qsizetype>(100, stream.size() - i)));
            while (framer.next(&out) == ImapFramer::Status::Response)
                ++count;
        }
        qInfo("20000 responses in 100-byte feeds: %lld ms", timer.elapsed());
        QCOMPARE(count, 20000);
        QCOMPARE(framer.bufferedBytes(), 0);
    }
};

QTEST_APPLESS_MAIN(TestImapFramer)
#include "tst_imapframer.moc"
