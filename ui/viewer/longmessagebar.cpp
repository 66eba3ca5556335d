#include "longmessagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

LongMessageBar::LongMessageBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_showAll(new QPushButton(tr("Show all"), this))
{
    setFrameShape(QFrame::StyledPanel);
    m_label->setWordWrap(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_showAll);
    connect(m_showAll, &QPushButton::clicked, this, [this] {
        if (m_heldBack)
            Q_EMIT saveMessageRequested();
        else
            Q_EMIT showAllRequested();
    });
    setVisible(false);
}

void LongMessageBar::setCut(qsizetype shownCharacters, qsizetype totalCharacters)
{
    m_heldBack = false;
    m_showAll->setText(tr("Show all"));
    const QLocale locale;
    m_label->setText(tr("This message is long: the first %1 of %2 are shown.")
                             .arg(locale.formattedDataSize(shownCharacters, 0),
                                  locale.formattedDataSize(totalCharacters, 0)));
    setVisible(shownCharacters < totalCharacters);
}

void LongMessageBar::setHeldBack(qint64 shownBytes, qint64 wholeBytes)
{
    m_heldBack = true;
    m_showAll->setText(tr("Save Message…"));
    const QLocale locale;
    m_label->setText(tr("This message is longer than shown: only the first %1 of its %2 of text "
                        "are shown. Save the message to read all of it.")
                             .arg(locale.formattedDataSize(shownBytes, 0),
                                  locale.formattedDataSize(wholeBytes, 0)));
    setVisible(true);
}

QString LongMessageBar::text() const
{
    return m_label->text();
}
