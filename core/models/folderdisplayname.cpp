#include "folderdisplayname.h"

#include <QCoreApplication>

QString FolderDisplayName::ofRole(FolderRecord::SpecialUse use)
{
    switch (use) {
    case FolderRecord::SpecialUse::Inbox:
        return QCoreApplication::translate("FolderDisplayName", "Inbox");
    case FolderRecord::SpecialUse::Drafts:
        return QCoreApplication::translate("FolderDisplayName", "Drafts");
    case FolderRecord::SpecialUse::Sent:
        return QCoreApplication::translate("FolderDisplayName", "Sent");
    case FolderRecord::SpecialUse::Trash:
        return QCoreApplication::translate("FolderDisplayName", "Trash");
    case FolderRecord::SpecialUse::Junk:
        return QCoreApplication::translate("FolderDisplayName", "Junk");
    case FolderRecord::SpecialUse::Archive:
        return QCoreApplication::translate("FolderDisplayName", "Archive");
    case FolderRecord::SpecialUse::None:
        break;
    }
    return {};
}

QString FolderDisplayName::of(FolderRecord::SpecialUse use, const QString &serverName)
{
    const QString role = ofRole(use);
    return role.isEmpty() ? serverName : role;
}
