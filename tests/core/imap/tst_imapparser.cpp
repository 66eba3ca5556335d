#include "imap/imapframer.h"
#include "imap/parser/imapparser.h"
#include "imapdescribe.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace ImapDescribe;

class TestImapParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void responses_data();
    void responses();
    void malformed_data();
    void malformed();
    void bodyStructureParts();
    void copyUidMapping();
    void copyUidOfHugeRangesStaysSmall();
    void envelopeGroups();
    void deepNestingIsBounded();
    void everyPrefixFailsCleanly();
    void randomMutationsFailCleanly();
    void replayDataFiles_data();
    void replayDataFiles();
};

void TestImapParser::responses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    auto row = [](const char *name, const QByteArray &input, const QByteArray &expected) {
        QTest::newRow(name) << input << expected;
    };

    // Status responses and codes (RFC 3501 7.1, RFC 4315, RFC 7162, RFC 5530)
    row("greeting dovecot",
        "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS "
        "AUTH=PLAIN] Dovecot (Debian) ready.\r\n",
        "* OK [CAPABILITY (IMAP4REV1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS "
        "AUTH=PLAIN)] text=Dovecot (Debian) ready.");
    row("greeting gmail", "* OK Gimap ready for requests from 192.0.2.1 a1mb12345\r\n",
        "* OK text=Gimap ready for requests from 192.0.2.1 a1mb12345");
    row("greeting exchange",
        "* OK The Microsoft Exchange IMAP4 service is ready. [TQBXADIAUABSADAA]\r\n",
        "* OK text=The Microsoft Exchange IMAP4 service is ready. [TQBXADIAUABSADAA]");
    row("preauth", "* PREAUTH IMAP4rev1 server logged in as Smith\r\n",
        "* PREAUTH text=IMAP4rev1 server logged in as Smith");
    row("bye", "* BYE Autologout; idle for too long\r\n",
        "* BYE text=Autologout; idle for too long");
    row("tagged ok read-write", "A142 OK [READ-WRITE] SELECT completed\r\n",
        "A142 OK [READ-WRITE] text=SELECT completed");
    row("tagged no trycreate", "A003 NO [TRYCREATE] Mailbox doesn't exist: Foo\r\n",
        "A003 NO [TRYCREATE] text=Mailbox doesn't exist: Foo");
    row("tagged bad no text", "A4 BAD\r\n", "A4 BAD text=");
    row("lowercase status", "a5 ok done\r\n", "a5 OK text=done");
    row("text with unbalanced paren and quote", "* OK don't (panic\r\n", "* OK text=don't (panic");
    row("uidvalidity", "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n",
        "* OK [UIDVALIDITY n=3857529045] text=UIDs valid");
    row("uidnext", "* OK [UIDNEXT 4392] Predicted next UID\r\n",
        "* OK [UIDNEXT n=4392] text=Predicted next UID");
    row("unseen", "* OK [UNSEEN 12] Message 12 is first unseen\r\n",
        "* OK [UNSEEN n=12] text=Message 12 is first unseen");
    row("permanentflags", "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n",
        "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] text=Limited");
    row("permanentflags empty", "* OK [PERMANENTFLAGS ()] No permanent flags permitted\r\n",
        "* OK [PERMANENTFLAGS] text=No permanent flags permitted");
    row("highestmodseq", "* OK [HIGHESTMODSEQ 715194045007] Highest\r\n",
        "* OK [HIGHESTMODSEQ n=715194045007] text=Highest");
    row("nomodseq", "* OK [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences\r\n",
        "* OK [NOMODSEQ] text=Sorry, this mailbox format doesn't support modsequences");
    row("closed", "* OK [CLOSED] Previous mailbox closed.\r\n",
        "* OK [CLOSED] text=Previous mailbox closed.");
    row("appenduid", "A003 OK [APPENDUID 38505 3955] APPEND completed\r\n",
        "A003 OK [APPENDUID n=38505 uids=3955] text=APPEND completed");
    row("appenduid multiappend", "A3 OK [APPENDUID 38505 3955:3957] done\r\n",
        "A3 OK [APPENDUID n=38505 uids=3955:3957] text=done");
    row("copyuid", "A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n",
        "A004 OK [COPYUID n=38505 src=304,319:320 uids=3956:3958] text=Done");
    row("modified", "d105 OK [MODIFIED 7,9] Conditional STORE failed\r\n",
        "d105 OK [MODIFIED uids=7,9] text=Conditional STORE failed");
    row("alert", "* OK [ALERT] System shutdown in 10 minutes\r\n",
        "* OK [ALERT] text=System shutdown in 10 minutes");
    row("authenticationfailed", "A1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n",
        "A1 NO [AUTHENTICATIONFAILED] text=Authentication failed.");
    row("unknown code with args", "* OK [XFOO bar (baz)] hi\r\n",
        "* OK [XFOO raw=bar (baz)] text=hi");
    row("gmail webalert",
        "* NO [WEBALERT https://accounts.google.com/x?a=b] Web login required.\r\n",
        "* NO [WEBALERT raw=https://accounts.google.com/x?a=b] text=Web login required.");
    row("capability code after login",
        "a1 OK [CAPABILITY IMAP4rev1 CONDSTORE QRESYNC UTF8=ACCEPT] Logged in\r\n",
        "a1 OK [CAPABILITY (IMAP4REV1 CONDSTORE QRESYNC UTF8=ACCEPT)] text=Logged in");

    // NOTIFY (RFC 5465): an overflow ends the notifications, BADEVENT lists the events offered.
    row("notificationoverflow", "* OK [NOTIFICATIONOVERFLOW] Too many events\r\n",
        "* OK [NOTIFICATIONOVERFLOW] text=Too many events");
    row("badevent", "a3 NO [BADEVENT (MessageNew MessageExpunge FlagChange)] Not supported\r\n",
        "a3 NO [BADEVENT (MessageNew MessageExpunge FlagChange)] text=Not supported");

    // Continuations
    row("continuation", "+ Ready for additional command text\r\n",
        "+ Ready for additional command text");
    row("empty continuation", "+\r\n", "+ ");
    row("sasl continuation", "+ \r\n", "+ ");

    // Server data
    row("capability rfc 9051", "* CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n",
        "CAPABILITY IMAP4REV2 STARTTLS AUTH=GSSAPI LOGINDISABLED");
    row("enabled", "* ENABLED CONDSTORE QRESYNC\r\n", "ENABLED CONDSTORE QRESYNC");
    row("enabled none", "* ENABLED\r\n", "ENABLED ");
    row("flags", "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n",
        "FLAGS \\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded");
    row("exists", "* 23 EXISTS\r\n", "EXISTS 23");
    row("exists zero", "* 0 EXISTS\r\n", "EXISTS 0");
    row("recent", "* 5 RECENT\r\n", "RECENT 5");
    row("expunge", "* 44 EXPUNGE\r\n", "EXPUNGE 44");
    row("vanished", "* VANISHED 405,407,410:425\r\n", "VANISHED 405,407,410:425");
    row("vanished earlier", "* VANISHED (EARLIER) 300:310,405,411\r\n",
        "VANISHED EARLIER 300:310,405,411");

    // LIST / LSUB (RFC 3501, 5258, 6154, 9051)
    row("list inbox", "* LIST (\\HasNoChildren) \".\" INBOX\r\n", "LIST 20 d=. name=INBOX");
    row("list inbox lower case", "* LIST () \"/\" inbox\r\n", "LIST 0 d=/ name=INBOX");
    row("list noselect nil delimiter", "* LIST (\\Noselect) NIL \"\"\r\n", "LIST 2 d= name=");
    row("list quoted with space", "* LIST (\\HasChildren) \"/\" \"Public Folders\"\r\n",
        "LIST 10 d=/ name=Public Folders");
    row("list special-use gmail", "* LIST (\\All \\HasNoChildren) \"/\" \"[Gmail]/All Mail\"\r\n",
        "LIST 220 d=/ name=[Gmail]/All Mail");
    row("list special-use sent", "* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n",
        "LIST 4020 d=/ name=Sent");
    row("list drafts trash junk archive flagged",
        "* LIST (\\Drafts \\Trash \\Junk \\Archive \\Flagged) \".\" X\r\n", "LIST bc00 d=. name=X");
    row("list literal name", "* LIST () \"/\" {8}\r\nfoo\"bar\\\r\n", "LIST 0 d=/ name=foo\"bar\\");
    row("list utf7 name", "* LIST () \".\" \"Entw&APw-rfe\"\r\n", "LIST 0 d=. name=Entw&APw-rfe");
    row("list atom with bracket", "* LIST () \"/\" Foo]Bar\r\n", "LIST 0 d=/ name=Foo]Bar");
    row("list-extended childinfo",
        "* LIST (\\NonExistent) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n",
        "LIST 40 d=/ name=Foo childinfo=SUBSCRIBED");
    row("list subscribed remote", "* LIST (\\Subscribed \\Remote) \"/\" \"Bar\"\r\n",
        "LIST 180 d=/ name=Bar");
    row("list oldname", "* LIST () \"/\" \"NewName\" (\"OLDNAME\" (\"OldName\"))\r\n",
        "LIST 0 d=/ name=NewName old=OldName");
    row("lsub", "* LSUB (\\Noselect) \"/\" ~/Mail/foo\r\n", "LSUB 2 d=/ name=~/Mail/foo");
    row("list escaped delimiter", "* LIST () \"\\\\\" Foo\r\n", "LIST 0 d=\\ name=Foo");

    // STATUS
    row("status", "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n",
        "STATUS blurdybloop m=231 r=- n=44292 v=- u=- hms=-");
    row("status full",
        "* STATUS \"INBOX\" (MESSAGES 17 RECENT 0 UIDNEXT 18 UIDVALIDITY 1700000000 UNSEEN 3 "
        "HIGHESTMODSEQ 90060115205545359)\r\n",
        "STATUS INBOX m=17 r=0 n=18 v=1700000000 u=3 hms=90060115205545359");
    // STATUS as NOTIFY sends it for a folder not selected: a new message, a flag change (UNSEEN
    // alone), an expunge; and what a poll asks for with CONDSTORE.
    row("status notify new message",
        "* STATUS Archive (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 17 UNSEEN 1)\r\n",
        "STATUS Archive m=1 r=- n=2 v=17 u=1 hms=-");
    row("status notify flag change", "* STATUS \"Lists/Heron dev\" (UNSEEN 0)\r\n",
        "STATUS Lists/Heron dev m=- r=- n=- v=- u=0 hms=-");
    row("status notify expunge", "* STATUS Archive (MESSAGES 0 UIDNEXT 2 UNSEEN 0)\r\n",
        "STATUS Archive m=0 r=- n=2 v=- u=0 hms=-");
    row("status poll with highestmodseq",
        "* STATUS Sent (UNSEEN 0 MESSAGES 4 UIDNEXT 5 HIGHESTMODSEQ 12)\r\n",
        "STATUS Sent m=4 r=- n=5 v=- u=0 hms=12");
    row("status literal name", "* STATUS {3}\r\nA B (MESSAGES 1)\r\n",
        "STATUS A B m=1 r=- n=- v=- u=- hms=-");

    // SEARCH / ESEARCH
    row("search", "* SEARCH 2 84 882\r\n", "SEARCH 2 84 882");
    row("search empty", "* SEARCH\r\n", "SEARCH ");
    row("search modseq", "* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n",
        "SEARCH 2 5 6 7 11 12 18 19 20 23 modseq=917162500");
    row("esearch", "* ESEARCH (TAG \"A285\") UID MIN 7 MAX 3800\r\n",
        "ESEARCH tag=A285 UID min=7 max=3800 count=- all= modseq=-");
    row("esearch all count", "* ESEARCH (TAG \"A283\") ALL 2,10:11 COUNT 3\r\n",
        "ESEARCH tag=A283 min=- max=- count=3 all=2,10:11 modseq=-");
    row("esearch empty", "* ESEARCH (TAG \"A1\") UID\r\n",
        "ESEARCH tag=A1 UID min=- max=- count=- all= modseq=-");
    row("esearch modseq", "* ESEARCH (TAG \"a\") UID ALL 1:3 MODSEQ 1236\r\n",
        "ESEARCH tag=a UID min=- max=- count=- all=1:3 modseq=1236");

    // NAMESPACE / ID
    row("namespace dovecot", "* NAMESPACE ((\"\" \".\")) NIL NIL\r\n", "NAMESPACE (\"\".) () ()");
    row("namespace cyrus",
        "* NAMESPACE ((\"INBOX.\" \".\")) ((\"user.\" \".\")) ((\"\" \".\"))\r\n",
        "NAMESPACE (\"INBOX.\".) (\"user.\".) (\"\".)");
    row("namespace with extension",
        "* NAMESPACE ((\"\" \"/\" \"X-PARAM\" (\"FLAG1\" \"FLAG2\"))) NIL ((\"#shared/\" "
        "\"/\"))\r\n",
        "NAMESPACE (\"\"/) () (\"#shared/\"/)");
    row("id", "* ID (\"name\" \"Dovecot\" \"version\" NIL)\r\n", "ID name=Dovecot,version=");
    row("id nil", "* ID NIL\r\n", "ID ");

    // FETCH
    row("fetch flags uid", "* 12 FETCH (FLAGS (\\Seen $Junk) UID 4827313)\r\n",
        "FETCH 12 uid=4827313 flags=(\\Seen $Junk)");
    row("fetch empty flags", "* 1 FETCH (UID 1 FLAGS ())\r\n", "FETCH 1 uid=1 flags=()");
    row("fetch internaldate size",
        "* 12 FETCH (INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286)\r\n",
        "FETCH 12 date=1996-07-17T09:44:25Z size=4286");
    row("fetch internaldate space padded",
        "* 2 FETCH (INTERNALDATE \" 7-Feb-2024 23:59:59 +0130\")\r\n",
        "FETCH 2 date=2024-02-07T22:29:59Z");
    row("fetch modseq", "* 7 FETCH (MODSEQ (12121231000) UID 7)\r\n",
        "FETCH 7 uid=7 modseq=12121231000");
    row("fetch envelope rfc3501",
        "* 12 FETCH (ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" "
        "\"IMAP4rev1 WG mtg summary and minutes\" "
        "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
        "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
        "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
        "((NIL NIL \"imap\" \"cac.washington.edu\")) "
        "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" "
        "\"MIT.EDU\")) "
        "NIL NIL \"<B27397-0100000@cac.washington.edu>\"))\r\n",
        "FETCH 12 env{IMAP4rev1 WG mtg summary and minutes|\"Terry Gray\" "
        "<gray@cac.washington.edu>|"
        "<imap@cac.washington.edu>|<B27397-0100000@cac.washington.edu>}");
    row("fetch envelope literal subject",
        "* 3 FETCH (UID 9 ENVELOPE (NIL {12}\r\nHello\r\nWorld NIL NIL NIL NIL NIL NIL NIL "
        "NIL))\r\n",
        "FETCH 3 uid=9 env{Hello\r\nWorld|||}");
    row("fetch body section",
        "* 1 FETCH (UID 5 BODY[HEADER.FIELDS (FROM SUBJECT)] {22}\r\nSubject: hi\r\nFrom: "
        "a\r\n)\r\n",
        "FETCH 1 uid=5 BODY[HEADER.FIELDS (FROM SUBJECT)]=Subject%3A%20hi%0D%0AFrom%3A%20a%0D%0A");
    row("fetch partial origin", "* 2 FETCH (BODY[1.2]<0> {4}\r\nabcd UID 8)\r\n",
        "FETCH 2 uid=8 BODY[1.2]<0>=abcd");
    row("fetch body nil", "* 2 FETCH (BODY[3] NIL)\r\n", "FETCH 2 BODY[3]=NIL");
    row("fetch binary literal8", QByteArray("* 4 FETCH (BINARY[2] ~{3}\r\n\0\1\2)\r\n", 33),
        "FETCH 4 BINARY[2]=%00%01%02");
    row("fetch binary size", "* 4 FETCH (BINARY.SIZE[2] 1234)\r\n", "FETCH 4");
    row("fetch rfc822", "* 4 FETCH (RFC822.HEADER {2}\r\nab RFC822 {1}\r\nc)\r\n",
        "FETCH 4 BODY[HEADER]=ab BODY[]=c");
    row("fetch empty body", "* 4 FETCH (BODY[] \"\")\r\n", "FETCH 4 BODY[]=");
    row("fetch gmail extensions",
        "* 1 FETCH (X-GM-THRID 1278455344230334865 X-GM-MSGID 1278455344230334865 "
        "X-GM-LABELS (\\Inbox \\Sent Important \"Muy Importante\") UID 4)\r\n",
        "FETCH 1 uid=4 X-GM-THRID=1278455344230334865 X-GM-MSGID=1278455344230334865 "
        "X-GM-LABELS=(\\Inbox \\Sent Important \"Muy Importante\")");
    row("fetch lowercase keys", "* 1 fetch (uid 3 flags (\\seen))\r\n",
        "FETCH 1 uid=3 flags=(\\seen)");
    row("fetch bodystructure text plain",
        "* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" "
        "3028 92))\r\n",
        "FETCH 1 body{1=text/plain 7bit 3028}");
    row("fetch bodystructure multipart rfc3501",
        "* 1 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" "
        "1152 23)(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\") "
        "\"<960723163407.20117h@cac.washington.edu>\" \"Compiler diff\" \"BASE64\" 4554 73) "
        "\"MIXED\"))\r\n",
        "FETCH 1 body{=multipart/mixed(1=text/plain 7bit 1152 2=text/plain base64 4554 "
        "name=cc.diff)}");
    row("fetch bodystructure dovecot with extensions",
        "* 3 FETCH (UID 3 BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL "
        "\"quoted-printable\" 120 4 NIL NIL NIL NIL)(\"application\" \"pdf\" (\"name\" \"a.pdf\") "
        "NIL NIL \"base64\" 51234 NIL (\"attachment\" (\"filename\" \"report.pdf\")) NIL NIL) "
        "\"mixed\" (\"boundary\" \"xyz\") NIL NIL NIL))\r\n",
        "FETCH 3 uid=3 body{=multipart/mixed(1=text/plain quoted-printable 120 2=application/pdf "
        "base64 51234 attachment name=report.pdf)}");
    row("fetch bodystructure nested message",
        "* 5 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1)(\"message\" "
        "\"rfc822\" NIL NIL NIL \"7bit\" 500 (NIL \"Inner\" NIL NIL NIL NIL NIL NIL NIL NIL) "
        "((\"text\" \"plain\" NIL NIL NIL \"7bit\" 5 1)(\"text\" \"html\" NIL NIL NIL \"7bit\" 9 "
        "1) "
        "\"alternative\") 20) \"mixed\"))\r\n",
        "FETCH 5 body{=multipart/mixed(1=text/plain 7bit 10 2=message/rfc822 7bit 500 msg{Inner}"
        "(2=multipart/alternative(2.1=text/plain 7bit 5 2.2=text/html 7bit 9)))}");
    row("fetch bodystructure message single body",
        "* 5 FETCH (BODYSTRUCTURE (\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 50 (NIL \"S\" NIL "
        "NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" NIL NIL NIL \"7bit\" 5 1) 3))\r\n",
        "FETCH 5 body{1=message/rfc822 7bit 50 msg{S}(1.1=text/plain 7bit 5)}");
    row("fetch body non-extensible",
        "* 6 FETCH (BODY (\"image\" \"png\" NIL NIL NIL \"base64\" 1000))\r\n",
        "FETCH 6 body{1=image/png base64 1000}");
    row("fetch exchange bodystructure lang list",
        "* 7 FETCH (BODYSTRUCTURE (\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"base64\" "
        "2000 26 NIL (\"inline\" NIL) (\"en-US\" \"de\") \"http://x/\"))\r\n",
        "FETCH 7 body{1=text/html base64 2000 inline}");
    row("fetch cyrus mpart with language",
        "* 8 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1 NIL NIL NIL NIL)"
        " \"ALTERNATIVE\" (\"BOUNDARY\" \"b\") NIL \"EN\" NIL))\r\n",
        "FETCH 8 body{=multipart/alternative(1=text/plain 7bit 1)}");
    row("unknown numbered", "* 3 XUNKNOWN foo (bar)\r\n", "UNKNOWN XUNKNOWN 3 foo (bar)");
    row("unknown untagged", "* XFOO 1 \"two\" NIL\r\n", "UNKNOWN XFOO 1 \"two\" NIL");
    row("sort", "* SORT 5 3 4 1 2\r\n", "SEARCH 5 3 4 1 2");
}

