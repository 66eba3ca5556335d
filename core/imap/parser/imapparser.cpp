#include "imapparser.h"

#include "imapparserdetail.h"

#include <algorithm>
#include <QCoreApplication>

using namespace ImapParserDetail;

namespace {

struct CodeName
{
    const char *name;
    ImapResponseCode::Kind kind;
};

constexpr CodeName codeNames[] = {
        {"ALERT", ImapResponseCode::Kind::Alert},
        {"BADCHARSET", ImapResponseCode::Kind::BadCharset},
        {"CAPABILITY", ImapResponseCode::Kind::Capability},
        {"PARSE", ImapResponseCode::Kind::Parse},
        {"PERMANENTFLAGS", ImapResponseCode::Kind::PermanentFlags},
        {"READ-ONLY", ImapResponseCode::Kind::ReadOnly},
        {"READ-WRITE", ImapResponseCode::Kind::ReadWrite},
        {"TRYCREATE", ImapResponseCode::Kind::TryCreate},
        {"UIDNEXT", ImapResponseCode::Kind::UidNext},
        {"UIDVALIDITY", ImapResponseCode::Kind::UidValidity},
        {"UNSEEN", ImapResponseCode::Kind::Unseen},
        {"HIGHESTMODSEQ", ImapResponseCode::Kind::HighestModSeq},
        {"NOMODSEQ", ImapResponseCode::Kind::NoModSeq},
        {"MODIFIED", ImapResponseCode::Kind::Modified},
        {"CLOSED", ImapResponseCode::Kind::Closed},
        {"APPENDUID", ImapResponseCode::Kind::AppendUid},
        {"COPYUID", ImapResponseCode::Kind::CopyUid},
        {"UIDNOTSTICKY", ImapResponseCode::Kind::UidNotSticky},
        {"AUTHENTICATIONFAILED", ImapResponseCode::Kind::AuthenticationFailed},
        {"AUTHORIZATIONFAILED", ImapResponseCode::Kind::AuthorizationFailed},
        {"EXPIRED", ImapResponseCode::Kind::Expired},
        {"PRIVACYREQUIRED", ImapResponseCode::Kind::PrivacyRequired},
        {"CONTACTADMIN", ImapResponseCode::Kind::ContactAdmin},
        {"NOPERM", ImapResponseCode::Kind::NoPerm},
        {"INUSE", ImapResponseCode::Kind::InUse},
        {"EXPUNGEISSUED", ImapResponseCode::Kind::ExpungeIssued},
        {"CORRUPTION", ImapResponseCode::Kind::Corruption},
        {"SERVERBUG", ImapResponseCode::Kind::ServerBug},
        {"CLIENTBUG", ImapResponseCode::Kind::ClientBug},
        {"CANNOT", ImapResponseCode::Kind::CannotOpen},
        {"LIMIT", ImapResponseCode::Kind::Limit},
        {"OVERQUOTA", ImapResponseCode::Kind::OverQuota},
        {"ALREADYEXISTS", ImapResponseCode::Kind::AlreadyExists},
        {"NONEXISTENT", ImapResponseCode::Kind::NonExistent},
        {"UNAVAILABLE", ImapResponseCode::Kind::Unavailable},
        {"NOTIFICATIONOVERFLOW", ImapResponseCode::Kind::NotificationOverflow}, // RFC 5465
        {"BADEVENT", ImapResponseCode::Kind::BadEvent},
};

ImapResponseCode::Kind codeKind(const QByteArray &name)
{
    for (const CodeName &c : codeNames) {
        if (name == c.name)
            return c.kind;
    }
    return ImapResponseCode::Kind::Other;
}

std::optional<ImapStatusResponse::Status> statusWord(const QByteArray &word)
{
    if (word == "OK")
        return ImapStatusResponse::Status::Ok;
    if (word == "NO")
        return ImapStatusResponse::Status::No;
    if (word == "BAD")
        return ImapStatusResponse::Status::Bad;
    if (word == "PREAUTH")
        return ImapStatusResponse::Status::PreAuth;
    if (word == "BYE")
        return ImapStatusResponse::Status::Bye;
    return std::nullopt;
}

ImapResponse readStatus(ImapLexer &lexer, QByteArray tag, ImapStatusResponse::Status status)
{
    // resp-text = ["[" resp-text-code "]" SP] text
    ImapStatusResponse response;
    response.tag = std::move(tag);
    response.status = status;
    lexer.skipSpace();
    if (lexer.peek() == '[')
        response.code = readResponseCode(lexer);
    lexer.skipSpace();
    response.text = lexer.readText();
    lexer.expectLineEnd();
    check(lexer);
    return ImapResponse::status(std::move(response));
}

ImapResponse readNumbered(ImapLexer &lexer, quint32 number)
{
    const QByteArray keyword = lexer.readAtom().toUpper();
    check(lexer);
    if (keyword == "EXISTS" || keyword == "RECENT" || keyword == "EXPUNGE") {
        lexer.expectLineEnd();
        check(lexer);
        const auto type = keyword == "EXISTS"   ? ImapResponse::Type::Exists
                          : keyword == "RECENT" ? ImapResponse::Type::Recent
                                                : ImapResponse::Type::Expunge;
        if (type == ImapResponse::Type::Expunge && number == 0)
            fail("EXPUNGE of message number 0");
        return ImapResponse::number(type, number);
    }
    if (keyword == "FETCH") {
        if (number == 0)
            fail("FETCH of message number 0");
        return ImapResponse::fetch(readFetch(lexer, number));
    }
    QList<ImapValue> values = lexer.readValues();
    lexer.expectLineEnd();
    check(lexer);
    values.prepend(ImapValue::atom(QByteArray::number(number)));
    return ImapResponse::unknown(keyword, std::move(values));
}

ImapResponse readUntagged(ImapLexer &lexer)
{
    const QByteArray first = lexer.readAtom();
    check(lexer);
    bool isNumber = false;
    const quint64 number = ImapValue::atom(first).toNumber(&isNumber);
    // Digits alone are a message number however many there are: too many for 64 bits is out of
    // range like any other number above 32 bits, not a keyword to ignore.
    const bool allDigits = std::all_of(first.cbegin(), first.cend(),
                                       [](char c) { return c >= '0' && c <= '9'; });
    if (!first.isEmpty() && allDigits && (!isNumber || number > 0xFFFFFFFFull))
        fail("message number out of range");
    if (!lexer.skipSpace() && !lexer.atLineEnd())
        fail("expected a space");
    if (isNumber)
        return readNumbered(lexer, quint32(number));

    const QByteArray keyword = first.toUpper();
    if (const auto status = statusWord(keyword))
        return readStatus(lexer, QByteArray(), *status);

    QList<ImapValue> values = lexer.readValues();
    lexer.expectLineEnd();
    check(lexer);
    if (keyword == "CAPABILITY")
        return ImapResponse::atoms(ImapResponse::Type::Capability, readAtomList(values, true));
    if (keyword == "ENABLED")
        return ImapResponse::atoms(ImapResponse::Type::Enabled, readAtomList(values, true));
    if (keyword == "FLAGS") {
        if (values.size() != 1 || !values.at(0).isList())
            fail("FLAGS without a list");
        return ImapResponse::atoms(ImapResponse::Type::Flags,
                                   readAtomList(values.at(0).items(), false));
    }
    if (keyword == "LIST" || keyword == "LSUB")
        return readListing(values, keyword == "LSUB");
    if (keyword == "STATUS")
        return readMailboxStatus(values);
    if (keyword == "SEARCH" || keyword == "SORT")
        return readSearch(values);
    if (keyword == "ESEARCH")
        return readESearch(values);
    if (keyword == "NAMESPACE")
        return readNamespace(values);
    if (keyword == "ID")
        return readId(values);
    if (keyword == "VANISHED")
        return readVanished(values);
    return ImapResponse::unknown(keyword, std::move(values));
}

} // namespace

