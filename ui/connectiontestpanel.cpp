#include "connectiontestpanel.h"

#include "accounts/connectiontester.h"
#include "certificatedialog.h"
#include "icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <utility>

ConnectionTestPanel::ConnectionTestPanel(QWidget *parent)
    : QWidget(parent)
    , m_button(new QPushButton(tr("&Test Connection")))
    , m_progress(new QLabel)
    , m_results(new QVBoxLayout)
{
    m_button->setObjectName(QStringLiteral("testConnection"));
    m_button->setEnabled(false);
    m_progress->setObjectName(QStringLiteral("testProgress"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_button);
    top->addWidget(m_progress, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(m_results);
    connect(m_button, &QPushButton::clicked, this, [this] {
        if (m_running && m_tester)
            m_tester->cancel();
        else
            Q_EMIT testRequested();
    });
}

void ConnectionTestPanel::setTester(ConnectionTester *tester)
{
    if (m_tester)
        disconnect(m_tester, nullptr, this, nullptr);
    m_tester = tester;
    m_button->setEnabled(tester != nullptr);
    if (!tester)
        return;
    connect(tester, &ConnectionTester::stepStarted, this,
            [this](ConnectionTestResult::Server server, const QString &description) {
                const QString name = server == ConnectionTestResult::Server::Imap ? tr("Incoming")
                                                                                  : tr("Outgoing");
                m_progress->setText(tr("%1: %2").arg(name, description));
            });
    connect(tester, &ConnectionTester::serverFinished, this, &ConnectionTestPanel::addResult);
    connect(tester, &ConnectionTester::finished, this, &ConnectionTestPanel::onFinished);
}

void ConnectionTestPanel::start(const Account &account, const QString &password,
                                const QString &submissionPassword)
{
    if (!m_tester || m_running)
        return;
    clearResults();
    m_questions.clear();
    m_account = account;
    m_running = true;
    m_button->setText(tr("S&top Test"));
    m_progress->setText(tr("Testing…"));
    m_tester->setSubmissionPassword(submissionPassword);
    m_tester->start(account, password);
}

void ConnectionTestPanel::onFinished()
{
    m_running = false;
    m_button->setText(tr("&Test Connection"));
    m_progress->clear();
    Q_EMIT finished();
    // The trust question, as when connecting: the first untrusted certificate not asked about.
    const QList<ConnectionTestResult> questions = std::exchange(m_questions, {});
    for (const ConnectionTestResult &result : questions) {
        const std::pair<int, QByteArray> key {int(result.server),
                                              Account::fingerprint(
                                                      result.certificateChain.constFirst())};
        if (m_asked.contains(key))
            continue;
        m_asked.append(key);
        showCertificate(result);
        break;
    }
}

void ConnectionTestPanel::clearResults()
{
    while (QLayoutItem *item = m_results->takeAt(0)) {
        if (QLayout *inner = item->layout()) {
            while (QLayoutItem *child = inner->takeAt(0)) {
                delete child->widget();
                delete child;
            }
        }
        delete item->widget();
        delete item;
    }
    m_resultLabels.clear();
    m_certificateButtons.clear();
}

QString ConnectionTestPanel::describe(const ConnectionTestResult &result, const Account &account)
{
    using Outcome = ConnectionTestResult::Outcome;
    const bool imap = result.server == ConnectionTestResult::Server::Imap;
    const QString server = imap ? tr("Incoming server (IMAP)") : tr("Outgoing server (SMTP)");
    const QString host = imap ? account.imapHost() : account.smtpHost();
    const quint16 port = imap ? account.imapPort() : account.smtpPort();
    QString text;
    switch (result.outcome) {
    case Outcome::Success:
        text = tr("%1: connected to %2, secured and logged in.").arg(server, host);
        break;
    case Outcome::HostNotFound:
        text = tr("%1: the name “%2” could not be found. Check the spelling of the server name "
                  "and your network connection.")
                       .arg(server, host);
        break;
    case Outcome::ConnectionRefused:
        text = tr("%1: %2 refused the connection on port %3. Check the port and the security "
                  "setting.")
                       .arg(server, host)
                       .arg(port);
        break;
    case Outcome::Timeout:
        text = tr("%1: %2 did not answer on port %3 in time. A firewall may block the port.")
                       .arg(server, host)
                       .arg(port);
        break;
    case Outcome::TlsFailure:
        text = tr("%1: the secure connection to %2 failed. The port may expect a different "
                  "security setting.")
                       .arg(server, host);
        break;
    case Outcome::CertificateUntrusted: {
        text = tr("%1: the certificate of %2 is not trusted.").arg(server, host);
        if (!result.certificateChain.isEmpty()) {
            const QSslCertificate &leaf = result.certificateChain.constFirst();
            const QLocale locale;
            text += QLatin1Char(' ')
                    + tr("Issued to “%1” by “%2”, valid from %3 to %4, SHA-256 %5.")
                              .arg(leaf.subjectInfo(QSslCertificate::CommonName).join(u", "),
                                   leaf.issuerInfo(QSslCertificate::CommonName).join(u", "),
                                   locale.toString(leaf.effectiveDate().toLocalTime(),
                                                   QLocale::ShortFormat),
                                   locale.toString(leaf.expiryDate().toLocalTime(),
                                                   QLocale::ShortFormat),
                                   Account::formatFingerprint(Account::fingerprint(leaf)));
        }
        break;
    }
    case Outcome::StartTlsUnavailable:
        text = tr("%1: %2 does not offer STARTTLS on port %3, so nothing was sent. Choose "
                  "SSL/TLS with its port, or ask your provider.")
                       .arg(server, host)
                       .arg(port);
        break;
    case Outcome::AuthenticationFailed:
        text = tr("%1: %2 refused the user name or password.").arg(server, host);
        break;
    case Outcome::ProtocolError:
        text = tr("%1: %2 answered in an unexpected way.").arg(server, host);
        break;
    case Outcome::Cancelled:
        text = tr("%1: the test was stopped.").arg(server);
        break;
    }
    if (!result.detail.isEmpty())
        text += QLatin1Char(' ') + tr("Details: %1").arg(result.detail);
    if (!result.serverText.isEmpty())
        text += QLatin1Char(' ') + tr("The server said: “%1”").arg(result.serverText);
    return text;
}

void ConnectionTestPanel::addResult(const ConnectionTestResult &result)
{
    auto *row = new QHBoxLayout;
    auto *icon = new QLabel;
    icon->setPixmap(Icons::icon(result.isSuccess() ? QStringLiteral("dialog-ok")
                                                   : QStringLiteral("dialog-error"))
                            .pixmap(20, 20));
    auto *label = new QLabel(describe(result, m_account));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setTextFormat(Qt::PlainText);
    label->setProperty("outcome", int(result.outcome));
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addWidget(label, 1);
    if (!result.certificateChain.isEmpty()
        && result.outcome == ConnectionTestResult::Outcome::CertificateUntrusted) {
        auto *button = new QPushButton(Icons::icon(QStringLiteral("certificate")),
                                       tr("View Certificate…"));
        row->addWidget(button, 0, Qt::AlignTop);
        connect(button, &QPushButton::clicked, this, [this, result] { showCertificate(result); });
        m_certificateButtons.append(button);
        m_questions.append(result);
    }
    m_results->addLayout(row);
    m_resultLabels.append(label);
}

void ConnectionTestPanel::showCertificate(const ConnectionTestResult &result)
{
    const bool imap = result.server == ConnectionTestResult::Server::Imap;
    auto *dialog = new CertificateDialog(imap ? m_account.imapHost() : m_account.smtpHost(),
                                         result.certificateChain,
                                         imap ? m_account.imapPinnedFingerprints()
                                              : m_account.smtpPinnedFingerprints(),
                                         result.detail, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, server = result.server] {
        Q_EMIT certificatePinned(server, dialog->fingerprint());
    });
    dialog->open();
}
