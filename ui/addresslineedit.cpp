#include "addresslineedit.h"

#include "models/addresscompletionmodel.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>

AddressLineEdit::AddressLineEdit(QWidget *parent)
    : QLineEdit(parent)
    , m_completer(new QCompleter(this))
{
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains); // "ann" finds "Ann Example <ann@...>"
    connect(this, &QLineEdit::textEdited, this, &AddressLineEdit::updateCompletion);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &AddressLineEdit::insertCompletion);
}

void AddressLineEdit::setAddressModel(QAbstractItemModel *model)
{
    m_completer->setModel(model);
    // The address book ranks and filters by itself; any other list is filtered here.
    m_completer->setCompletionMode(qobject_cast<AddressCompletionModel *>(model)
                                           ? QCompleter::UnfilteredPopupCompletion
                                           : QCompleter::PopupCompletion);
}

qsizetype AddressLineEdit::tokenStart() const
{
    const QString before = text().left(cursorPosition());
    bool inQuotes = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i < before.size(); ++i) {
        const QChar c = before.at(i);
        if (c == QLatin1Char('"'))
            inQuotes = !inQuotes;
        else if (!inQuotes && (c == QLatin1Char(',') || c == QLatin1Char(';')))
            start = i + 1;
    }
    return start;
}

QString AddressLineEdit::currentToken() const
{
    const qsizetype start = tokenStart();
    return text().mid(start, cursorPosition() - start).trimmed();
}

void AddressLineEdit::updateCompletion()
{
    const QString token = currentToken();
    if (!m_completer->model() || token.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    if (auto *book = qobject_cast<AddressCompletionModel *>(m_completer->model())) {
        book->setQuery(token);
        if (book->rowCount() == 0) {
            m_completer->popup()->hide();
            return;
        }
        m_completer->complete();
        return;
    }
    m_completer->setCompletionPrefix(token);
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->complete();
}

void AddressLineEdit::insertCompletion(const QString &completion)
{
    const qsizetype start = tokenStart();
    const QString head = text().left(start);
    QString tail = text().mid(cursorPosition());
    // Drop the rest of the token being replaced, up to the next separator.
    const qsizetype next = tail.indexOf(QLatin1Char(','));
    tail = next < 0 ? QString() : tail.mid(next + 1).trimmed();
    QString newText = head;
    if (!head.isEmpty() && !head.endsWith(QLatin1Char(' ')))
        newText += QLatin1Char(' ');
    newText += completion + QStringLiteral(", ");
    const qsizetype cursor = newText.size();
    if (!tail.isEmpty())
        newText += tail;
    setText(newText);
    setCursorPosition(int(cursor));
}

void AddressLineEdit::keyPressEvent(QKeyEvent *event)
{
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            event->ignore(); // the completer's popup takes these
            return;
        default:
            break;
        }
    }
    QLineEdit::keyPressEvent(event);
}
