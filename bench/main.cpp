// heron-bench: one subcommand per area, each printing "name value" lines.
#include "smtpbench.h"
#include "storebench.h"

#include <QCoreApplication>
#include <QTextStream>

#include <functional>
#include <map>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const std::map<QString, std::function<int(const QStringList &)>> commands = {
            {QStringLiteral("smtp"), runSmtpBench},
            {QStringLiteral("store"), runStoreBench},
    };
    QStringList args = app.arguments().mid(1);
    const QString name = args.isEmpty() ? QString() : args.takeFirst();
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
