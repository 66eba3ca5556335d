#include "statusarea.h"
#include "colourscheme.h"

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

StatusArea::Indicator &StatusArea::indicator(const QString &accountId)
{
    Indicator &indicator = m_indicators[accountId];
    if (!indicator.label) {
        indicator.label = new QLabel(this);
        indicator.label->setObjectName(QStringLiteral("connection-") + accountId);
        m_layout->addWidget(indicator.label);
    }
    return indicator;
}

void StatusArea::setConnectionState(const QString &accountId, const QString &accountName,
                                    ConnectionState state, const QString &detail)
{
    Indicator &i = indicator(accountId);
    i.accountName = accountName;
    i.connection = state;
    i.connectionDetail = detail;
    render(i);
}

void StatusArea::setSendingState(const QString &accountId, SendingState state, const QString &host,
                                 const QString &error)
{
    Indicator &i = indicator(accountId);
    i.sending = state;
    i.sendingHost = host;
    i.sendingError = error;
    render(i);
}

void StatusArea::render(const Indicator &i)
{
    const bool cannotSend = i.sending == SendingState::Unreachable;
    const bool hasError = i.connection == ConnectionState::Error || cannotSend;
    // A coloured dot keeps the state readable at a glance; the words say it for everyone.
    const QPalette &palette = i.label->palette();
    QColor colour = ColourScheme::muted(palette);
    if (hasError)
        colour = ColourScheme::error(palette);
    else if (i.connection == ConnectionState::Online)
        colour = ColourScheme::success(palette);
    else if (i.connection == ConnectionState::Connecting)
        colour = ColourScheme::warning(palette);
    QString state = stateText(i.connection);
    if (cannotSend)
        state = tr("%1, cannot send").arg(state);
    i.label->setText(
            QStringLiteral("<span style=\"color:%1\">●</span> %2: %3")
                    .arg(colour.name(), i.accountName.toHtmlEscaped(), state.toHtmlEscaped()));

    QString mail = tr("Mail: %1").arg(stateText(i.connection));
    // Online, the detail only says "connected" again.
    if (!i.connectionDetail.isEmpty() && i.connection != ConnectionState::Online)
        mail = tr("%1 (%2)").arg(mail, i.connectionDetail);
    QString sending;
    switch (i.sending) {
    case SendingState::Unknown:
        sending = tr("Sending: not tried yet");
        break;
    case SendingState::Reachable:
        sending = tr("Sending: %1 reachable").arg(i.sendingHost);
        break;
    case SendingState::Unreachable:
        sending = i.sendingError.isEmpty()
                          ? tr("Sending: cannot reach %1").arg(i.sendingHost)
                          : tr("Sending: cannot reach %1 (%2)").arg(i.sendingHost, i.sendingError);
        break;
    }
    i.label->setToolTip(mail + QLatin1Char('\n') + sending);
    i.label->setProperty("connectionState", QVariant::fromValue(i.connection));
    i.label->setProperty("sendingState", QVariant::fromValue(i.sending));
    i.label->setProperty("hasError", hasError);
}

void StatusArea::removeAccount(const QString &accountId)
{
    delete m_indicators.take(accountId).label;
}

QLabel *StatusArea::connectionLabel(const QString &accountId) const
{
    return m_indicators.value(accountId).label;
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
