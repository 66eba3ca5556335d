#include "settingsdialog.h"

#include "accounts/remotecontentpolicy.h"
#include "accounts/sendingpreferences.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

SettingsDialog::SettingsDialog(RemoteContentPolicy *policy, QWidget *parent)
    : SettingsDialog(policy, nullptr, parent)
{ }

SettingsDialog::SettingsDialog(RemoteContentPolicy *policy, SendingPreferences *sending,
                               QWidget *parent)
    : QDialog(parent)
    , m_policy(policy)
    , m_sending(sending)
    , m_tabs(new QTabWidget)
    , m_senders(new QListWidget)
    , m_newSender(new QLineEdit)
    , m_add(new QPushButton(tr("&Add")))
    , m_remove(new QPushButton(tr("&Remove")))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));

    auto *privacy = new QWidget;
    auto *explanation = new QLabel(
            tr("Messages from these senders show remote images without asking. Images that "
               "track you stay blocked for every sender."));
    explanation->setWordWrap(true);
    m_senders->setObjectName(QStringLiteral("allowedSenders"));
    m_senders->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_senders->addItems(policy->allowedSenders());
    m_newSender->setObjectName(QStringLiteral("newSender"));
    m_newSender->setPlaceholderText(tr("name@example.org"));
    m_add->setObjectName(QStringLiteral("addSender"));
    m_remove->setObjectName(QStringLiteral("removeSender"));
    auto *caption = new QLabel(tr("Always load remote content &from:"));
    caption->setBuddy(m_senders);

    auto *grid = new QGridLayout(privacy);
    grid->addWidget(explanation, 0, 0, 1, 2);
    grid->addWidget(caption, 1, 0, 1, 2);
    grid->addWidget(m_senders, 2, 0);
    grid->addWidget(m_remove, 2, 1, Qt::AlignTop);
    grid->addWidget(m_newSender, 3, 0);
    grid->addWidget(m_add, 3, 1);

    m_tabs->addTab(privacy, tr("&Privacy"));
    if (m_sending) {
        auto *sendingPage = new QWidget;
        sendingPage->setObjectName(QStringLiteral("sendingPage"));
        m_undoSend = new QSpinBox;
        m_undoSend->setObjectName(QStringLiteral("undoSendSeconds"));
        m_undoSend->setRange(0, SendingPreferences::maximumUndoSendSeconds);
        m_undoSend->setSuffix(tr(" s"));
        m_undoSend->setSpecialValueText(tr("Off (send at once)"));
        m_undoSend->setValue(m_sending->undoSendSeconds());
        auto *about = new QLabel(
                tr("After Send, a message waits this long in the Outbox; until then Edit → "
                   "Undo takes it back into the composer. 0 sends at once."));
        about->setWordWrap(true);
        auto *form = new QFormLayout(sendingPage);
        form->addRow(tr("&Undo send delay:"), m_undoSend);
        form->addRow(about);
        m_tabs->addTab(sendingPage, tr("&Sending"));
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &SettingsDialog::addSender);
    connect(m_newSender, &QLineEdit::returnPressed, this, &SettingsDialog::addSender);
    connect(m_newSender, &QLineEdit::textChanged, this, &SettingsDialog::updateButtons);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(m_senders->selectedItems());
        updateButtons();
    });
    connect(m_senders, &QListWidget::itemSelectionChanged, this, &SettingsDialog::updateButtons);
    updateButtons();
    resize(460, 360);
}

void SettingsDialog::addSender()
{
    const QString address = m_newSender->text().trimmed().toLower();
    if (!address.contains(QLatin1Char('@')))
        return;
    if (m_senders->findItems(address, Qt::MatchFixedString).isEmpty())
        m_senders->addItem(address);
    m_newSender->clear();
    updateButtons();
}

void SettingsDialog::updateButtons()
{
    m_remove->setEnabled(!m_senders->selectedItems().isEmpty());
    m_add->setEnabled(m_newSender->text().contains(QLatin1Char('@')));
}

void SettingsDialog::accept()
{
    QStringList senders;
    for (int row = 0; row < m_senders->count(); ++row)
        senders << m_senders->item(row)->text();
    m_policy->setAllowedSenders(senders);
    if (m_sending && m_undoSend)
        m_sending->setUndoSendSeconds(m_undoSend->value());
    QDialog::accept();
}
