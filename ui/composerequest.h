#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// What the command line asks the composer to start with: a mailto: URL (RFC 6068) or
// Thunderbird's --compose "to='a@b.example',subject='x',body='y',attachment='file:///path'".
// Pure parsing: no file is touched.
struct ComposeRequest
{
    QString from;
    QString to; // comma-separated, as a user would type it
    QString cc;
    QString bcc;
    QString subject;
    QString body;
    bool html = false; // --compose format=html
    QStringList attachments; // local file paths
    QString inReplyTo;

    bool operator==(const ComposeRequest &) const = default;

    // nullopt when the text is not a mailto: URL.
    static std::optional<ComposeRequest> fromMailto(const QString &url);
    // nullopt when the argument is malformed (an unterminated quote, a pair without '=').
    static std::optional<ComposeRequest> fromComposeArgument(const QString &argument);
};
