#include "sentfilingeditor.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

SentFilingEditor::SentFilingEditor(QWidget *parent)
    : QWidget(parent)
    , m_serverFiles(new QCheckBox(tr("The server files sent messages itself")))
    , m_note(new QLabel)
    , m_reset(new QPushButton(tr("Find Out Again")))
{
    m_serverFiles->setObjectName(QStringLiteral("serverFilesSent"));
    m_note->setObjectName(QStringLiteral("sentFilingNote"));
    m_reset->setObjectName(QStringLiteral("sentFilingReset"));
    m_note->setWordWrap(true);
    m_reset->setToolTip(tr("Forget the answer: the next message sent shows whether the server "
                           "files it in Sent"));
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_serverFiles, 1);
    row->addWidget(m_reset);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_note);
    connect(m_serverFiles, &QCheckBox::toggled, this, [this](bool checked) {
        m_filing = checked ? Account::SentFiling::Server : Account::SentFiling::Client;
        update();
    });
    connect(m_reset, &QPushButton::clicked, this,
            [this] { setFiling(Account::SentFiling::Unknown); });
    update();
}

void SentFilingEditor::setFiling(Account::SentFiling filing)
{
    m_filing = filing;
    const QSignalBlocker blocker(m_serverFiles);
    m_serverFiles->setChecked(filing == Account::SentFiling::Server);
    update();
}

void SentFilingEditor::update()
{
    switch (m_filing) {
    case Account::SentFiling::Unknown:
        m_note->setText(tr("Not known yet: the next message sent shows it. Until then Heron "
                           "files a copy in Sent only when the server did not."));
        break;
    case Account::SentFiling::Server:
        m_note->setText(tr("Heron files no copy of its own."));
        break;
    case Account::SentFiling::Client:
        m_note->setText(tr("Heron files a copy of each message sent in Sent."));
        break;
    }
    m_reset->setEnabled(m_filing != Account::SentFiling::Unknown);
}