void TestImapParser::responses()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const ImapParser::Result result = ImapParser::parse(input);
    QVERIFY2(result.isOk(), qPrintable(result.error.toString()));
    QCOMPARE(describe(result.response), expected);
}

void TestImapParser::malformed_data()
{
    QTest::addColumn<QByteArray>("input");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("only CRLF") << QByteArray("\r\n");
    QTest::newRow("garbage") << QByteArray("\x01\x02\xff garbage\r\n");
    QTest::newRow("NUL in tag") << QByteArray("A\0 OK\r\n", 7);
    QTest::newRow("NUL in text") << QByteArray("* OK hello\0world\r\n", 18);
    QTest::newRow("NUL in fetch") << QByteArray("* 1 FETCH (UID\0 1)\r\n", 20);
    QTest::newRow("tagged without status") << QByteArray("A1 FOO bar\r\n");
    QTest::newRow("tagged bye") << QByteArray("A1 BYE x\r\n");
    QTest::newRow("star without space") << QByteArray("*OK\r\n");
    QTest::newRow("unbalanced open") << QByteArray("* 1 FETCH (FLAGS (\\Seen)\r\n");
    QTest::newRow("unbalanced close") << QByteArray("* 1 FETCH (UID 1))\r\n");
    QTest::newRow("unterminated quote") << QByteArray("* LIST () \"/ INBOX\r\n");
    QTest::newRow("2 GB literal announced")
            << QByteArray("* 1 FETCH (BODY[] {2147483648}\r\nab)\r\n");
    QTest::newRow("huge literal digits")
            << QByteArray("* 1 FETCH (BODY[] {999999999999999999999}\r\n)\r\n");
    QTest::newRow("literal longer than input") << QByteArray("* 1 FETCH (BODY[] {10}\r\nab)\r\n");
    QTest::newRow("literal without CRLF") << QByteArray("* 1 FETCH (BODY[] {2}ab)\r\n");
    QTest::newRow("fetch odd attributes") << QByteArray("* 1 FETCH (UID)\r\n");
    QTest::newRow("fetch uid not number") << QByteArray("* 1 FETCH (UID abc)\r\n");
    QTest::newRow("fetch uid zero") << QByteArray("* 1 FETCH (UID 0)\r\n");
    QTest::newRow("fetch uid overflow") << QByteArray("* 1 FETCH (UID 4294967296)\r\n");
    QTest::newRow("fetch seq zero") << QByteArray("* 0 FETCH (UID 1)\r\n");
    QTest::newRow("fetch not a list") << QByteArray("* 1 FETCH UID 1\r\n");
    QTest::newRow("envelope too short") << QByteArray("* 1 FETCH (ENVELOPE (NIL NIL))\r\n");
    QTest::newRow("address malformed")
            << QByteArray("* 1 FETCH (ENVELOPE (NIL NIL (NIL) NIL NIL NIL NIL NIL NIL NIL))\r\n");
    QTest::newRow("bodystructure short")
            << QByteArray("* 1 FETCH (BODYSTRUCTURE (\"text\" \"plain\"))\r\n");
    QTest::newRow("bodystructure multipart no subtype") << QByteArray(
            "* 1 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)))\r\n");
    QTest::newRow("bodystructure size not number") << QByteArray(
            "* 1 FETCH (BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" x 1))\r\n");
    QTest::newRow("section unterminated") << QByteArray("* 1 FETCH (BODY[1 {1}\r\nx)\r\n");
    // One rule for numbers beyond their field's range, however many digits: the response is
    // malformed (and the connection ends as for any malformed response), never ignored.
    QTest::newRow("exists out of range") << QByteArray("* 4294967296 EXISTS\r\n");
    QTest::newRow("exists beyond 64 bits") << QByteArray("* 99999999999999999999 EXISTS\r\n");
    QTest::newRow("expunge beyond 64 bits")
            << QByteArray("* 123456789012345678901234567890 EXPUNGE\r\n");
    QTest::newRow("fetch seq beyond 64 bits")
            << QByteArray("* 99999999999999999999 FETCH (UID 1)\r\n");
    QTest::newRow("recent out of range") << QByteArray("* 4294967296 RECENT\r\n");
    QTest::newRow("fetch size beyond 64 bits")
            << QByteArray("* 1 FETCH (UID 1 RFC822.SIZE 99999999999999999999)\r\n");
    QTest::newRow("fetch modseq beyond 64 bits")
            << QByteArray("* 1 FETCH (UID 1 MODSEQ (99999999999999999999))\r\n");
    QTest::newRow("fetch uid beyond 64 bits")
            << QByteArray("* 1 FETCH (UID 99999999999999999999)\r\n");
    QTest::newRow("status uidnext out of range")
            << QByteArray("* STATUS INBOX (UIDNEXT 4294967296)\r\n");
    QTest::newRow("search number out of range") << QByteArray("* SEARCH 1 4294967296\r\n");
    QTest::newRow("code uidnext out of range") << QByteArray("* OK [UIDNEXT 4294967296] x\r\n");
    QTest::newRow("code uidvalidity beyond 64 bits")
            << QByteArray("* OK [UIDVALIDITY 99999999999999999999] x\r\n");
    QTest::newRow("code highestmodseq beyond 64 bits")
            << QByteArray("* OK [HIGHESTMODSEQ 99999999999999999999] x\r\n");
    QTest::newRow("appenduid out of range") << QByteArray("A1 OK [APPENDUID 4294967296 1] x\r\n");
    QTest::newRow("vanished uid out of range") << QByteArray("* VANISHED 1:4294967296\r\n");
    QTest::newRow("esearch count out of range")
            << QByteArray("* ESEARCH (TAG \"A1\") COUNT 4294967296\r\n");
    QTest::newRow("bodystructure size beyond 64 bits")
            << QByteArray("* 1 FETCH (BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" "
                          "99999999999999999999 1))\r\n");
    QTest::newRow("badevent without list") << QByteArray("a1 NO [BADEVENT] x\r\n");
    QTest::newRow("badevent not a list") << QByteArray("a1 NO [BADEVENT MessageNew] x\r\n");
    QTest::newRow("no line end") << QByteArray("* 3 EXISTS");
    QTest::newRow("status odd") << QByteArray("* STATUS INBOX (MESSAGES)\r\n");
    QTest::newRow("list no delimiter") << QByteArray("* LIST ()\r\n");
    QTest::newRow("code unterminated") << QByteArray("* OK [UIDVALIDITY 5 hi\r\n");
    QTest::newRow("code bad number") << QByteArray("* OK [UIDNEXT abc] x\r\n");
    QTest::newRow("copyuid length mismatch") << QByteArray("A1 OK [COPYUID 1 1:3 5:6] x\r\n");
    QTest::newRow("vanished bad set") << QByteArray("* VANISHED 1:x\r\n");
    QTest::newRow("esearch bad all") << QByteArray("* ESEARCH ALL x\r\n");
    QTest::newRow("namespace two") << QByteArray("* NAMESPACE NIL NIL\r\n");
    QTest::newRow("trailing garbage after line") << QByteArray("* 1 EXISTS\r\nextra");
    QTest::newRow("bye mid fetch") << QByteArray("* 1 FETCH (UID 1 BODY[] * BYE shutting down\r\n");
    QTest::newRow("quote with CR") << QByteArray("* LIST () \"/\" \"a\rb\"\r\n");
}

