#include "changeduids.h"

#include <algorithm>

QSet<quint32> changedAmong(const QList<quint32> &changed, const QSet<quint32> &held)
{
    QSet<quint32> found;
    if (held.isEmpty())
        return found;
    // A change of many messages names them ascending, as the store reads them: each held UID
    // is looked for in it, a few hash lookups fewer than a million.
    if (changed.size() > 4 * held.size() && std::is_sorted(changed.cbegin(), changed.cend())) {
        for (quint32 uid : held) {
            if (std::binary_search(changed.cbegin(), changed.cend(), uid))
                found.insert(uid);
        }
        return found;
    }
    for (quint32 uid : changed) {
        if (held.contains(uid))
            found.insert(uid);
    }
    return found;
}
