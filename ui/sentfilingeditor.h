#pragma once

#include "accounts/account.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;

// The account dialog's line on the copies of sent messages: whether the submission server files
// them in Sent itself (found out with the first message sent, or set here), what Heron does
// about it, and a button that forgets the answer so that the next message sent finds out again.
class SentFilingEditor : public QWidget
{
    Q_OBJECT
public:
    explicit SentFilingEditor(QWidget *parent = nullptr);

    void setFiling(Account::SentFiling filing);
    Account::SentFiling filing() const { return m_filing; }

    QCheckBox *serverFilesBox() const { return m_serverFiles; }
    QLabel *noteLabel() const { return m_note; }
    QPushButton *resetButton() const { return m_reset; }

private:
    void update();

    Account::SentFiling m_filing = Account::SentFiling::Unknown;
    QCheckBox *m_serverFiles;
    QLabel *m_note;
    QPushButton *m_reset;
};
