// heron-oauth-testserver [SETTINGS.ini]: runs an OAuthTestServer until stopped (SIGTERM or
// Ctrl+C) whose authorization page approves every request as the user "alice", prints where it
// is, and when given a settings file points Heron's Google provider at it (group "oauth2"), so
// that "Sign in…" in the account dialog can be tried by hand for a gmail.com address: open the
// page Heron shows in any browser, or with curl -L.
#include "oauthtestserver.h"

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
    OAuthTestServer server;
    server.setAutoApprove(QStringLiteral("alice"));
    const OAuth2Provider provider = server.provider();
    QTextStream out(stdout);
    out << "authorizationUrl=" << provider.authorizationUrl.toString() << '\n'
        << "tokenUrl=" << provider.tokenUrl.toString() << '\n'
        << "clientId=" << provider.clientId << Qt::endl;
    if (argc > 1) {
        QSettings settings(QString::fromLocal8Bit(argv[1]), QSettings::IniFormat);
        settings.setValue(QStringLiteral("oauth2/google/clientId"), provider.clientId);
        settings.setValue(QStringLiteral("oauth2/google/authorizationUrl"),
                          provider.authorizationUrl.toString());
        settings.setValue(QStringLiteral("oauth2/google/tokenUrl"), provider.tokenUrl.toString());
        settings.setValue(QStringLiteral("oauth2/google/scopes"),
                          provider.scopes.join(QLatin1Char(' ')));
        settings.sync();
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) == 0) {
        auto *notifier = new QSocketNotifier(g_signalFd[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
    }
    return app.exec();
}
