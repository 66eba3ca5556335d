#include "imap/parser/imapparser.h"
#include "imap/parser/imapparserdetail.h"

#include <QRandomGenerator>
#include <QTest>

// ENVELOPE and BODYSTRUCTURE are read in place from the lexer; the value-tree readers they
// replace still read attached messages' envelopes and every unusual structure. Whatever the
// input, both must accept and refuse the same, stop at the same byte and build the same
// values.

namespace {

QByteArray describe(const QByteArray &bytes)
{
    return bytes.isNull() ? QByteArray("<null>") : '"' + bytes + '"';
}

QByteArray describe(const ImapBodyPart::Parameters &parameters)
{
    QByteArray out = "(";
    for (const auto &p : parameters)
        out += describe(p.first) + '=' + describe(p.second) + ' ';
    return out + ')';
}

QByteArray describe(const ImapBodyPart &part)
{
    QByteArray out = "[" + describe(part.partNumber) + ' ' + describe(part.type) + '/'
                     + describe(part.subtype) + ' ' + describe(part.parameters)
                     + " id=" + describe(part.id) + " desc=" + describe(part.description)
                     + " enc=" + describe(part.encoding) + " size=" + QByteArray::number(part.size)
                     + " lines=" + QByteArray::number(part.lines) + " md5=" + describe(part.md5)
                     + " dsp=" + describe(part.disposition) + describe(part.dispositionParameters)
                     + " lang=";
    for (const QByteArray &language : part.languages)
        out += describe(language) + ',';
    out += " loc=" + describe(part.location) + " ext=";
    for (const ImapValue &extension : part.extensions)
        out += extension.toDebugString() + ',';
    out += part.envelope ? " envelope=" + describe(part.envelope->subject) : QByteArray();
    for (const ImapBodyPart &child : part.children)
        out += ' ' + describe(child);
    return out + ']';
}

struct Outcome
{
    bool ok = false;
    qsizetype end = 0;
    QByteArray part;
};

// The value-tree reader, as FETCH used it for every structure.
Outcome readByTree(const QByteArray &input)
{
    Outcome outcome;
    ImapLexer lexer(input);
    try {
        const ImapValue value = lexer.readValue();
        ImapParserDetail::check(lexer);
        const bool multipart = value.at(0).isList();
        const ImapBodyPart part = ImapParserDetail::readBodyPart(value,
                                                                 multipart ? QByteArray()
                                                                           : QByteArray("1"),
                                                                 0);
        outcome = {true, lexer.position(), describe(part)};
    } catch (const ImapParserDetail::Failure &) { }
    return outcome;
}

Outcome readInPlace(const QByteArray &input)
{
    Outcome outcome;
    ImapLexer lexer(input);
    try {
        const ImapBodyPart part = ImapParserDetail::readBodyStructure(lexer, QByteArray(), 0, true);
        ImapParserDetail::check(lexer);
        outcome = {true, lexer.position(), describe(part)};
    } catch (const ImapParserDetail::Failure &) { }
    return outcome;
}

const QList<QByteArray> seeds = {
        R"(("text" "plain" ("charset" "utf-8") NIL NIL "8bit" 1069 23 NIL NIL NIL NIL))",
        R"((("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 900 19 NIL NIL NIL NIL)("text" "html" ("charset" "utf-8") NIL NIL "quoted-printable" 954 19 NIL NIL NIL NIL) "alternative" ("boundary" "=_alt_5") NIL NIL NIL))",
        R"((("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 889 21 NIL NIL NIL NIL)("text" "csv" ("name" "numbers.csv" "charset" "us-ascii") NIL NIL "base64" 50 1 NIL ("attachment" ("filename" "numbers.csv")) NIL NIL) "mixed" ("boundary" "=_mixed_5") NIL NIL NIL))",
        R"((("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 12 1 NIL NIL NIL NIL)("application" "octet-stream" ("name" "d.bin") NIL NIL "base64" 20256 NIL ("attachment" ("filename" "d.bin")) NIL NIL) "mixed" ("boundary" "b") NIL NIL NIL))",
        R"(("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92))",
        R"(("text" "plain" NIL NIL NIL "7bit" 10 1))",
        R"(("text" "plain" NIL NIL NIL "7bit" 10))",
        R"(("image" "png" ("name" "a.png") "<id@x>" "A picture" "base64" 4000 "md5sum" ("inline" NIL) "en" "http://x/a.png"))",
        R"(("text" "plain" NIL NIL NIL "7bit" 10 1 NIL NIL ("en" "de") NIL "extension" (1 2)))",
        R"(("text" "plain" NIL NIL NIL "7bit" 10 1 NIL "" NIL NIL))",
        R"(("text" "plain" () NIL NIL "7bit" 10 1 NIL (attachment ("filename" "x")) NIL NIL))",
        R"(("text" "plain" NIL NIL NIL "7bit" "10" 1 NIL NIL NIL NIL))",
        R"((text "plain" NIL NIL NIL "7bit" 10 1 NIL NIL NIL NIL))",
        R"(("text" "plain" NIL NIL NIL "7bit" 10 NIL NIL NIL NIL NIL))",
        R"(("message" "rfc822" NIL NIL NIL "7bit" 300 (NIL "inner" NIL NIL NIL NIL NIL NIL NIL NIL) ("text" "plain" NIL NIL NIL "7bit" 10 1) 20 NIL NIL NIL NIL))",
        R"(((("text" "plain" NIL NIL NIL "7bit" 1 1)("text" "html" NIL NIL NIL "7bit" 1 1) "alternative")("image" "gif" NIL NIL NIL "base64" 9) "related" NIL ("inline" NIL) "fr" "loc" "ext"))",
        R"((("text" "plain" NIL NIL NIL "7bit" 1 1) NIL))",
        R"((("text" "plain" NIL NIL NIL "7bit" 1 1)))",
        R"(())",
        "NIL",
        "(\"text\" {5}\r\nplain NIL NIL NIL \"7bit\" 10 1 NIL (\"attachment\" (\"filename\" "
        "{3}\r\na.b)) NIL NIL)",
        R"(("text" "plain" ("charset") NIL NIL "7bit" 10 1))",
        R"(("text" "plain" ("charset" NIL) NIL NIL "7bit" 10 1))",
        R"(("text" "plain" (NIL "x") NIL NIL "7bit" 10 1))",
        R"(("text" "plain" NIL NIL NIL "7bit" 18446744073709551615 1))",
        R"(("text" "plain" NIL NIL NIL "7bit" 99999999999999999999 1))",
        R"(("text" "plain" NIL NIL NIL "7bit" 10 1 NIL ("attachment") NIL NIL))",
        R"(("text" "plain" NIL NIL NIL "7bit" 10 1 NIL ("attachment" NIL "x") NIL NIL))",
        R"(("text" "plain" NIL NIL NIL "7bit" 10 1 NIL NIL x NIL))",
        R"(("text" "plain" NIL NIL NIL "7bit" 10 1 NIL NIL (x "y") NIL))",
        // literal8 strings ("~{n}") are strings wherever a string may go.
        "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1 NIL NIL ~{2}\r\nen NIL)",
        "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1 NIL NIL (~{2}\r\nen \"de\") ~{1}\r\nx)",
        "(~{4}\r\ntext ~{5}\r\nplain (~{4}\r\nname ~{1}\r\nx) NIL NIL \"7bit\" 10 1 NIL "
        "(~{6}\r\ninline NIL) NIL NIL)",
        // Common words in other cases, near misses and escapes: shared tokens or not, the
        // values are the same.
        R"(("Text" "HTML" ("Charset" "UTF-8" "NAME" "Utf-8") NIL NIL "Base64" 1 1 NIL ("Attachment" ("FileName" "a")) NIL NIL))",
        "((\"text\" \"plain\" (\"charse\" \"utf-88\" \"\\\"charset\\\"\" \"u\\\\tf-8\") NIL NIL "
        "\"7bi\\t\" 1 1))",
        "((\"te\\\"xt\" \"pl\\\\ain\" NIL NIL NIL \"7bit\" 1 1))",
        R"(("" "" ("" "") NIL NIL "" 1 1))",
        R"((("text" "plain" NIL NIL NIL "7bit" 1 1)("text" "plain" NIL NIL NIL "7bit" 1 1)("text" "plain" NIL NIL NIL "7bit" 1 1)("text" "plain" NIL NIL NIL "7bit" 1 1)("text" "plain" NIL NIL NIL "7bit" 1 1)("text" "plain" NIL NIL NIL "7bit" 1 1)("text" "plain" NIL NIL NIL "7bit" 1 1)("text" "plain" NIL NIL NIL "7bit" 1 1)("text" "plain" NIL NIL NIL "7bit" 1 1)((("text" "plain" NIL NIL NIL "7bit" 1 1)) "mixed")("text" "plain" NIL NIL NIL "7bit" 1 1) "MIXED"))",
};

} // namespace

class TestImapInPlaceReaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void envelopeInPlaceMatchesValueTree_data();
    void envelopeInPlaceMatchesValueTree();
    void bodyStructureInPlaceMatchesValueTree_data();
    void bodyStructureInPlaceMatchesValueTree();
    void bodyStructureMutationsMatchValueTree();
    void bodyStructureDeepNesting();
};

// A message's own ENVELOPE is read in place from the lexer; the envelope of an attached message
// (inside BODYSTRUCTURE) from a value tree. Both must accept and refuse the same inputs and
// read the same fields.
void TestImapInPlaceReaders::envelopeInPlaceMatchesValueTree_data()
{
    QTest::addColumn<QByteArray>("envelope");
    QTest::addColumn<bool>("valid");
    const auto row = [](const char *name, const QByteArray &envelope, bool valid) {
        QTest::newRow(name) << envelope << valid;
    };
    row("full",
        "(\"Mon, 1 Jan 2024 10:00:00 +0000\" \"Hi\" ((\"A\" NIL \"a\" \"x.org\")) "
        "((\"A\" NIL \"a\" \"x.org\")) NIL ((NIL NIL \"b\" \"y.org\")(\"C\" NIL \"c\" "
        "\"z.org\")) NIL NIL \"<r@x>\" \"<m@x>\")",
        true);
    row("all nil", "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)", true);
    row("sender longer than from",
        "(NIL NIL ((\"A\" NIL \"a\" \"x\")) ((\"A\" NIL \"a\" \"x\")(\"B\" NIL \"b\" \"y\")) "
        "((\"A\" NIL \"a\" \"x\")) NIL NIL NIL NIL NIL)",
        true);
    row("reply-to repeats from, sender nil",
        "(NIL NIL (({1}\r\nA NIL \"a\" \"x\")) NIL (({1}\r\nA NIL \"a\" \"x\")) NIL NIL NIL NIL "
        "NIL)",
        true);
    row("sender repeats from, then garbage",
        "(NIL NIL ((NIL NIL \"a\" \"x\")) ((NIL NIL \"a\" \"x\"))x NIL NIL NIL NIL NIL NIL)",
        false);
    row("lower-case nil", "(nil Nil nil nil nil nil nil nil nil nil)", true);
    row("extra spaces", "(  \"d\"   \"s\"  NIL NIL NIL NIL NIL NIL NIL NIL  )", true);
    row("no spaces", "(\"d\"\"s\"NIL NIL()NIL NIL NIL NIL\"<m>\")", true);
    row("literals",
        "({1}\r\nd {2}\r\ns! (({3}\r\nabc NIL \"m\" \"h\")) NIL NIL NIL NIL NIL NIL NIL)", true);
    row("groups", "(NIL NIL NIL NIL NIL ((NIL NIL \"g\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL)",
        true);
    row("empty strings", "(\"\" \"\" ((\"\" \"\" \"\" \"\")) NIL NIL NIL NIL NIL \"\" \"\")", true);
    row("too short", "(NIL NIL)", false);
    row("nine fields", "(NIL NIL NIL NIL NIL NIL NIL NIL NIL)", false);
    row("eleven fields", "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)", false);
    row("atom subject", "(NIL subject NIL NIL NIL NIL NIL NIL NIL NIL)", false);
    row("NILX", "(NILX NIL NIL NIL NIL NIL NIL NIL NIL NIL)", false);
    row("list subject", "(NIL (\"s\") NIL NIL NIL NIL NIL NIL NIL NIL)", false);
    row("string address list", "(NIL NIL \"x\" NIL NIL NIL NIL NIL NIL NIL)", false);
    row("atom address list", "(NIL NIL x NIL NIL NIL NIL NIL NIL NIL)", false);
    // "" reads as a null QByteArray, as NIL does, yet it is a string: no address list (a fuzz
    // finding, where the in-place reader took it for NIL).
    row("empty string address list", "(NIL NIL \"\" NIL NIL NIL NIL NIL NIL NIL)", false);
    row("empty string bcc", "(\"d\" \"s\" NIL NIL NIL NIL NIL \"\" NIL NIL)", false);
    row("empty literal address list", "(NIL NIL {0}\r\n NIL NIL NIL NIL NIL NIL NIL)", false);
    row("nil in address list", "(NIL NIL (NIL) NIL NIL NIL NIL NIL NIL NIL)", false);
    row("three address fields", "(NIL NIL ((NIL NIL \"a\")) NIL NIL NIL NIL NIL NIL NIL)", false);
    row("five address fields", "(NIL NIL ((NIL NIL \"a\" \"b\" NIL)) NIL NIL NIL NIL NIL NIL NIL)",
        false);
    row("atom address field", "(NIL NIL ((NIL NIL a \"b\")) NIL NIL NIL NIL NIL NIL NIL)", false);
    row("list message id", "(NIL NIL NIL NIL NIL NIL NIL NIL NIL (\"m\"))", false);
}

