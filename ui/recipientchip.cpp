#include "recipientchip.h"

#include "addresslist.h"
#include "colourscheme.h"
#include "icons.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

RecipientChip::RecipientChip(const MailAddress &address, QWidget *parent)
    : QFrame(parent)
    , m_address(address)
    , m_valid(AddressList::isPlausibleAddress(address.address))
    , m_icon(new QLabel)
    , m_label(new QLabel)
    , m_remove(new QToolButton)
{
    setObjectName(QStringLiteral("recipient"));
    setFocusPolicy(Qt::ClickFocus);
    setAutoFillBackground(true);
    // The field paints as a text box (Base); an item as a button, and its label with it.
    setBackgroundRole(QPalette::Button);
    setForegroundRole(QPalette::ButtonText);
    setFrameShape(QFrame::StyledPanel);
    setProperty("invalid", !m_valid);

    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(Icons::icon(QStringLiteral("dialog-warning")).pixmap(iconSize));
    m_icon->setVisible(!m_valid);
    const QString shown = address.name.isEmpty() ? address.address : address.name;
    m_label->setText(shown.isEmpty() ? text() : shown);
    m_label->setTextFormat(Qt::PlainText);
    m_remove->setObjectName(QStringLiteral("removeRecipient"));
    m_remove->setIcon(Icons::icon(QStringLiteral("remove")));
    m_remove->setIconSize(QSize(iconSize * 3 / 4, iconSize * 3 / 4));
    m_remove->setAutoRaise(true);
    m_remove->setFocusPolicy(Qt::NoFocus); // Delete on the focused item does the same
    m_remove->setToolTip(tr("Remove %1").arg(text()));
    m_remove->setCursor(Qt::ArrowCursor);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_icon);
    layout->addWidget(m_label);
    layout->addWidget(m_remove);

    const QString tip = m_valid ? text()
                                : tr("“%1” is not a valid address. Double-click to correct it.")
                                          .arg(address.address.isEmpty() ? text() : address.address);
    setToolTip(tip);
    setAccessibleName(m_valid ? text() : tr("%1 (not a valid address)").arg(text()));
    setAccessibleDescription(tr("Delete removes it, Enter edits it"));

    connect(m_remove, &QToolButton::clicked, this, &RecipientChip::removeRequested);
    updateLook();
}

QString RecipientChip::text() const
{
    return AddressList::format(m_address);
}

void RecipientChip::updateLook()
{
    QPalette look = parentWidget() ? parentWidget()->palette() : QPalette();
    const bool focused = hasFocus();
    QColor background = focused ? look.color(QPalette::Highlight) : look.color(QPalette::Button);
    QColor foreground = focused ? look.color(QPalette::HighlightedText)
                                : look.color(QPalette::ButtonText);
    if (!m_valid && !focused)
        foreground = ColourScheme::error(look);
    look.setColor(QPalette::Button, background);
    look.setColor(QPalette::ButtonText, foreground);
    if (!m_valid)
        look.setColor(QPalette::Mid, ColourScheme::error(look));
    setPalette(look);
    QFont font = m_label->font();
    font.setUnderline(!m_valid); // besides the colour and the icon, for any palette
    m_label->setFont(font);
}

void RecipientChip::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        Q_EMIT removeRequested();
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_F2:
        Q_EMIT editRequested();
        return;
    case Qt::Key_Left:
        Q_EMIT moveRequested(-1);
        return;
    case Qt::Key_Right:
        Q_EMIT moveRequested(1);
        return;
    default:
        QFrame::keyPressEvent(event);
    }
}

void RecipientChip::mouseDoubleClickEvent(QMouseEvent *event)
{
    Q_EMIT editRequested();
    event->accept();
}

void RecipientChip::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    event->accept();
}

void RecipientChip::focusInEvent(QFocusEvent *event)
{
    QFrame::focusInEvent(event);
    updateLook();
}

void RecipientChip::focusOutEvent(QFocusEvent *event)
{
    QFrame::focusOutEvent(event);
    updateLook();
}

void RecipientChip::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::ParentChange)
        updateLook();
}
