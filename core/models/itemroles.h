#pragma once

#include <Qt>

// The roles that rows of more than one model answer, each with one value, so that a view, a
// delegate or a drag can read a row without knowing which model it came from: a message of
// All Inboxes and one of a folder's list name their folder the same way, and so do a folder
// row and an Outbox entry their account.
namespace ItemRoles {
enum Role : int {
    AccountIdRole = Qt::UserRole + 500, // QString
    FolderIdRole, // qint64
};
}
