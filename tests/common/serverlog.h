#pragma once

#include <QByteArray>
#include <QString>

// A server's log file read from a point on: a test notes the size, acts, then reads what the
// server wrote about it.
namespace ServerLog {

qint64 size(const QString &path);
// What path got after offset; empty when it cannot be read.
QByteArray since(const QString &path, qint64 offset);

} // namespace ServerLog