void TestImapInPlaceReaders::envelopeInPlaceMatchesValueTree()
{
    QFETCH(QByteArray, envelope);
    QFETCH(bool, valid);
    const auto inPlace = ImapParser::parse("* 1 FETCH (ENVELOPE " + envelope + ")\r\n");
    const auto inTree = ImapParser::parse(
            "* 1 FETCH (BODYSTRUCTURE (\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 10 " + envelope
            + " (\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1) 5))\r\n");
    QCOMPARE(inPlace.isOk(), valid);
    QCOMPARE(inTree.isOk(), valid);
    if (!valid)
        return;
    const ImapEnvelope &a = *inPlace.response.fetch().envelope;
    const ImapBodyPart &part = *inTree.response.fetch().bodyStructure;
    QVERIFY(part.envelope);
    const ImapEnvelope &b = *part.envelope;
    QCOMPARE(a.date, b.date);
    QCOMPARE(a.date.isNull(), b.date.isNull());
    QCOMPARE(a.subject, b.subject);
    QCOMPARE(a.subject.isNull(), b.subject.isNull());
    QCOMPARE(a.from, b.from);
    QCOMPARE(a.sender, b.sender);
    QCOMPARE(a.replyTo, b.replyTo);
    QCOMPARE(a.to, b.to);
    QCOMPARE(a.cc, b.cc);
    QCOMPARE(a.bcc, b.bcc);
    QCOMPARE(a.inReplyTo, b.inReplyTo);
    QCOMPARE(a.messageId, b.messageId);
    QCOMPARE(a.messageId.isNull(), b.messageId.isNull());
}

