#include "trackerdetector.h"

#include <QCryptographicHash>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

struct Service
{
    QLatin1StringView host; // the host itself or any name under it
    QLatin1StringView name;
};

// Hosts that serve open-tracking pixels of mass mailing and mail tracking services.
constexpr Service knownServices[] = {
        {"list-manage.com"_L1, "Mailchimp"_L1},
        {"mailchimp.com"_L1, "Mailchimp"_L1},
        {"sendgrid.net"_L1, "SendGrid"_L1},
        {"mandrillapp.com"_L1, "Mandrill"_L1},
        {"mailgun.org"_L1, "Mailgun"_L1},
        {"mailgun.net"_L1, "Mailgun"_L1},
        {"hubspotemail.net"_L1, "HubSpot"_L1},
        {"hubspotlinks.com"_L1, "HubSpot"_L1},
        {"track.hubspot.com"_L1, "HubSpot"_L1},
        {"google-analytics.com"_L1, "Google Analytics"_L1},
        {"doubleclick.net"_L1, "DoubleClick"_L1},
        {"exct.net"_L1, "Salesforce Marketing Cloud"_L1},
        {"exacttarget.com"_L1, "Salesforce Marketing Cloud"_L1},
        {"pardot.com"_L1, "Pardot"_L1},
        {"mktoresp.com"_L1, "Marketo"_L1},
        {"klaviyomail.com"_L1, "Klaviyo"_L1},
        {"trk.klaviyo.com"_L1, "Klaviyo"_L1},
        {"sendibt2.com"_L1, "Brevo"_L1},
        {"sendibt3.com"_L1, "Brevo"_L1},
        {"sendibm1.com"_L1, "Brevo"_L1},
        {"mailtrack.io"_L1, "Mailtrack"_L1},
        {"mailfoogae.appspot.com"_L1, "Streak"_L1},
        {"t.yesware.com"_L1, "Yesware"_L1},
        {"bananatag.com"_L1, "Bananatag"_L1},
        {"getnotify.com"_L1, "Notify"_L1},
        {"via.intercom.io"_L1, "Intercom"_L1},
        {"intercom-mail.com"_L1, "Intercom"_L1},
        {"track.customer.io"_L1, "Customer.io"_L1},
        {"convertkit-mail.com"_L1, "ConvertKit"_L1},
        {"mjt.lu"_L1, "Mailjet"_L1},
        {"rs6.net"_L1, "Constant Contact"_L1},
        {"awstrack.me"_L1, "Amazon SES"_L1},
        {"emltrk.com"_L1, "Litmus"_L1},
        {"returnpath.net"_L1, "Return Path"_L1},
        {"en25.com"_L1, "Oracle Eloqua"_L1},
        {"responsys.net"_L1, "Oracle Responsys"_L1},
        {"omtrdc.net"_L1, "Adobe Analytics"_L1},
        {"sparkpostmail.com"_L1, "SparkPost"_L1},
        {"mixmax.com"_L1, "Mixmax"_L1},
        {"superhuman.com"_L1, "Superhuman"_L1},
};

// Query parameters that name the recipient in the services that do not use an address.
constexpr QLatin1StringView recipientParameters[] = {
        "email"_L1,      "e"_L1,          "mail"_L1,    "recipient"_L1,     "rcpt"_L1,
        "subscriber"_L1, "sub"_L1,        "sid"_L1,     "subscriber_id"_L1, "uid"_L1,
        "user"_L1,       "userid"_L1,     "user_id"_L1, "uuid"_L1,          "rid"_L1,
        "contact"_L1,    "contact_id"_L1, "token"_L1,
};

// A number of CSS pixels as written in an attribute or declaration ("1", "1px", "0.5px").
std::optional<double> pixels(QStringView text)
{
    QStringView value = text.trimmed();
    if (value.endsWith(u"px", Qt::CaseInsensitive))
        value.chop(2);
    bool ok = false;
    const double number = value.trimmed().toDouble(&ok);
    if (!ok || number < 0)
        return std::nullopt;
    return number;
}

// An identifier no person would write: long, of letters and digits both.
bool isOpaqueToken(QStringView value)
{
    if (value.size() < 16)
        return false;
    bool letter = false;
    bool digit = false;
    for (QChar c : value) {
        if (c.isDigit())
            digit = true;
        else if (c.isLetter())
            letter = true;
        else if (c != u'-' && c != u'_' && c != u'=' && c != u'.' && c != u'%')
            return false;
    }
    return letter && digit;
}

} // namespace

