#pragma once

// A folder's messages in the cache and the unread ones among them, as the folder list shows
// them.
struct FolderCounts
{
    int unread = 0;
    int messages = 0;
    bool operator==(const FolderCounts &other) const = default;
};
