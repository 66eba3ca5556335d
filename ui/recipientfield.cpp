#include "recipientfield.h"

#include "addresslineedit.h"
#include "addresslist.h"
#include "flowlayout.h"
#include "recipientchip.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QCompleter>
#include <QKeyEvent>

namespace {

// Where text ends inside a quoted name or an angle-bracketed address, a comma belongs to it.
bool endsInsideQuotesOrBrackets(const QString &text)
{
    bool inQuotes = false;
    bool inAngle = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes && c == QLatin1Char('\\')) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('"') && !inAngle)
            inQuotes = !inQuotes;
        else if (c == QLatin1Char('<') && !inQuotes)
            inAngle = true;
        else if (c == QLatin1Char('>') && !inQuotes)
            inAngle = false;
    }
    return inQuotes || inAngle;
}

// The position of the last comma or semicolon outside quotes and angle brackets, or -1.
qsizetype lastSeparator(const QString &text)
{
    qsizetype last = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if ((c == QLatin1Char(',') || c == QLatin1Char(';'))
            && !endsInsideQuotesOrBrackets(text.left(i)))
            last = i;
    }
    return last;
}

} // namespace

RecipientField::RecipientField(QWidget *parent)
    : QFrame(parent)
    , m_flow(new FlowLayout(this, 3))
    , m_editor(new AddressLineEdit)
{
    // Looks like a line edit that holds items.
    setFrameShape(QFrame::StyledPanel);
    setFrameShadow(QFrame::Sunken);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setCursor(Qt::IBeamCursor);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setFocusProxy(m_editor);
    setFocusPolicy(Qt::StrongFocus);

    m_editor->setFrame(false);
    m_editor->setMinimumWidth(m_editor->fontMetrics().averageCharWidth() * 14);
    m_editor->installEventFilter(this);
    m_flow->setContentsMargins(2, 2, 2, 2);
    m_flow->insertWidget(-1, m_editor);

    connect(m_editor, &QLineEdit::textEdited, this, &RecipientField::takeSeparatedTokens);
    connect(m_editor, &QLineEdit::textChanged, this, &RecipientField::textChanged);
    // After the editor has put the chosen completion in: it becomes an item.
    connect(m_editor->completer(), qOverload<const QString &>(&QCompleter::activated), this,
            &RecipientField::commit);
}

void RecipientField::setText(const QString &text)
{
    qDeleteAll(m_chips);
    m_chips.clear();
    m_editor->clear();
    addChips(AddressList::parse(text));
    updateValidity();
    Q_EMIT textChanged();
}

QString RecipientField::text() const
{
    return AddressList::format(addresses());
}

QList<MailAddress> RecipientField::addresses() const
{
    QList<MailAddress> all;
    for (const RecipientChip *chip : m_chips)
        all.append(chip->address());
    all.append(AddressList::parse(m_editor->text()));
    return all;
}

void RecipientField::clear()
{
    setText({});
}

void RecipientField::setAddressModel(QAbstractItemModel *model)
{
    m_editor->setAddressModel(model);
}

QCompleter *RecipientField::completer() const
{
    return m_editor->completer();
}

void RecipientField::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    updatePlaceholder();
}

void RecipientField::updatePlaceholder()
{
    m_editor->setPlaceholderText(m_chips.isEmpty() ? m_placeholder : QString());
}

QString RecipientField::currentToken() const
{
    return m_editor->currentToken();
}

void RecipientField::addChips(const QList<MailAddress> &addresses)
{
    for (const MailAddress &address : addresses) {
        auto *chip = new RecipientChip(address, this);
        connect(chip, &RecipientChip::removeRequested, this, [this, chip] {
            const int index = int(m_chips.indexOf(chip));
            const bool hadFocus = chip->hasFocus();
            removeAt(index);
            if (!hadFocus)
                return;
            if (index < m_chips.size())
                m_chips.at(index)->setFocus(Qt::OtherFocusReason);
            else
                m_editor->setFocus(Qt::OtherFocusReason);
        });
        connect(chip, &RecipientChip::editRequested, this, [this, chip] { edit(chip); });
        connect(chip, &RecipientChip::moveRequested, this,
                [this, chip](int step) { move(chip, step); });
        m_flow->insertWidget(int(m_chips.size()), chip);
        m_chips.append(chip);
        chip->show();
    }
    updatePlaceholder();
}

void RecipientField::removeAt(int index)
{
    if (index < 0 || index >= m_chips.size())
        return;
    RecipientChip *chip = m_chips.takeAt(index);
    chip->hide();
    chip->deleteLater();
    m_flow->removeWidget(chip);
    updatePlaceholder();
    updateValidity();
    Q_EMIT textChanged();
}

void RecipientField::commit()
{
    const QList<MailAddress> typed = AddressList::parse(m_editor->text());
    m_editor->completer()->popup()->hide();
    if (typed.isEmpty() && m_editor->text().isEmpty())
        return;
    {
        const QSignalBlocker quiet(m_editor);
        m_editor->clear();
    }
    addChips(typed);
    updateValidity();
    Q_EMIT textChanged();
}

