#include "certificatedialog.h"
#include "colourscheme.h"

#include "accounts/account.h"
#include "icons.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace {

QString nameOf(const QSslCertificate &certificate, bool issuer)
{
    QStringList parts;
    const auto field = [&](QSslCertificate::SubjectInfo info) {
        const QStringList values = issuer ? certificate.issuerInfo(info)
                                          : certificate.subjectInfo(info);
        return values.join(QStringLiteral(", "));
    };
    const QString cn = field(QSslCertificate::CommonName);
    const QString o = field(QSslCertificate::Organization);
    const QString ou = field(QSslCertificate::OrganizationalUnitName);
    for (const QString &part : {cn, o, ou})
        if (!part.isEmpty())
            parts.append(part);
    return parts.join(QStringLiteral(" · "));
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>") + label.toHtmlEscaped()
           + QStringLiteral("</b></td><td>") + value + QStringLiteral("</td></tr>");
}

} // namespace

CertificateDialog::CertificateDialog(const QString &host, const QList<QSslCertificate> &chain,
                                     const QList<QByteArray> &pinnedFingerprints,
                                     const QString &reasons, QWidget *parent)
    : QDialog(parent)
    , m_chain(chain)
    , m_pinState(chain.isEmpty() ? PinState::NotPinned
                                 : pinStateOf(chain.constFirst(), pinnedFingerprints))
    , m_status(new QLabel)
    , m_chainList(new QListWidget)
    , m_details(new QLabel)
{
    setWindowTitle(tr("Certificate of %1").arg(host));
    setWindowIcon(Icons::icon(QStringLiteral("certificate")));

    QString status;
    switch (m_pinState) {
    case PinState::Changed:
        status = tr("<b>The certificate of %1 has changed</b> since you trusted it. This "
                    "happens when the provider renews it, but it is also what an attacker "
                    "listening on your connection would show. Trust the new certificate only if "
                    "your provider confirms its fingerprint.")
                         .arg(host.toHtmlEscaped());
        break;
    case PinState::Matches:
        status = tr("This is the certificate you trusted before for %1.").arg(host.toHtmlEscaped());
        break;
    case PinState::NotPinned:
        status = tr("The certificate of %1 is not trusted by this system. Compare its "
                    "fingerprint with the one your provider publishes before trusting it.")
                         .arg(host.toHtmlEscaped());
        break;
    }
    if (!reasons.isEmpty())
        status += QStringLiteral("<br><br>") + tr("Reason: %1").arg(reasons.toHtmlEscaped());
    if (m_pinState == PinState::Changed) {
        QStringList pinned;
        for (const QByteArray &pin : pinnedFingerprints)
            pinned.append(Account::formatFingerprint(pin));
        status += QStringLiteral("<br><br>") + tr("Trusted before: %1").arg(pinned.join(u' '));
    }
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setText(status);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);

    auto *icon = new QLabel;
    icon->setPixmap(Icons::icon(m_pinState == PinState::Matches ? QStringLiteral("certificate")
                                                                : QStringLiteral("dialog-warning"))
                            .pixmap(48, 48));
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(m_status, 1);

    m_chainList->setObjectName(QStringLiteral("chain"));
    for (const QSslCertificate &certificate : chain)
        m_chainList->addItem(nameOf(certificate, false));
    m_chainList->setMaximumHeight(90);

    m_details->setObjectName(QStringLiteral("details"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_details);
    scroll->setWidgetResizable(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_trustButton = buttons->addButton(m_pinState == PinState::Changed
                                               ? tr("Trust the New Certificate")
                                               : tr("Trust and Remember"),
                                       QDialogButtonBox::AcceptRole);
    m_trustButton->setObjectName(QStringLiteral("trust"));
    m_trustButton->setEnabled(!chain.isEmpty());
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true); // refusing is the safe default

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(new QLabel(tr("Certificate chain:")));
    layout->addWidget(m_chainList);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_chainList, &QListWidget::currentRowChanged, this, &CertificateDialog::showCertificate);
    if (!chain.isEmpty())
        m_chainList->setCurrentRow(0);
    resize(620, 520);
}

QByteArray CertificateDialog::fingerprint() const
{
    return m_chain.isEmpty() ? QByteArray() : Account::fingerprint(m_chain.constFirst());
}

CertificateDialog::PinState CertificateDialog::pinStateOf(const QSslCertificate &certificate,
                                                          const QList<QByteArray> &pinned)
{
    if (pinned.isEmpty())
        return PinState::NotPinned;
    return pinned.contains(Account::fingerprint(certificate)) ? PinState::Matches
                                                              : PinState::Changed;
}

QString CertificateDialog::describe(const QSslCertificate &certificate)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QLocale locale;
    QString validity = tr("%1 to %2")
                               .arg(locale.toString(certificate.effectiveDate().toLocalTime(),
                                                    QLocale::ShortFormat),
                                    locale.toString(certificate.expiryDate().toLocalTime(),
                                                    QLocale::ShortFormat));
    if (certificate.expiryDate() < now)
        validity += QStringLiteral(" <b style=\"color:%1\">")
                            .arg(ColourScheme::error(QGuiApplication::palette()).name())
                    + tr("(expired)") + QStringLiteral("</b>");
    else if (certificate.effectiveDate() > now)
        validity += QStringLiteral(" <b style=\"color:%1\">")
                            .arg(ColourScheme::error(QGuiApplication::palette()).name())
                    + tr("(not yet valid)") + QStringLiteral("</b>");

    QStringList names;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it)
        names.append(it.value());

    QString html = QStringLiteral("<table>");
    html += row(tr("Subject"), nameOf(certificate, false).toHtmlEscaped());
    if (!names.isEmpty())
        html += row(tr("Names"), names.join(QStringLiteral(", ")).toHtmlEscaped());
    html += row(tr("Issuer"), nameOf(certificate, true).toHtmlEscaped());
    html += row(tr("Valid"), validity);
    html += row(tr("Serial number"), QString::fromLatin1(certificate.serialNumber()));
    html += row(tr("SHA-256 fingerprint"),
                QStringLiteral("<tt>")
                        + Account::formatFingerprint(Account::fingerprint(certificate))
                        + QStringLiteral("</tt>"));
    if (certificate.isSelfSigned())
        html += row(tr("Note"), tr("Self-signed"));
    html += QStringLiteral("</table>");
    return html;
}

void CertificateDialog::showCertificate(int index)
{
    if (index < 0 || index >= m_chain.size())
        return m_details->clear();
    m_details->setText(describe(m_chain.at(index)));
}
