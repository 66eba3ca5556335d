// Replays files through a fuzz target's LLVMFuzzerTestOneInput, for the normal test suite:
//   fuzz_replay_<name> DIR_OR_FILE...
// Every file under the given folders is one input. A crash or a broken invariant aborts the
// process, which fails the test; so does finding no input at all (a wrong path is no pass).

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

bool replay(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return false;
    }
    const QByteArray bytes = file.readAll();
    std::fprintf(stderr, "replaying %s (%lld bytes)\n", qPrintable(path),
                 static_cast<long long>(bytes.size()));
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()),
                           size_t(bytes.size()));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int count = 0;
    const QStringList arguments = app.arguments().mid(1);
    for (const QString &argument : arguments) {
        const QFileInfo info(argument);
        if (info.isFile()) {
            count += replay(argument) ? 1 : 0;
            continue;
        }
        QDirIterator it(argument, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!path.endsWith(QStringLiteral(".md")))
                count += replay(path) ? 1 : 0;
        }
    }
    std::printf("replayed %d inputs\n", count);
    return count > 0 ? 0 : 1;
}
