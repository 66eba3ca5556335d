#include "messagesourcedialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

QPlainTextEdit *textView(const QByteArray &bytes, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Header fields and 7-bit bodies are ASCII; 8-bit bodies are most often UTF-8.
    QString text = QString::fromUtf8(bytes);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    view->setPlainText(text);
    return view;
}

} // namespace

QByteArray MessageSourceDialog::headerBlock(const QByteArray &message)
{
    qsizetype end = message.indexOf("\r\n\r\n");
    const qsizetype bare = message.indexOf("\n\n");
    if (end < 0 || (bare >= 0 && bare < end))
        end = bare;
    return end < 0 ? message : message.left(end);
}

MessageSourceDialog::MessageSourceDialog(const QByteArray &message, QWidget *parent)
    : QDialog(parent)
    , m_tabs(new QTabWidget(this))
    , m_headers(textView(headerBlock(message), this))
    , m_source(textView(message, this))
{
    setObjectName(QStringLiteral("messageSourceDialog"));
    setWindowTitle(tr("Message Source"));
    m_tabs->addTab(m_headers, tr("All &Headers"));
    m_tabs->addTab(m_source, tr("&Source"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);
    resize(820, 600);
}

QString MessageSourceDialog::headersText() const
{
    return m_headers->toPlainText();
}

QString MessageSourceDialog::sourceText() const
{
    return m_source->toPlainText();
}