void TestImapParser::malformed()
{
    QFETCH(QByteArray, input);
    const ImapParser::Result result = ImapParser::parse(input);
    QVERIFY2(!result.isOk(), describe(result.response).constData());
    QCOMPARE(result.error.kind(), MailError::Kind::Parse);
    QVERIFY(!result.response.isValid());
}

void TestImapParser::bodyStructureParts()
{
    const QByteArray input
            = "* 9 FETCH (UID 44 BODYSTRUCTURE (((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL "
              "NIL "
              "\"7bit\" 12 1 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL "
              "\"quoted-printable\" 40 2 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"b2\") "
              "NIL "
              "NIL NIL)(\"image\" \"jpeg\" (\"name\" \"p.jpg\") \"<id1@x>\" \"photo\" \"base64\" "
              "9000 \"md5sum\" (\"inline\" (\"filename\" \"photo.jpg\" \"size\" \"9000\")) \"en\" "
              "\"loc\" \"ext1\" (1 2)) \"related\" (\"boundary\" \"b1\" \"type\" \"text/html\") "
              "(\"inline\" NIL) (\"en\" \"fr\") \"where\"))\r\n";
    const ImapParser::Result result = ImapParser::parse(input);
    QVERIFY2(result.isOk(), qPrintable(result.error.toString()));
    const ImapBodyPart &root = *result.response.fetch().bodyStructure;
    QCOMPARE(root.mimeType(), QByteArray("multipart/related"));
    QCOMPARE(root.parameter("type"), QByteArray("text/html"));
    QCOMPARE(root.disposition, QByteArray("inline"));
    QCOMPARE(root.languages, (QList<QByteArray> {"en", "fr"}));
    QCOMPARE(root.location, QByteArray("where"));
    QCOMPARE(root.children.size(), 2);
    QCOMPARE(root.children.at(0).partNumber, QByteArray("1"));
    QCOMPARE(root.children.at(0).children.at(1).partNumber, QByteArray("1.2"));
    const ImapBodyPart *html = root.findPart("1.2");
    QVERIFY(html);
    QCOMPARE(html->mimeType(), QByteArray("text/html"));
    QCOMPARE(html->lines, 2u);
    const ImapBodyPart *image = root.findPart("2");
    QVERIFY(image);
    QCOMPARE(image->id, QByteArray("<id1@x>"));
    QCOMPARE(image->description, QByteArray("photo"));
    QCOMPARE(image->md5, QByteArray("md5sum"));
    QCOMPARE(image->fileName(), QByteArray("photo.jpg"));
    QCOMPARE(image->dispositionParameters.size(), 2);
    QCOMPARE(image->languages, QList<QByteArray> {"en"});
    QCOMPARE(image->location, QByteArray("loc"));
    QCOMPARE(image->extensions.size(), 2);
    QCOMPARE(image->extensions.at(1).toDebugString(), QByteArray("(1 2)"));
    QVERIFY(!root.findPart("3"));
}

