// heron-autoconfig-testservers [SETTINGS.ini]: runs the servers of AutoconfigTestServers until
// stopped (SIGTERM or Ctrl+C), prints where they are, and when given a settings file writes the
// "autoconfig/..." keys Heron reads there, so that the account dialog finds the test domains
// (ann@example.test, ann@srvonly.test, ...) through them.
#include "autoconfigtestservers.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {
int g_signalFd[2];
void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFd[0], &byte, 1);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    AutoconfigTestServers servers;
    const QString error = servers.start();
    QTextStream out(stdout);
    if (!error.isEmpty()) {
        QTextStream(stderr) << error << Qt::endl;
        return 1;
    }
    using Source = DiscoveredSettings::Source;
    const AutoconfigLookup::Settings s = servers.settings(
            {Source::ProviderConfig, Source::Ispdb, Source::IspdbByMx, Source::Srv, Source::Guess});
    out << "providerUrls=" << s.providerUrls.join(QLatin1Char(' ')) << '\n'
        << "ispdbBase=" << s.ispdbBase.toString() << '\n'
        << "nameServer=" << s.nameServer.toString() << '\n'
        << "caFile=" << servers.caFile() << '\n'
        << "imapPort=" << servers.imapPort() << '\n'
        << "smtpPort=" << servers.smtpPort() << Qt::endl;
    if (argc > 1) {
        QSettings settings(QString::fromLocal8Bit(argv[1]), QSettings::IniFormat);
        settings.setValue(QStringLiteral("autoconfig/providerUrls"), s.providerUrls);
        settings.setValue(QStringLiteral("autoconfig/ispdbBase"), s.ispdbBase.toString());
        settings.setValue(QStringLiteral("autoconfig/nameServer"), s.nameServer.toString());
        settings.setValue(QStringLiteral("autoconfig/caFile"), servers.caFile());
        settings.setValue(QStringLiteral("autoconfig/imapTlsPort"), servers.imapPort());
        settings.setValue(QStringLiteral("autoconfig/smtpTlsPort"), servers.smtpPort());
        settings.setValue(QStringLiteral("autoconfig/imapStartTlsPort"), 1);
        settings.setValue(QStringLiteral("autoconfig/smtpStartTlsPort"), 1);
        settings.sync();
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) == 0) {
        auto *notifier = new QSocketNotifier(g_signalFd[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
    }
    const int code = app.exec();
    servers.stop();
    return code;
}
