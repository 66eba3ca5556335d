#include "appcontroller.h"
#include "colourscheme.h"
#include "composerequest.h"
#include "icons.h"
#include "mainwindow.h"
#include "screenshotrunner.h"
#include "singleinstance.h"
#include "translationloader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QUrl>

#include <cstdio>
#include <memory>

namespace {

void installTranslators(QCoreApplication &app)
{
    const QLocale locale;
    if (QTranslator *qt = TranslationLoader::loadQt(locale, &app))
        QCoreApplication::installTranslator(qt);
    if (QTranslator *heron = TranslationLoader::load(locale, QStringLiteral(":/i18n"), &app))
        QCoreApplication::installTranslator(heron);
}

void printError(const QString &message)
{
    std::fprintf(stderr, "heron: %s\n", qPrintable(message));
}

QCommandLineOption composeOption()
{
    return QCommandLineOption(
            QStringLiteral("compose"),
            QCoreApplication::translate(
                    "main",
                    "Open the composer with the given fields, e.g. "
                    "\"to='a@b.example',subject='Hi',body='Text',attachment='file:///path'\"."),
            QCoreApplication::translate("main", "fields"));
}

// Hidden: writes pictures of the main windows into a folder and quits (scripts/screenshots).
QCommandLineOption screenshotOption()
{
    QCommandLineOption option(QStringLiteral("screenshot-dir"),
                              QStringLiteral("Write screenshots into this folder, then quit."),
                              QStringLiteral("folder"));
    option.setFlags(QCommandLineOption::HiddenFromHelp);
    return option;
}

QCommandLineOption paletteOption()
{
    return QCommandLineOption(QStringLiteral("palette"),
                              QCoreApplication::translate("main",
                                                          "Colours of the windows: light, dark or "
                                                          "system (the default)."),
                              QCoreApplication::translate("main", "scheme"),
                              QStringLiteral("system"));
}

void setUpParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QCoreApplication::translate("main", "A desktop mail client."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(composeOption());
    parser.addOption(screenshotOption());
    parser.addOption(paletteOption());
    parser.addPositionalArgument(QStringLiteral("url"),
                                 QCoreApplication::translate("main",
                                                             "A mailto: link to compose a message "
                                                             "to, or an .eml file to show."),
                                 QStringLiteral("[mailto:...|FILE.eml]"));
}

// A message file to show: a file that exists, or a file: URL.
bool isMessageFile(const QString &argument)
{
    if (argument.startsWith(QLatin1String("mailto:"), Qt::CaseInsensitive))
        return false;
    const QUrl url(argument);
    const QString path = url.isLocalFile() ? url.toLocalFile() : argument;
    return QFileInfo(path).isFile();
}

// The message files a command line names, as absolute paths (another instance may get them).
QStringList messageFilesFrom(const QCommandLineParser &parser)
{
    QStringList files;
    for (const QString &argument : parser.positionalArguments()) {
        if (!isMessageFile(argument))
            continue;
        const QUrl url(argument);
        files << QFileInfo(url.isLocalFile() ? url.toLocalFile() : argument).absoluteFilePath();
    }
    return files;
}

// The composers a parsed command line asks for; nullopt (and `error` set) when it is malformed.
std::optional<QList<ComposeRequest>> requestsFrom(const QCommandLineParser &parser, QString *error)
{
    QList<ComposeRequest> requests;
    const QCommandLineOption compose = composeOption();
    if (parser.isSet(compose)) {
        const std::optional<ComposeRequest> request = ComposeRequest::fromComposeArgument(
                parser.value(compose));
        if (!request) {
            *error = QCoreApplication::translate("main", "cannot read the --compose fields: %1")
                             .arg(parser.value(compose));
            return std::nullopt;
        }
        requests.append(*request);
    }
    for (const QString &argument : parser.positionalArguments()) {
        if (isMessageFile(argument))
            continue;
        const std::optional<ComposeRequest> request = ComposeRequest::fromMailto(argument);
        if (!request) {
            *error = QCoreApplication::translate("main", "not a mailto: link: %1").arg(argument);
            return std::nullopt;
        }
        requests.append(*request);
    }
    return requests;
}

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Heron"));
    QCoreApplication::setApplicationName(QStringLiteral("heron"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HERON_VERSION));
}