void TestImapParser::copyUidMapping()
{
    const auto result = ImapParser::parse("A1 OK [COPYUID 7 5,1:2 10:12] Moved\r\n");
    QVERIFY(result.isOk());
    const ImapResponseCode &code = result.response.statusResponse().code;
    QCOMPARE(code.kind, ImapResponseCode::Kind::CopyUid);
    QCOMPARE(code.number, 7u);
    QCOMPARE(code.sourceUids.toString(), QByteArray("1:2,5"));
    using Pair = std::pair<quint32, quint32>;
    QCOMPARE(code.uidMapping.pairsFor(code.sourceUids, 100),
             (QList<Pair> {{5, 10}, {1, 11}, {2, 12}}));
    QCOMPARE(code.uidMapping.pairsFor(code.sourceUids, 2), (QList<Pair> {{5, 10}, {1, 11}}));
    QCOMPARE(code.uidMapping.pairsFor(UidSet::fromList({2, 3}), 100), (QList<Pair> {{2, 12}}));
}

void TestImapParser::copyUidOfHugeRangesStaysSmall()
{
    // Four billion pairs, as a hostile server may write them: read as they are written, in
    // runs, without a list of every UID.
    const auto result = ImapParser::parse(
            "A1 OK [COPYUID 7 1:4000000000,5 2:4000000001,4294967295] Moved\r\n");
    QVERIFY(result.isOk());
    const UidMapping &mapping = result.response.statusResponse().code.uidMapping;
    QCOMPARE(mapping.size(), 4000000001ull);
    using Pair = std::pair<quint32, quint32>;
    QCOMPARE(mapping.pairsFor(UidSet::fromList({3, 5, 4000000000u}), 100),
             (QList<Pair> {{3, 4}, {5, 6}, {4000000000u, 4000000001u}, {5, 4294967295u}}));
    QCOMPARE(mapping.pairsFor(UidSet::fromRange(1, 4000000000u), 3).size(), 3);

    // Sets of different sizes pair nothing.
    QVERIFY(!ImapParser::parse("A1 OK [COPYUID 7 1:3 10:11] Moved\r\n").isOk());
    QVERIFY(!ImapParser::parse("A1 OK [COPYUID 7 1:3 10:13] Moved\r\n").isOk());
}

