#include "autoconfigparser.h"

#include <QCoreApplication>
#include <QXmlStreamReader>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr int maxElements = 2000;
constexpr int maxDepth = 16;

struct Candidate
{
    DiscoveredSettings::Server server;
    QString userName;
    bool usable = true;
    bool listsAuthentication = false;
    bool password = false;
    bool oauth = false;

    // CRAM-MD5, NTLM, GSSAPI and client certificates are not done here.
    bool canLogIn() const { return !listsAuthentication || password || oauth; }
    SaslMechanism mechanism() const
    {
        return !password && oauth ? SaslMechanism::XOAuth2 : SaslMechanism::Auto;
    }
};

QString fill(QString text, const QString &address)
{
    const QString local = address.section(u'@', 0, 0);
    const QString domain = address.section(u'@', 1);
    text.replace("%EMAILADDRESS%"_L1, address);
    text.replace("%EMAILLOCALPART%"_L1, local);
    text.replace("%EMAILDOMAIN%"_L1, domain);
    return text.trimmed();
}

// A host name as DNS allows it: letters, digits, hyphens and dots, nothing else.
bool isHostName(const QString &host)
{
    if (host.isEmpty() || host.size() > 253)
        return false;
    for (const QChar c : host) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
                        || u == '-' || u == '.';
        if (!ok)
            return false;
    }
    return true;
}

// Better first: implicit TLS, then STARTTLS.
int rank(const Candidate &c)
{
    return c.server.security == Security::ImplicitTls ? 0 : 1;
}

} // namespace

AutoconfigParser::Result AutoconfigParser::parse(QByteArrayView xml, const QString &address)
{
    Result result;
    if (xml.size() > maxSize) {
        result.error = QCoreApplication::translate(
                "AutoconfigParser", "The configuration file is larger than any real one.");
        return result;
    }
    QXmlStreamReader reader(xml.toByteArray());
    int elements = 0;
    int depth = 0;
    std::optional<Candidate> current;
    bool currentIsImap = false;
    bool currentIsSmtp = false;
    QList<Candidate> imap;
    QList<Candidate> smtp;
    QString refusals;
    bool sawRoot = false;

    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::DTD || token == QXmlStreamReader::EntityReference) {
            result.error = QCoreApplication::translate(
                    "AutoconfigParser",
                    "The configuration file declares a document type; it is refused.");
            return result;
        }
        if (token == QXmlStreamReader::EndElement) {
            --depth;
            const auto name = reader.name();
            if ((name == "incomingServer"_L1 || name == "outgoingServer"_L1) && current) {
                if (current->usable && current->server.isValid() && current->canLogIn()) {
                    if (currentIsImap)
                        imap.append(*current);
                    else if (currentIsSmtp)
                        smtp.append(*current);
                }
                current.reset();
            }
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        if (++elements > maxElements || ++depth > maxDepth) {
            result.error = QCoreApplication::translate(
                    "AutoconfigParser", "The configuration file is larger than any real one.");
            return result;
        }
        const auto name = reader.name();
        if (depth == 1) {
            if (name != "clientConfig"_L1) {
                result.error
                        = QCoreApplication::translate("AutoconfigParser",
                                                      "This is not a mail configuration file.");
                return result;
            }
            sawRoot = true;
            continue;
        }
        if (name == "displayName"_L1 && !current && result.settings.displayName.isEmpty()) {
            result.settings.displayName = reader.readElementText().trimmed().left(200);
            --depth;
            continue;
        }
        if (name == "incomingServer"_L1 || name == "outgoingServer"_L1) {
            const QString type = reader.attributes().value("type"_L1).toString();
            currentIsImap = name == "incomingServer"_L1 && type == "imap"_L1;
            currentIsSmtp = name == "outgoingServer"_L1 && type == "smtp"_L1;
            current = Candidate();
            continue;
        }
        if (!current)
            continue;
        const QString text = reader.readElementText(QXmlStreamReader::SkipChildElements);
        --depth; // readElementText() consumed the end element
        if (name == "hostname"_L1) {
            const QString host = fill(text, address).toLower();
            if (isHostName(host))
                current->server.host = host;
            else
                current->usable = false;
        } else if (name == "port"_L1) {
            bool number = false;
            const uint port = text.trimmed().toUInt(&number);
            if (!number || port == 0 || port > 65535) {
                current->usable = false;
                refusals = QCoreApplication::translate("AutoconfigParser", "a port out of range");
            } else {
                current->server.port = quint16(port);
            }
        } else if (name == "socketType"_L1) {
            const QString type = text.trimmed();
            if (type == "SSL"_L1) {
                current->server.security = Security::ImplicitTls;
            } else if (type == "STARTTLS"_L1) {
                current->server.security = Security::StartTls;
            } else {
                current->usable = false; // "plain" or unknown: never chosen automatically
                refusals = QCoreApplication::translate("AutoconfigParser",
                                                       "a server without encryption");
            }
        } else if (name == "username"_L1) {
            current->userName = fill(text, address);
        } else if (name == "authentication"_L1) {
            // A server may list several: a password one is used where offered, else OAuth 2.0.
            const QString auth = text.trimmed();
            current->listsAuthentication = true;
            if (auth == "password-cleartext"_L1 || auth == "plain"_L1)
                current->password = true;
            else if (auth == "OAuth2"_L1)
                current->oauth = true;
        }
    }
    if (reader.hasError() || !sawRoot) {
        result.error
                = reader.hasError()
                          ? QCoreApplication::translate(
                                    "AutoconfigParser",
                                    "The configuration file is not well-formed XML: %1")
                                    .arg(reader.errorString())
                          : QCoreApplication::translate("AutoconfigParser",
                                                        "This is not a mail configuration file.");
        return result;
    }
    const auto best = [](QList<Candidate> &list) {
        std::stable_sort(list.begin(), list.end(),
                         [](const Candidate &a, const Candidate &b) { return rank(a) < rank(b); });
        return list.isEmpty() ? std::optional<Candidate>() : list.constFirst();
    };
    const std::optional<Candidate> in = best(imap);
    const std::optional<Candidate> out = best(smtp);
    if (!in || !out) {
        result.error = refusals.isEmpty()
                               ? QCoreApplication::translate(
                                       "AutoconfigParser",
                                       "The configuration file names no usable IMAP and SMTP "
                                       "servers.")
                               : QCoreApplication::translate(
                                         "AutoconfigParser",
                                         "The configuration file names no usable IMAP and SMTP "
                                         "servers (refused: %1).")
                                         .arg(refusals);
        return result;
    }
    result.settings.imap = in->server;
    result.settings.smtp = out->server;
    result.settings.userName = in->userName;
    result.settings.mechanism = in->mechanism();
    return result;
}
