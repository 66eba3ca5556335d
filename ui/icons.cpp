#include "icons.h"

#include "paletteiconengine.h"

#include <QDir>
#include <QFile>
#include <QHash>

namespace Icons {

namespace {

QString bundledPath(const QString &name)
{
    return QStringLiteral(":/icons/") + name + QStringLiteral(".svg");
}

} // namespace

QStringList themeNames(const QString &name)
{
    // Names of the Icon Naming Specification first, then common ones of the big themes.
    static const QHash<QString, QStringList> names = {
            {QStringLiteral("accounts"), {QStringLiteral("system-users")}},
            {QStringLiteral("archive"),
             {QStringLiteral("mail-archive"), QStringLiteral("folder-archive")}},
            {QStringLiteral("attach"), {QStringLiteral("mail-attachment")}},
            {QStringLiteral("certificate"), {QStringLiteral("security-high")}},
            {QStringLiteral("dialog-error"), {QStringLiteral("dialog-error")}},
            {QStringLiteral("dialog-ok"), {QStringLiteral("dialog-ok")}},
            {QStringLiteral("dialog-warning"), {QStringLiteral("dialog-warning")}},
            {QStringLiteral("drafts"),
             {QStringLiteral("mail-folder-drafts"), QStringLiteral("document-edit")}},
            {QStringLiteral("flag"), {QStringLiteral("mail-mark-important")}},
            {QStringLiteral("folder"), {QStringLiteral("folder")}},
            {QStringLiteral("inbox"), {QStringLiteral("mail-folder-inbox")}},
            {QStringLiteral("junk"), {QStringLiteral("mail-mark-junk")}},
            {QStringLiteral("mail-forward"), {QStringLiteral("mail-forward")}},
            {QStringLiteral("mail-new"), {QStringLiteral("mail-message-new")}},
            {QStringLiteral("mail-reply-all"), {QStringLiteral("mail-reply-all")}},
            {QStringLiteral("mail-reply"), {QStringLiteral("mail-reply-sender")}},
            {QStringLiteral("mark-read"), {QStringLiteral("mail-mark-read")}},
            {QStringLiteral("mark-unread"), {QStringLiteral("mail-mark-unread")}},
            {QStringLiteral("outbox"), {QStringLiteral("mail-folder-outbox")}},
            {QStringLiteral("quit"), {QStringLiteral("application-exit")}},
            {QStringLiteral("refresh"), {QStringLiteral("view-refresh")}},
            {QStringLiteral("search"), {QStringLiteral("edit-find")}},
            {QStringLiteral("send"), {QStringLiteral("mail-send")}},
            {QStringLiteral("sent"), {QStringLiteral("mail-folder-sent")}},
            {QStringLiteral("trash"), {QStringLiteral("user-trash"), QStringLiteral("edit-delete")}},
            {QStringLiteral("undo"), {QStringLiteral("edit-undo")}},
    };
    return names.value(name);
}

QStringList bundledNames()
{
    QStringList result;
    const QStringList files = QDir(QStringLiteral(":/icons"))
                                      .entryList({QStringLiteral("*.svg")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        result.append(file.chopped(4));
    return result;
}

QIcon bundledIcon(const QString &name)
{
    static QHash<QString, QIcon> cache;
    const auto found = cache.constFind(name);
    if (found != cache.cend())
        return *found;
    QIcon result;
    QFile file(bundledPath(name));
    if (name == QLatin1String("heron"))
        result = QIcon(bundledPath(name)); // the application's own colours
    else if (file.open(QIODevice::ReadOnly))
        result = QIcon(new PaletteIconEngine(file.readAll()));
    cache.insert(name, result);
    return result;
}

QIcon icon(const QString &name)
{
    if (name.isEmpty())
        return {};
    const QString theme = QIcon::themeName();
    static QString cachedTheme;
    static QHash<QString, QIcon> cache;
    if (theme != cachedTheme) {
        cache.clear();
        cachedTheme = theme;
    }
    const auto found = cache.constFind(name);
    if (found != cache.cend())
        return *found;
    QIcon result;
    const QStringList candidates = themeNames(name);
    for (const QString &candidate : candidates) {
        if (QIcon::hasThemeIcon(candidate)) {
            result = QIcon::fromTheme(candidate);
            break;
        }
    }
    if (result.isNull())
        result = bundledIcon(name);
    cache.insert(name, result);
    return result;
}

} // namespace Icons