void TestImapParser::envelopeGroups()
{
    const auto result = ImapParser::parse(
            "* 1 FETCH (ENVELOPE (\"d\" \"s\" NIL NIL NIL ((NIL NIL \"undisclosed\" NIL)(NIL NIL "
            "NIL "
            "NIL)) ((\"=?utf-8?q?J=C3=BCrgen?=\" \"@relay\" \"j\" \"example.org\")) NIL "
            "\"<a@b>\" \"<c@d>\"))\r\n");
    QVERIFY2(result.isOk(), qPrintable(result.error.toString()));
    const ImapEnvelope &env = *result.response.fetch().envelope;
    QCOMPARE(env.to.size(), 2);
    QVERIFY(env.to.at(0).isGroupStart());
    QVERIFY(env.to.at(1).isGroupEnd());
    QCOMPARE(env.cc.at(0).name, QByteArray("=?utf-8?q?J=C3=BCrgen?="));
    QCOMPARE(env.cc.at(0).adl, QByteArray("@relay"));
    QCOMPARE(env.cc.at(0).address(), QByteArray("j@example.org"));
    QVERIFY(env.from.isEmpty());
    QCOMPARE(env.inReplyTo, QByteArray("<a@b>"));
    QCOMPARE(env.messageId, QByteArray("<c@d>"));
}

