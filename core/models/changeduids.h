#pragma once

#include <QList>
#include <QSet>

// Of a change's UIDs, those a model holds rows for. A model holds few (the rows of a search, of
// All Inboxes, or cached), a change may name a million (Select All, then Mark as Read): the
// set is made of the model's UIDs and each changed one is looked up in it, rather than a set
// of the million made for a few lookups; when the change is ascending, each held UID is looked
// for in it instead.
QSet<quint32> changedAmong(const QList<quint32> &changed, const QSet<quint32> &held);
