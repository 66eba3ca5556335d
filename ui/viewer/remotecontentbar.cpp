#include "remotecontentbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

RemoteContentBar::RemoteContentBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_load(new QPushButton(tr("Load for this message"), this))
    , m_always(new QPushButton(tr("Always for this sender"), this))
{
    setFrameShape(QFrame::StyledPanel);
    // The palette's colours for a note that stands out from the window: those of tool tips.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);

    m_label->setForegroundRole(QPalette::ToolTipText);
    m_label->setWordWrap(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_load);
    layout->addWidget(m_always);

    connect(m_load, &QPushButton::clicked, this, &RemoteContentBar::loadRequested);
    connect(m_always, &QPushButton::clicked, this, &RemoteContentBar::alwaysRequested);
    setVisible(false);
}

void RemoteContentBar::setBlocked(int count, const QStringList &trackers)
{
    m_count = count;
    m_trackers = trackers;
    QStringList parts;
    if (count > 0) {
        parts << (count == 1 ? tr("1 remote resource was blocked to protect your privacy.")
                             : tr("%n remote resources were blocked to protect your privacy.",
                                  nullptr, count));
    }
    if (!trackers.isEmpty()) {
        QStringList names;
        for (const QString &name : trackers) {
            if (!names.contains(name))
                names << name;
        }
        const QString list = QLocale().createSeparatedList(names);
        parts << (trackers.size() == 1
                          ? tr("1 tracker blocked: %1.").arg(list)
                          : tr("%n trackers blocked: %1.", nullptr, int(trackers.size())).arg(list));
    }
    m_label->setText(parts.join(u' '));
    m_load->setVisible(count > 0);
    m_always->setVisible(count > 0);
    setVisible(count > 0 || !trackers.isEmpty());
}

QString RemoteContentBar::text() const
{
    return m_label->text();
}