void RecipientField::takeSeparatedTokens()
{
    const QString typed = m_editor->text();
    const qsizetype separator = lastSeparator(typed);
    if (separator < 0)
        return;
    const QList<MailAddress> complete = AddressList::parse(typed.left(separator));
    const QString rest = typed.mid(separator + 1).trimmed();
    {
        const QSignalBlocker quiet(m_editor);
        m_editor->setText(rest);
    }
    addChips(complete);
    updateValidity();
    Q_EMIT textChanged();
}

void RecipientField::edit(RecipientChip *chip)
{
    const QString text = chip->text();
    commit();
    removeAt(int(m_chips.indexOf(chip)));
    m_editor->setText(text);
    m_editor->setFocus(Qt::OtherFocusReason);
}

void RecipientField::move(RecipientChip *chip, int step)
{
    const qsizetype index = m_chips.indexOf(chip) + step;
    if (index < 0)
        return;
    if (index >= m_chips.size())
        m_editor->setFocus(Qt::OtherFocusReason);
    else
        m_chips.at(index)->setFocus(Qt::OtherFocusReason);
}

QStringList RecipientField::invalidAddresses() const
{
    QStringList invalid;
    for (const RecipientChip *chip : m_chips)
        if (!chip->isValid())
            invalid.append(chip->address().address.isEmpty() ? chip->address().name
                                                             : chip->address().address);
    return invalid;
}

void RecipientField::updateValidity()
{
    const QStringList invalid = invalidAddresses();
    setProperty("invalid", !invalid.isEmpty());
    setToolTip(invalid.isEmpty()
                       ? QString()
                       : tr("Not valid addresses: %1").arg(invalid.join(QStringLiteral(", "))));
}

bool RecipientField::handleEditorKey(QKeyEvent *event)
{
    if (m_editor->completer()->popup()->isVisible()) {
        // The popup chooses with these; a separator still ends the address as typed.
        if (event->key() != Qt::Key_Comma && event->key() != Qt::Key_Semicolon)
            return false;
    }
    const QString typed = m_editor->text();
    if (event->matches(QKeySequence::Paste)) {
        QString pasted = QApplication::clipboard()->text();
        if (!pasted.contains(QLatin1Char(',')) && !pasted.contains(QLatin1Char(';'))
            && !pasted.contains(QLatin1Char('\n')))
            return false;
        pasted.replace(QLatin1Char('\n'), QLatin1Char(','));
        m_editor->insert(pasted);
        commit();
        return true;
    }
    switch (event->key()) {
    case Qt::Key_Comma:
    case Qt::Key_Semicolon:
        if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier))
            return false;
        if (endsInsideQuotesOrBrackets(typed.left(m_editor->cursorPosition())))
            return false;
        commit();
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (event->modifiers() & Qt::ControlModifier)
            return false; // sends
        if (typed.trimmed().isEmpty())
            return false;
        commit();
        return true;
    case Qt::Key_Backspace:
        if (!typed.isEmpty() || m_chips.isEmpty())
            return false;
        removeAt(int(m_chips.size()) - 1);
        return true;
    case Qt::Key_Left:
        if (!typed.isEmpty() || m_chips.isEmpty() || event->modifiers() != Qt::NoModifier)
            return false;
        m_chips.last()->setFocus(Qt::OtherFocusReason);
        return true;
    default:
        return false;
    }
}

bool RecipientField::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor) {
        if (event->type() == QEvent::KeyPress && handleEditorKey(static_cast<QKeyEvent *>(event)))
            return true;
        if (event->type() == QEvent::FocusOut) {
            // Not while the completion list is open over the line, nor when another window
            // is activated or this one closes (what is typed still counts as a recipient).
            const Qt::FocusReason reason = static_cast<QFocusEvent *>(event)->reason();
            if (reason != Qt::PopupFocusReason && reason != Qt::ActiveWindowFocusReason
                && isVisible())
                commit();
        }
    }
    return QFrame::eventFilter(watched, event);
}

void RecipientField::keyPressEvent(QKeyEvent *event)
{
    // Keys sent to the field itself, or passed on by an item, are typed into the line.
    if (m_forwarding) {
        event->ignore();
        return;
    }
    if (!event->text().isEmpty() && !m_editor->hasFocus() && event->key() != Qt::Key_Tab
        && event->key() != Qt::Key_Backtab && event->key() != Qt::Key_Escape)
        m_editor->setFocus(Qt::OtherFocusReason);
    m_forwarding = true;
    QCoreApplication::sendEvent(m_editor, event);
    m_forwarding = false;
    event->accept();
}

void RecipientField::mousePressEvent(QMouseEvent *event)
{
    m_editor->setFocus(Qt::MouseFocusReason);
    m_editor->setCursorPosition(int(m_editor->text().size()));
    QFrame::mousePressEvent(event);
}