namespace ImapParserDetail {

void fail(const QByteArray &message)
{
    throw Failure {message};
}

void check(const ImapLexer &lexer)
{
    if (!lexer.ok())
        fail(lexer.errorMessage());
}

quint64 toNumber64(const ImapValue &value, const char *what)
{
    bool ok = false;
    const quint64 n = value.toNumber(&ok);
    if (!ok)
        fail(QByteArray("expected a number for ") + (what ? what : "value"));
    return n;
}

quint32 toNumber32(const ImapValue &value, const char *what)
{
    const quint64 n = toNumber64(value, what);
    if (n > 0xFFFFFFFFull)
        fail(QByteArray("number out of range for ") + what);
    return quint32(n);
}

QList<QByteArray> readAtomList(const QList<ImapValue> &values, bool upper)
{
    QList<QByteArray> out;
    out.reserve(values.size());
    for (const ImapValue &v : values) {
        if (!v.isAtom())
            fail("expected an atom");
        out.append(upper ? v.keyword() : v.atomText());
    }
    return out;
}

ImapResponseCode readResponseCode(ImapLexer &lexer)
{
    // "[" resp-text-code "]"
    ImapResponseCode code;
    lexer.consume('[');
    code.name = lexer.readAtom(true).toUpper();
    check(lexer);
    code.kind = codeKind(code.name);
    lexer.skipSpace();
    const qsizetype argsStart = lexer.position();
    using Kind = ImapResponseCode::Kind;
    switch (code.kind) {
    case Kind::Capability:
    case Kind::PermanentFlags:
    case Kind::BadCharset:
    case Kind::BadEvent:
    case Kind::UidNext:
    case Kind::UidValidity:
    case Kind::Unseen:
    case Kind::HighestModSeq:
    case Kind::AppendUid:
    case Kind::CopyUid:
    case Kind::Modified: {
        const QList<ImapValue> args = lexer.readValues(true);
        check(lexer);
        if (code.kind == Kind::Capability) {
            code.atoms = readAtomList(args, true);
        } else if (code.kind == Kind::PermanentFlags || code.kind == Kind::BadCharset
                   || code.kind == Kind::BadEvent) {
            // "BADEVENT" SP "(" event *(SP event) ")" (RFC 5465): the events supported.
            if (args.size() == 1 && args.at(0).isList())
                code.atoms = readAtomList(args.at(0).items(), false);
            else if (code.kind != Kind::BadCharset || !args.isEmpty())
                fail("malformed " + code.name);
        } else if (code.kind == Kind::Modified) {
            const auto set = UidSet::parse(args.value(0).atomText());
            if (args.size() != 1 || !set)
                fail("malformed MODIFIED");
            code.uids = *set;
        } else if (code.kind == Kind::AppendUid || code.kind == Kind::CopyUid) {
            const qsizetype expected = code.kind == Kind::AppendUid ? 2 : 3;
            if (args.size() != expected)
                fail("malformed " + code.name);
            code.number = toNumber32(args.at(0), "UIDVALIDITY");
            const auto last = UidSet::parse(args.at(expected - 1).atomText());
            if (!last)
                fail("malformed UID set in " + code.name);
            code.uids = *last;
            if (code.kind == Kind::CopyUid) {
                const auto source = UidSet::parse(args.at(1).atomText());
                const auto mapping = UidMapping::parse(args.at(1).atomText(), args.at(2).atomText());
                if (!source || !mapping)
                    fail("malformed COPYUID");
                code.sourceUids = *source;
                code.uidMapping = *mapping;
            }
        } else {
            if (args.size() != 1)
                fail("malformed " + code.name);
            code.number = code.kind == Kind::HighestModSeq ? toNumber64(args.at(0), "code")
                                                           : toNumber32(args.at(0), "code");
        }
        break;
    }
    default: {
        // Unknown or argument-less codes: keep the raw text up to ']'.
        while (!lexer.atLineEnd() && lexer.peek() != ']')
            lexer.consume(lexer.peek());
        break;
    }
    }
    code.rawArguments = lexer.slice(argsStart, lexer.position()).trimmed();
    if (!lexer.consume(']'))
        fail("response code without ']'");
    return code;
}

} // namespace ImapParserDetail

