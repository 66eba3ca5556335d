#pragma once

// Times reading on a live server: stores a message with a 5 MB attachment and a 3 MB HTML
// message in a new folder, then shows each through AccountService, MessagePresenter and
// MessageViewer as the application does, with an empty cache.
// Arguments: --host H --port P --user U [--ca CA.pem] [--tls implicit|starttls]
//            [--attachment-mb N] [--html-mb N]; password in $HERON_BENCH_PASSWORD.
// Prints "name value" lines: first_screen_ms (selection until the 5 MB message's text is on
// screen), first_screen_cached_bytes (what showing it brought into the cache: its display
// sections, and the attachment or the whole message if they were fetched),
// html_first_screen_ms, html_max_block_ms (the longest stall of the UI thread while the 3 MB
// HTML message is fetched, shown and painted; both the median of three copies) and
// html_max_block_worst_ms.
// Needs a GUI platform: under no display run it with QT_QPA_PLATFORM=offscreen.
int runReadBench(int argc, char *argv[]);