void TestImapParser::deepNestingIsBounded()
{
    for (int depth : {10, 40, 1000, 100000}) {
        const QByteArray input = "* 1 FETCH (X " + QByteArray(depth, '(') + QByteArray(depth, ')')
                                 + ")\r\n";
        const auto result = ImapParser::parse(input);
        QCOMPARE(result.isOk(), depth <= 40);
    }
    // Multiparts nested inside multiparts: fine when shallow, refused when absurdly deep.
    for (int depth : {3, 45}) {
        QByteArray body = "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)";
        for (int i = 0; i < depth; ++i)
            body = '(' + body + " \"mixed\")";
        const auto result = ImapParser::parse("* 1 FETCH (BODYSTRUCTURE " + body + ")\r\n");
        QCOMPARE(result.isOk(), depth == 3);
        if (depth == 3)
            QVERIFY(result.response.fetch().bodyStructure->findPart("1.1.1"));
    }
}

void TestImapParser::everyPrefixFailsCleanly()
{
    const QByteArray input = "* 12 FETCH (UID 5 FLAGS (\\Seen) BODY[1]<0> {5}\r\nhello ENVELOPE "
                             "(NIL \"s\" NIL NIL "
                             "NIL NIL NIL NIL NIL NIL))\r\n";
    QVERIFY(ImapParser::parse(input).isOk());
    // Any truncation of a valid response is a clean parse error, never a crash or a read past
    // the end (checked under the sanitizers).
    for (qsizetype n = 0; n < input.size(); ++n) {
        const auto result = ImapParser::parse(input.first(n));
        QVERIFY2(!result.isOk(), input.first(n).constData());
        QCOMPARE(result.error.kind(), MailError::Kind::Parse);
    }
}

