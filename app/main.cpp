#include "appcontroller.h"
#include "composerequest.h"
#include "icons.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>

namespace {

void installTranslators(QApplication &app)
{
    const QLocale locale;
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *heron = new QTranslator(&app);
    if (heron->load(locale, QStringLiteral("heron"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(heron);
}

void printError(const QString &message)
{
    std::fprintf(stderr, "heron: %s\n", qPrintable(message));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Heron"));
    QCoreApplication::setApplicationName(QStringLiteral("heron"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HERON_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Heron"));
    QGuiApplication::setDesktopFileName(QStringLiteral("heron"));
    QApplication::setWindowIcon(Icons::icon(QStringLiteral("heron")));
    installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "A desktop mail client."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption compose(
            QStringLiteral("compose"),
            QCoreApplication::translate(
                    "main",
                    "Open the composer with the given fields, e.g. "
                    "\"to='a@b.example',subject='Hi',body='Text',attachment='file:///path'\"."),
            QCoreApplication::translate("main", "fields"));
    parser.addOption(compose);
    parser.addPositionalArgument(
            QStringLiteral("url"),
            QCoreApplication::translate("main", "A mailto: link to compose a message to."),
            QStringLiteral("[mailto:...]"));
    parser.process(app);

    QList<ComposeRequest> requests;
    if (parser.isSet(compose)) {
        const std::optional<ComposeRequest> request = ComposeRequest::fromComposeArgument(
                parser.value(compose));
        if (!request) {
            printError(QCoreApplication::translate("main", "cannot read the --compose fields: %1")
                               .arg(parser.value(compose)));
            return 2;
        }
        requests.append(*request);
    }
    for (const QString &argument : parser.positionalArguments()) {
        const std::optional<ComposeRequest> request = ComposeRequest::fromMailto(argument);
        if (!request) {
            printError(QCoreApplication::translate("main", "not a mailto: link: %1").arg(argument));
            return 2;
        }
        requests.append(*request);
    }

    AppController controller;
    controller.mainWindow()->show();
    for (const ComposeRequest &request : std::as_const(requests))
        controller.openComposer(request);
    return app.exec();
}
