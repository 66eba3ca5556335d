#include "changeduids.h"

QSet<quint32> changedAmong(const QList<quint32> &changed, const QSet<quint32> &held)
{
    QSet<quint32> found;
    if (held.isEmpty())
        return found;
    for (quint32 uid : changed) {
        if (held.contains(uid))
            found.insert(uid);
    }
    return found;
}
