#pragma once

#include <QStringList>

// Times one submission of a message with a large attachment through SmtpClient, and the same
// message through swaks against the same server as a reference.
// Arguments: --host H --port P --tls implicit|starttls --user U --to R --attachment-mb N
//            [--ca CA.pem] [--from F] [--verify-name NAME]; password in $HERON_BENCH_PASSWORD.
// Prints "name value" lines: send_s, reference_s, ratio, peak_rss_mb.
int runSmtpBench(const QStringList &args);
