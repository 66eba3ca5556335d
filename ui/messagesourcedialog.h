#pragma once

#include <QByteArray>
#include <QDialog>

class QPlainTextEdit;
class QTabWidget;

// A message as it was sent: every header field (unfolded lines kept as they are) on one page,
// the whole source on the other, in a fixed-width font. Read only.
class MessageSourceDialog : public QDialog
{
    Q_OBJECT
public:
    explicit MessageSourceDialog(const QByteArray &message, QWidget *parent = nullptr);

    QString headersText() const;
    QString sourceText() const;
    QTabWidget *tabs() const { return m_tabs; }

    // The header section of a message: everything before the first empty line.
    static QByteArray headerBlock(const QByteArray &message);

private:
    QTabWidget *m_tabs;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_source;
};