void TestImapParser::randomMutationsFailCleanly()
{
    // Mutated real conversations through the framer and the parser: every outcome must be a
    // typed response or a Parse/Limit error value (the sanitizer build checks memory safety).
    QFile file(QStringLiteral(HERON_IMAP_TEST_DATA "/ok-dovecot-session.txt"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray original = file.readAll().replace("\n", "\r\n");
    QRandomGenerator random(20261124);
    static const char specials[] = "(){}[]<>\"\\ \r\n*+~0123456789NIL";
    int responses = 0;
    int errors = 0;
    for (int round = 0; round < 400; ++round) {
        QByteArray input = original;
        const int mutations = 1 + int(random.bounded(8));
        for (int m = 0; m < mutations; ++m) {
            const qsizetype at = qsizetype(random.bounded(int(input.size())));
            const char c = random.bounded(2) ? specials[random.bounded(int(sizeof(specials) - 1))]
                                             : char(random.bounded(256));
            switch (random.bounded(3)) {
            case 0:
                input[at] = c;
                break;
            case 1:
                input.insert(at, c);
                break;
            default:
                input.remove(at, 1 + random.bounded(4));
                break;
            }
        }
        ImapFramer::Limits limits;
        limits.maxLineLength = 4096;
        limits.maxLiteralSize = 4096;
        ImapFramer framer(limits);
        framer.feed(input);
        QByteArray response;
        ImapFramer::Status status;
        while ((status = framer.next(&response)) == ImapFramer::Status::Response) {
            ++responses;
            const auto result = ImapParser::parse(response);
            if (!result.isOk()) {
                ++errors;
                QCOMPARE(result.error.kind(), MailError::Kind::Parse);
                QVERIFY(!result.response.isValid());
            } else {
                QVERIFY(result.response.isValid());
            }
        }
        if (status == ImapFramer::Status::Error)
            QCOMPARE(framer.error().kind(), MailError::Kind::Limit);
    }
    qInfo("%d mutated responses, %d parse errors", responses, errors);
    QVERIFY(errors > 0);
}

void TestImapParser::replayDataFiles_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("valid");
    const QDir dir(QStringLiteral(HERON_IMAP_TEST_DATA));
    const QStringList files = dir.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), qPrintable(dir.absolutePath()));
    for (const QString &file : files) {
        QTest::newRow(qPrintable(file))
                << dir.filePath(file) << file.startsWith(QLatin1String("ok-"));
    }
}

