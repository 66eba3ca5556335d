// AppController: the questions a session asks the user (a certificate to trust, a password).

#include "appcontroller.h"

#include "accountsession.h"
#include "certificatedialog.h"
#include "mainwindow.h"
#include "outbox/messagesender.h"
#include "service/accountservice.h"

#include <QInputDialog>
#include <QLineEdit>

void AppController::askTrust(AccountSession *session, const QList<QSslCertificate> &chain,
                             const QString &reasons, bool submission)
{
    const Account account = session->account();
    auto *dialog = new CertificateDialog(submission ? account.smtpHost() : account.imapHost(),
                                         chain,
                                         submission ? account.smtpPinnedFingerprints()
                                                    : account.imapPinnedFingerprints(),
                                         reasons, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, session, dialog, submission](int result) {
        const bool trusted = result == QDialog::Accepted;
        if (trusted) {
            const Account updated = AccountSession::withPinned(session->account(), submission,
                                                               dialog->fingerprint());
            if (MailError error = m_accounts.saveAccount(updated))
                showStatus(error.toString());
        }
        if (submission)
            session->sender()->answerTrust(trusted);
        else
            session->service()->answerTrust(trusted);
    });
    dialog->open();
}

void AppController::askPassword(AccountSession *session)
{
    const Account account = session->account();
    auto *dialog = new QInputDialog(m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("passwordPrompt"));
    dialog->setWindowTitle(tr("Password for %1").arg(account.displayName()));
    dialog->setLabelText(tr("No password is stored for %1 (%2). It is kept in the system keychain "
                            "when one answers, otherwise in memory only until Heron quits.")
                                 .arg(account.displayName(), account.userName()));
    dialog->setTextEchoMode(QLineEdit::Password);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, session, id = account.id()](const QString &password) {
                if (password.isEmpty() || !m_sessions.values().contains(session))
                    return;
                m_secrets->writePassword(id, password, session,
                                         [session](const SecretStore::Reply &) {
                                             session->connectToServer();
                                         });
            });
    dialog->open();
}