void TrackerDetector::setRecipients(const QStringList &addresses)
{
    m_recipients.clear();
    m_recipientForms.clear();
    for (const QString &address : addresses) {
        const QString lower = address.trimmed().toLower();
        if (!lower.contains(u'@') || m_recipients.contains(lower))
            continue;
        m_recipients.append(lower);
        const QByteArray utf8 = lower.toUtf8();
        m_recipientForms.append(utf8);
        for (auto algorithm :
             {QCryptographicHash::Md5, QCryptographicHash::Sha1, QCryptographicHash::Sha256})
            m_recipientForms.append(QCryptographicHash::hash(utf8, algorithm).toHex());
    }
}

bool TrackerDetector::namesRecipient(QStringView url) const
{
    if (m_recipients.isEmpty())
        return false;
    const QByteArray raw = url.toUtf8();
    // Twice decoded: addresses are often percent-encoded inside an encoded redirect.
    const QByteArray decoded = QByteArray::fromPercentEncoding(QByteArray::fromPercentEncoding(raw))
                                       .toLower();
    for (const QByteArray &form : m_recipientForms) {
        if (decoded.contains(form))
            return true;
    }
    // Base64 is case-sensitive: compared with the URL as written, padding left out.
    const QByteArray undecoded = QByteArray::fromPercentEncoding(raw);
    for (const QString &recipient : m_recipients) {
        const QByteArray bytes = recipient.toUtf8();
        for (auto options : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
            const QByteArray encoded = bytes.toBase64(options | QByteArray::OmitTrailingEquals);
            if (undecoded.contains(encoded))
                return true;
        }
    }
    return false;
}

QString TrackerDetector::knownService(QStringView host, QStringView path)
{
    Q_UNUSED(path);
    const QString lower = host.toString().toLower();
    for (const Service &service : knownServices) {
        if (lower == service.host
            || (lower.endsWith(service.host) && lower.size() > service.host.size()
                && lower.at(lower.size() - service.host.size() - 1) == u'.'))
            return QString(service.name);
    }
    return {};
}

TrackerDetector::Verdict TrackerDetector::classifyUrl(QStringView urlText) const
{
    QString text = urlText.toString();
    if (text.startsWith(u"//"))
        text.prepend(u"https:"_s);
    const QUrl url(text);
    const QString service = knownService(url.host(), url.path());
    if (!service.isEmpty())
        return {Kind::KnownService, service};
    if (namesRecipient(urlText))
        return {Kind::RecipientToken, {}};
    const QUrlQuery query(url);
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        const QString key = name.toLower();
        for (QLatin1StringView parameter : recipientParameters) {
            if (key == parameter && isOpaqueToken(value))
                return {Kind::RecipientToken, {}};
        }
    }
    return {};
}

TrackerDetector::Verdict TrackerDetector::classifyImage(QStringView url, QStringView width,
                                                        QStringView height, QStringView style) const
{
    std::optional<double> w = width.isEmpty() ? std::nullopt : pixels(width);
    std::optional<double> h = height.isEmpty() ? std::nullopt : pixels(height);
    bool hidden = false;
    for (QStringView declaration : style.split(u';')) {
        const qsizetype colon = declaration.indexOf(u':');
        if (colon < 0)
            continue;
        const QString name = declaration.left(colon).trimmed().toString().toLower();
        QString value = declaration.mid(colon + 1).trimmed().toString().toLower();
        value.remove(u"!important"_s);
        value = value.trimmed();
        if (name == u"display" && value == u"none")
            hidden = true;
        else if (name == u"visibility" && (value == u"hidden" || value == u"collapse"))
            hidden = true;
        else if (name == u"opacity" && pixels(value) == 0.0)
            hidden = true;
        else if ((name == u"max-width" || name == u"max-height") && pixels(value) == 0.0)
            hidden = true;
        else if (name == u"width" && pixels(value))
            w = pixels(value);
        else if (name == u"height" && pixels(value))
            h = pixels(value);
    }
    if (hidden || (w && *w == 0) || (h && *h == 0))
        return {Kind::Hidden, {}};
    const Verdict byUrl = classifyUrl(url);
    if (byUrl.kind == Kind::KnownService)
        return byUrl;
    // 1×1, or 1 one way and not said the other: a spacer is wider or taller than that.
    if ((w && *w <= 1 && (!h || *h <= 1)) || (h && *h <= 1 && !w))
        return {Kind::Pixel, {}};
    return byUrl;
}
