#pragma once

#include <QByteArray>
#include <QString>

// One fetched body section of a message: its bytes kept in the database, or, for large parts,
// the path of a file that holds them.
struct BodyPartRecord
{
    QByteArray section; // IMAP section specifier, e.g. "1.2" or "TEXT"
    QByteArray data;
    QString filePath;

    bool isFile() const { return !filePath.isEmpty(); }
};
