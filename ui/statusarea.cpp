#include "statusarea.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

StatusArea::StatusArea(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
    , m_progressLabel(new QLabel(this))
    , m_progressBar(new QProgressBar(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_progressBar->setMaximumWidth(160);
    m_progressBar->setMaximumHeight(m_progressLabel->sizeHint().height());
    m_progressBar->setTextVisible(false);
    m_layout->addWidget(m_progressLabel);
    m_layout->addWidget(m_progressBar);
    clearProgress();
}

QString StatusArea::stateText(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Offline:
        return tr("offline");
    case ConnectionState::Connecting:
        return tr("connecting…");
    case ConnectionState::Online:
        return tr("online");
    case ConnectionState::Error:
        return tr("error");
    }
    return {};
}

void StatusArea::setConnectionState(const QString &accountId, const QString &accountName,
                                    ConnectionState state, const QString &detail)
{
    QLabel *label = m_accountLabels.value(accountId);
    if (!label) {
        label = new QLabel(this);
        label->setObjectName(QStringLiteral("connection-") + accountId);
        m_layout->addWidget(label);
        m_accountLabels.insert(accountId, label);
    }
    // A coloured dot keeps the state readable at a glance; the word says it for everyone.
    const char *colour = "#9e9e9e";
    if (state == ConnectionState::Online)
        colour = "#2e7d32";
    else if (state == ConnectionState::Connecting)
        colour = "#f9a825";
    else if (state == ConnectionState::Error)
        colour = "#c62828";
    label->setText(
            QStringLiteral("<span style=\"color:%1\">●</span> %2: %3")
                    .arg(QLatin1String(colour), accountName.toHtmlEscaped(), stateText(state)));
    label->setToolTip(detail);
    label->setProperty("connectionState", QVariant::fromValue(state));
}

void StatusArea::removeAccount(const QString &accountId)
{
    delete m_accountLabels.take(accountId);
}

QLabel *StatusArea::connectionLabel(const QString &accountId) const
{
    return m_accountLabels.value(accountId);
}

void StatusArea::showProgress(const QString &text, int value, int maximum)
{
    m_progressLabel->setText(text);
    m_progressBar->setRange(0, maximum);
    m_progressBar->setValue(value);
    m_progressLabel->show();
    m_progressBar->show();
}

void StatusArea::clearProgress()
{
    m_progressLabel->clear();
    m_progressLabel->hide();
    m_progressBar->hide();
}
