#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

// What the heron-bench subcommands share: their `--name value` options and the process's
// memory figures.
namespace Bench {

// `--name value` pairs, keyed by name without the dashes.
QHash<QString, QString> parseOptions(const QStringList &args);

// A field of /proc/self/status in kB ("VmRSS", "VmHWM"), -1 when unreadable.
qint64 statusKb(const QByteArray &key);

} // namespace Bench