// --help and --version print and quit; they need no display, so they are answered before a
// QApplication looks for one.
bool asksOnlyForText(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView argument(argv[i]);
        if (argument == "--")
            return false;
        if (argument == "-h" || argument == "--help" || argument == "-?" || argument == "--help-all"
            || argument == "-v" || argument == "--version")
            return true;
    }
    return false;
}

int printText(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    installTranslators(app);
    QCommandLineParser parser;
    setUpParser(parser);
    parser.process(app); // prints the help or the version and exits
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (asksOnlyForText(argc, argv))
        return printText(argc, argv);

    QApplication app(argc, argv);
    setApplicationNames();
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Heron"));
    QGuiApplication::setDesktopFileName(QStringLiteral("heron"));
    QApplication::setWindowIcon(Icons::icon(QStringLiteral("heron")));
    installTranslators(app);

    QCommandLineParser parser;
    setUpParser(parser);
    parser.process(app);
    const std::optional<ColourScheme::Scheme> scheme = ColourScheme::fromName(
            parser.value(paletteOption()));
    if (!scheme) {
        printError(QCoreApplication::translate("main", "--palette is light, dark or system, not %1")
                           .arg(parser.value(paletteOption())));
        return 2;
    }
    ColourScheme::apply(*scheme);
    QString error;
    const std::optional<QList<ComposeRequest>> requests = requestsFrom(parser, &error);
    if (!requests) {
        printError(error);
        return 2;
    }

    if (parser.isSet(screenshotOption())) {
        // A run of its own, whatever else is running: no single-instance hand-over.
        AppController controller;
        controller.mainWindow()->show();
        ScreenshotRunner runner(&controller, parser.value(screenshotOption()));
        runner.start();
        return app.exec();
    }

    // A running instance takes this command line (e.g. a mailto: link from a browser).
    SingleInstance instance;
    std::unique_ptr<AppController> controller;
    QObject::connect(&instance, &SingleInstance::forwarded, &app, [] { QCoreApplication::exit(0); });
    const QStringList files = messageFilesFrom(parser);
    QObject::connect(&instance, &SingleInstance::becamePrimary, &app,
                     [&controller, &requests, &files] {
                         controller = std::make_unique<AppController>();
                         controller->mainWindow()->show();
                         for (const ComposeRequest &request : *requests)
                             controller->openComposer(request);
                         for (const QString &file : files)
                             controller->openMessageFile(file);
                     });
    QObject::connect(&instance, &SingleInstance::argumentsReceived, &app,
                     [&controller](const QStringList &arguments) {
                         if (!controller)
                             return;
                         QCommandLineParser forwarded;
                         setUpParser(forwarded);
                         QString forwardedError;
                         std::optional<QList<ComposeRequest>> more;
                         if (forwarded.parse(QStringList {QCoreApplication::applicationFilePath()}
                                             + arguments))
                             more = requestsFrom(forwarded, &forwardedError);
                         MainWindow *window = controller->mainWindow();
                         window->show();
                         window->raise();
                         window->activateWindow();
                         if (more)
                             for (const ComposeRequest &request : *more)
                                 controller->openComposer(request);
                         for (const QString &file : messageFilesFrom(forwarded))
                             controller->openMessageFile(file);
                     });
    // Message files travel to a running instance as absolute paths.
    QStringList arguments = app.arguments().mid(1);
    for (QString &argument : arguments) {
        if (isMessageFile(argument) && !QUrl(argument).isLocalFile())
            argument = QFileInfo(argument).absoluteFilePath();
    }
    instance.start(arguments);
    return app.exec();
}
