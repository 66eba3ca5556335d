#pragma once

#include <QByteArray>
#include <QDialog>
#include <QList>
#include <QSslCertificate>

class QLabel;
class QListWidget;
class QPushButton;

// Shows a server's certificate chain so the user can decide whether to trust it: subject,
// issuer, validity and SHA-256 fingerprint of each certificate, and whether the server's
// certificate differs from the one pinned before. Accepting means "pin this certificate".
class CertificateDialog : public QDialog
{
    Q_OBJECT
public:
    enum class PinState { NotPinned, Matches, Changed };

    CertificateDialog(const QString &host, const QList<QSslCertificate> &chain,
                      const QList<QByteArray> &pinnedFingerprints, const QString &reasons = {},
                      QWidget *parent = nullptr);

    // The fingerprint to pin on acceptance (the server's own certificate, first in the chain).
    QByteArray fingerprint() const;
    PinState pinState() const { return m_pinState; }

    static PinState pinStateOf(const QSslCertificate &certificate,
                               const QList<QByteArray> &pinnedFingerprints);
    // Human-readable details of one certificate, as rich text.
    static QString describe(const QSslCertificate &certificate);

    QLabel *statusLabel() const { return m_status; }
    QLabel *detailsLabel() const { return m_details; }
    QListWidget *chainList() const { return m_chainList; }
    QPushButton *trustButton() const { return m_trustButton; }

private:
    void showCertificate(int index);

    QList<QSslCertificate> m_chain;
    PinState m_pinState;
    QLabel *m_status;
    QListWidget *m_chainList;
    QLabel *m_details;
    QPushButton *m_trustButton;
};
