// heron-bench: one subcommand per area, each printing "name value" lines.
#include "appbench.h"
#include "hostilebench.h"
#include "imapbench.h"
#include "peoplebench.h"
#include "readbench.h"
#include "smtpbench.h"
#include "storebench.h"

#include <QCoreApplication>
#include <QTextStream>

#include <functional>
#include <map>

int main(int argc, char *argv[])
{
    // "read" shows messages in widgets and makes its own QApplication.
    if (argc > 1 && qstrcmp(argv[1], "read") == 0)
        return runReadBench(argc, argv);
    // "app" times the main window; it and its child ("app-window") make their own application.
    if (argc > 1 && qstrcmp(argv[1], "app") == 0)
        return runAppBench(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], "app-window") == 0)
        return runAppWindowBench(argc, argv);
    QCoreApplication app(argc, argv);
    const std::map<QString, std::function<int(const QStringList &)>> commands = {
            {QStringLiteral("app"), nullptr},
            {QStringLiteral("imap"), runImapBench},
            {QStringLiteral("people"), runPeopleBench},
            {QStringLiteral("hostile"), runHostileBench},
            {QStringLiteral("read"), nullptr},
            {QStringLiteral("smtp"), runSmtpBench},
            {QStringLiteral("store"), runStoreBench},
    };
    QStringList args = app.arguments().mid(1);
    const QString name = args.isEmpty() ? QString() : args.takeFirst();
    // Hidden: the child process that "imap" starts to time reopening its cache.
    if (name == QLatin1String("imap-reopen"))
        return runImapReopen(args);
    const auto it = commands.find(name);
    if (it == commands.end()) {
        QTextStream err(stderr);
        err << "usage: heron-bench <command> [options]\ncommands:";
        for (const auto &c : commands)
            err << ' ' << c.first;
        err << '\n';
        return 2;
    }
    return it->second(args);
}
