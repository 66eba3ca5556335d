#pragma once

#include <QByteArray>
#include <QMainWindow>

#include <functional>

class MessagePresenter;
class MessageViewer;
class QAction;

// One message in a window of its own (opened from the list with Enter or a double click, or
// from an .eml file), with Save As, Print, Export as PDF and View Source. The message's bytes,
// which saving and the source need, come from setRawMessage() or are asked of the raw source
// when needed.
class MessageWindow : public QMainWindow
{
    Q_OBJECT
public:
    // Calls deliver with the whole message once it has it (maybe later).
    using RawSource
            = std::function<void(QObject *context, std::function<void(const QByteArray &)> deliver)>;

    explicit MessageWindow(QWidget *parent = nullptr);

    MessageViewer *viewer() const { return m_viewer; }
    MessagePresenter *presenter() const { return m_presenter; }

    // Shows a message given whole (from a file); its bytes serve Save As and View Source.
    void setRawMessage(const QByteArray &message);
    // Where the bytes come from for a message shown through the presenter.
    void setRawSource(RawSource source) { m_rawSource = std::move(source); }

    QAction *saveAction() const { return m_save; }
    QAction *printAction() const { return m_print; }
    QAction *exportPdfAction() const { return m_exportPdf; }
    QAction *viewSourceAction() const { return m_viewSource; }

Q_SIGNALS:
    // An error of Save As, Print or Export to report.
    void errorOccurred(const QString &message);

private:
    void withRaw(std::function<void(const QByteArray &)> use);
    void report(const QString &error);

    MessageViewer *m_viewer;
    MessagePresenter *m_presenter;
    QByteArray m_raw;
    RawSource m_rawSource;
    QAction *m_save;
    QAction *m_print;
    QAction *m_exportPdf;
    QAction *m_viewSource;
};