void TestImapParser::replayDataFiles()
{
    // ok-*.txt: a server conversation (server side only), every response must parse.
    // bad-*.txt: the last response is hostile and must give a parse error.
    QFETCH(QString, path);
    QFETCH(bool, valid);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray data = file.readAll();
    // Files are stored with LF line ends; the wire uses CRLF.
    data.replace("\r\n", "\n");
    data.replace("\n", "\r\n");
    // Literal sizes in the files count CRLF as two bytes, as on the wire.
    int parsed = 0;
    int failed = 0;
    qsizetype pos = 0;
    while (pos < data.size()) {
        // One response per line unless a literal announcement says otherwise.
        qsizetype end = data.indexOf("\r\n", pos);
        while (end > 0 && data.at(end - 1) == '}') {
            const qsizetype open = data.lastIndexOf('{', end);
            const qsizetype size = data.mid(open + 1, end - open - 2).replace('+', "").toLongLong();
            end = data.indexOf("\r\n", end + 2 + size);
        }
        if (end < 0)
            end = data.size() - 2;
        const auto result = ImapParser::parse(QByteArrayView(data).sliced(pos, end + 2 - pos));
        result.isOk() ? ++parsed : ++failed;
        if (valid)
            QVERIFY2(result.isOk(), qPrintable(result.error.toString() + QLatin1Char(' ')
                                               + QString::fromLatin1(data.mid(pos, end - pos))));
        pos = end + 2;
    }
    QVERIFY(parsed > 0 || !valid);
    if (!valid)
        QCOMPARE(failed, 1);
}

QTEST_APPLESS_MAIN(TestImapParser)
#include "tst_imapparser.moc"