void TestImapInPlaceReaders::bodyStructureInPlaceMatchesValueTree_data()
{
    QTest::addColumn<QByteArray>("input");
    for (qsizetype i = 0; i < seeds.size(); ++i)
        QTest::addRow("seed %lld", qlonglong(i)) << seeds.at(i);
    // Every prefix of a multipart structure: each ends somewhere unexpected.
    const QByteArray full = seeds.at(2);
    for (qsizetype n = 0; n < full.size(); n += 3)
        QTest::addRow("prefix %lld", qlonglong(n)) << full.left(n);
}

void TestImapInPlaceReaders::bodyStructureInPlaceMatchesValueTree()
{
    QFETCH(QByteArray, input);
    const Outcome tree = readByTree(input);
    const Outcome inPlace = readInPlace(input);
    QCOMPARE(inPlace.ok, tree.ok);
    if (!tree.ok)
        return;
    QCOMPARE(inPlace.part, tree.part);
    QCOMPARE(inPlace.end, tree.end);
}

void TestImapInPlaceReaders::bodyStructureMutationsMatchValueTree()
{
    // Random edits of real structures towards the tokens that matter.
    const QList<QByteArray> pieces = {"(",   ")",  " ",    "\"",       "NIL",
                                      "nil", "1",  "x",    "\"\"",     "{1}\r\n",
                                      "()",  "\\", "\r\n", "\"text\"", "\"message\""};
    QRandomGenerator random(20261203);
    int accepted = 0;
    for (int round = 0; round < 20000; ++round) {
        QByteArray input = seeds.at(random.bounded(int(seeds.size())));
        const int edits = 1 + random.bounded(3);
        for (int e = 0; e < edits && !input.isEmpty(); ++e) {
            const qsizetype at = random.bounded(int(input.size()));
            const qsizetype length = random.bounded(4);
            input.replace(at, qMin(length, input.size() - at),
                          pieces.at(random.bounded(int(pieces.size()))));
        }
        const Outcome tree = readByTree(input);
        const Outcome inPlace = readInPlace(input);
        QVERIFY2(inPlace.ok == tree.ok && inPlace.part == tree.part && inPlace.end == tree.end,
                 input.constData());
        accepted += tree.ok ? 1 : 0;
    }
    QVERIFY(accepted > 1000); // the edits left many structures readable
}

void TestImapInPlaceReaders::bodyStructureDeepNesting()
{
    for (int depth : {10, 39, 40, 41, 47, 48, 49, 60}) {
        const QByteArray input = QByteArray(depth, '(')
                                 + R"(("text" "plain" NIL NIL NIL "7bit" 1 1) "mixed")"
                                 + QByteArray(depth, ')').replace(")", " \"mixed\")");
        const Outcome tree = readByTree(input);
        const Outcome inPlace = readInPlace(input);
        QCOMPARE(inPlace.ok, tree.ok);
        QCOMPARE(inPlace.part, tree.part);
    }
}

QTEST_GUILESS_MAIN(TestImapInPlaceReaders)
#include "tst_imapinplacereaders.moc"