ImapParser::Result ImapParser::parse(QByteArrayView bytes)
{
    Result result;
    try {
        ImapLexer lexer(bytes);
        if (lexer.peek() == '+') {
            lexer.consume('+');
            lexer.skipSpace();
            QByteArray text = lexer.readText();
            lexer.expectLineEnd();
            check(lexer);
            result.response = ImapResponse::continuation(std::move(text));
            return result;
        }
        if (lexer.peek() == '*') {
            lexer.consume('*');
            if (!lexer.skipSpace())
                fail("expected a space after '*'");
            result.response = readUntagged(lexer);
            return result;
        }
        QByteArray tag = lexer.readAtom(true);
        check(lexer);
        if (!lexer.skipSpace())
            fail("expected a space after the tag");
        const auto status = statusWord(lexer.readAtom(true).toUpper());
        check(lexer);
        if (!status || *status == ImapStatusResponse::Status::PreAuth
            || *status == ImapStatusResponse::Status::Bye) {
            fail("tagged response without OK, NO or BAD");
        }
        result.response = readStatus(lexer, std::move(tag), *status);
    } catch (const Failure &failure) {
        result.response = ImapResponse();
        result.error = MailError(MailError::Kind::Parse,
                                 QCoreApplication::translate("ImapParser",
                                                             "Malformed IMAP response: %1")
                                         .arg(QString::fromLatin1(failure.message)));
    }
    return result;
}
