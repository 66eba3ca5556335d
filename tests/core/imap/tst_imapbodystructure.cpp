#include "imap/parser/imapparserdetail.h"

#include <QRandomGenerator>
#include <QTest>

// BODYSTRUCTURE is read in place for the common layout and through a value tree otherwise.
// Whatever the input, both readers must accept and refuse the same, stop at the same byte and
// build the same parts.

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
};

} // namespace

class TestImapBodyStructure : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void inPlaceMatchesValueTree_data();
    void inPlaceMatchesValueTree();
    void mutationsMatchValueTree();
    void deepNesting();
};

void TestImapBodyStructure::inPlaceMatchesValueTree_data()
{
    QTest::addColumn<QByteArray>("input");
    for (qsizetype i = 0; i < seeds.size(); ++i)
        QTest::addRow("seed %lld", qlonglong(i)) << seeds.at(i);
    // Every prefix of a multipart structure: each ends somewhere unexpected.
    const QByteArray full = seeds.at(2);
    for (qsizetype n = 0; n < full.size(); n += 3)
        QTest::addRow("prefix %lld", qlonglong(n)) << full.left(n);
}

void TestImapBodyStructure::inPlaceMatchesValueTree()
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

void TestImapBodyStructure::mutationsMatchValueTree()
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

void TestImapBodyStructure::deepNesting()
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

QTEST_GUILESS_MAIN(TestImapBodyStructure)
#include "tst_imapbodystructure.moc"
