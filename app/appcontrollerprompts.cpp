// AppController: the questions a session asks the user (a certificate to trust, a password,
// which folder is Trash, whether to remove every message marked as deleted).

#include "appcontroller.h"

#include "certificatedialog.h"
#include "mainwindow.h"
#include "outbox/messagesender.h"
#include "service/accountmanager.h"
#include "service/accountservice.h"
#include "service/runningaccount.h"

#include <QDesktopServices>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

void AppController::askTrust(RunningAccount *session, const QList<QSslCertificate> &chain,
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
        if (trusted)
            m_manager->pinCertificate(session->account().id(), submission, dialog->fingerprint());
        if (submission)
            session->sender()->answerTrust(trusted);
        else
            session->service()->answerTrust(trusted);
    });
    dialog->open();
}

void AppController::askPassword(RunningAccount *session, AccountService::PasswordReason reason,
                                const QString &detail, bool submission)
{
    const Account account = session->account();
    const QString login = submission                     ? account.smtpUserName()
                          : account.userName().isEmpty() ? account.address()
                                                         : account.userName();
    const QString who = submission ? tr("%1 (%2, outgoing server %3)")
                                             .arg(account.displayName(), login, account.smtpHost())
                                   : tr("%1 (%2)").arg(account.displayName(), login);
    if (reason == AccountService::PasswordReason::SignInRequired) {
        askSignIn(session, detail);
        return;
    }
    QString text;
    switch (reason) {
    case AccountService::PasswordReason::SignInRequired:
        break;
    case AccountService::PasswordReason::NoneStored:
        text = tr("No password is stored for %1.").arg(who);
        break;
    case AccountService::PasswordReason::StoreFailed:
        text = tr("The password for %1 could not be read from the keychain: %2").arg(who, detail);
        break;
    case AccountService::PasswordReason::Rejected:
        text = tr("The server refused the password for %1: %2").arg(who, detail);
        break;
    }
    text += QLatin1Char('\n')
            + tr("Once the login succeeds it is kept in the system keychain when one answers, "
                 "otherwise in memory only until Heron quits.");
    auto *dialog = new QInputDialog(m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("passwordPrompt"));
    dialog->setWindowTitle(
            submission ? tr("Outgoing Server Password for %1").arg(account.displayName())
                       : tr("Password for %1").arg(account.displayName()));
    dialog->setLabelText(text);
    dialog->setTextEchoMode(QLineEdit::Password);
    QPointer<RunningAccount> target = session;
    connect(dialog, &QDialog::finished, this, [target, dialog, submission](int result) {
        if (!target)
            return;
        const QString answer = result == QDialog::Accepted ? dialog->textValue() : QString();
        if (submission)
            target->service()->answerSubmissionPassword(answer);
        else
            target->service()->answerPassword(answer);
    });
    dialog->open();
}

void AppController::askSignIn(RunningAccount *session, const QString &detail)
{
    const Account account = session->account();
    auto *box = new QMessageBox(QMessageBox::Question,
                                tr("Sign In to %1").arg(account.displayName()),
                                tr("%1 (%2) signs in through the provider's page in your web "
                                   "browser.")
                                                .arg(account.displayName(), account.address())
                                        + QLatin1Char('\n') + detail,
                                QMessageBox::NoButton, m_window.get());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("signInPrompt"));
    QPushButton *signIn = box->addButton(tr("Sign In in the Browser"), QMessageBox::AcceptRole);
    box->addButton(tr("Not Now"), QMessageBox::RejectRole);
    box->setDefaultButton(signIn);
    QPointer<RunningAccount> target = session;
    connect(box, &QDialog::finished, this, [target, box, signIn](int) {
        if (!target)
            return;
        if (box->clickedButton() == signIn)
            target->service()->signIn();
        else
            target->service()->answerPassword(QString());
    });
    // Answered elsewhere meanwhile (a sign-in saved in the account dialog): nothing left to ask.
    connect(session->service(), &AccountService::stateChanged, box,
            [box](AccountService::State state) {
                if (state == AccountService::State::Online)
                    box->done(QDialog::Rejected);
            });
    box->open();
}

void AppController::askTrashFolder(RunningAccount *session, const QStringList &candidates)
{
    const Account account = session->account();
    const QString none = tr("None: delete messages for good");
    auto *dialog = new QInputDialog(m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("trashFolderPrompt"));
    dialog->setWindowTitle(tr("Trash folder for %1").arg(account.displayName()));
    dialog->setLabelText(tr("The server of %1 names no folder as Trash. Which folder should "
                            "deleted messages go to? Heron asks only once.")
                                 .arg(account.displayName()));
    dialog->setComboBoxItems(QStringList(candidates) << none);
    dialog->setComboBoxEditable(false);
    QPointer<RunningAccount> target = session;
    connect(dialog, &QDialog::finished, this, [target, dialog, none](int result) {
        if (!target)
            return;
        const QString chosen = dialog->textValue();
        // Closing the question keeps the messages: nothing is deleted, and the next deletion
        // asks again.
        if (result != QDialog::Accepted) {
            target->service()->cancelTrashQuestion();
            return;
        }
        target->service()->answerTrashFolder(chosen == none ? QString() : chosen);
    });
    dialog->open();
}

void AppController::askExpungeAll(RunningAccount *session, qint64 folderId, int count, int others)
{
    AccountService *service = session->service();
    const QString folder = service->folderName(folderId);
    auto *dialog = new QMessageBox(m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("expungeAllPrompt"));
    dialog->setIcon(QMessageBox::Question);
    dialog->setWindowTitle(tr("Deleted Messages in %1").arg(folder));
    dialog->setText(tr("%n other message(s) in %1 of %2 are marked as deleted, by another program "
                       "or device.",
                       "", others)
                            .arg(folder, session->account().displayName()));
    dialog->setInformativeText(
            tr("This server can only remove the %n message(s) you deleted together with all "
               "other messages marked as deleted in the folder. Until then they stay in the "
               "folder, marked as deleted.",
               "", count));
    QPushButton *all = dialog->addButton(tr("Remove All Marked Messages"),
                                         QMessageBox::DestructiveRole);
    all->setObjectName(QStringLiteral("expungeAll"));
    QPushButton *mark = dialog->addButton(tr("Only Mark as Deleted"), QMessageBox::RejectRole);
    mark->setObjectName(QStringLiteral("onlyMark"));
    dialog->setDefaultButton(mark);
    dialog->setEscapeButton(mark);
    QPointer<RunningAccount> target = session;
    // Closed any way but by "Remove All", the messages stay marked: nothing more is lost.
    connect(dialog, &QDialog::finished, this, [target, dialog, all] {
        if (target)
            target->service()->answerExpungeAll(dialog->clickedButton() == all);
    });
    // The connection went meanwhile: the messages stay marked, and the question is moot.
    connect(service, &AccountService::expungeQuestionWithdrawn, dialog, &QDialog::reject);
    dialog->open();
}
