#pragma once

#include "viewer/viewermessage.h"

#include <QDateTime>

// A message from Alice to Bob whose body is the given HTML.
inline ViewerMessage htmlMessage(const QString &html)
{
    ViewerMessage m;
    m.from = {QStringLiteral("Alice"), QStringLiteral("alice@example.org")};
    m.to = {{QStringLiteral("Bob"), QStringLiteral("bob@example.org")}};
    m.date = QDateTime(QDate(2026, 11, 24), QTime(9, 30), Qt::UTC);
    m.subject = QStringLiteral("Hello");
    m.html = html;
    return m;
}
