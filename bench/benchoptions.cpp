#include "benchoptions.h"

#include <QFile>

namespace Bench {

QHash<QString, QString> parseOptions(const QStringList &args)
{
    QHash<QString, QString> options;
    for (qsizetype i = 0; i + 1 < args.size(); i += 2) {
        if (args.at(i).startsWith(QLatin1String("--")))
            options.insert(args.at(i).mid(2), args.at(i + 1));
    }
    return options;
}

qint64 statusKb(const QByteArray &key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith(key + ':'))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace Bench
