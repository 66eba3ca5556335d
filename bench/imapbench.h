#pragma once

#include <QStringList>

// Times FolderSync over one large folder against a raw client that fetches the same metadata
// and parses nothing: first sync, reopening the cache in a new process, resync after flag
// changes made by another session, and the memory the cached folder costs.
// Arguments: --host H --port P --tls implicit|starttls --user U --folder F [--ca CA.pem]
//            [--tls-name NAME] [--batch N] [--depth N] [--repeat N] [--no-compress]
//            [--cold-only]; password in $HERON_BENCH_PASSWORD.
// --no-compress keeps COMPRESS=DEFLATE off (it is used where offered); cold_sync_wire_read_bytes
// and cold_sync_wire_written_bytes are what the cold sync moved over the link, compressed or not.
// --cold-only stops after the cold sync (with --repeat N: N of them, and their medians).
// --batch and --depth set FolderSync's metadata batch size and pipeline depth (default: its own).
// --repeat N adds cold syncs and floors until there are N pairs, and prints their medians.
// Prints "name value" lines: messages, cold_sync_s, floor_s, cold_ratio, reopen_s, resync_s,
// resync_floor_s, bytes_per_message, peak_rss_mb (and more, described in the README).
int runImapBench(const QStringList &args);

// The child half of reopen_s: opens the store at --store, shows the folder --folder in a
// MessageListModel and reads its first 50 rows.
int runImapReopen(const QStringList &args);
