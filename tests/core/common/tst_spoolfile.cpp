// Spool files: what a crash leaves behind is removed at the next start, and only that. A file
// is in use as long as a SpoolFile holds it (its flock); the kernel drops the lock of a process
// that ended, however it ended.
#include "common/spoolfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

class TestSpoolFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void leftoversAreRemovedOnlyWhenNobodyHoldsThem();
    void fileOfAKilledProcessIsRemoved();
    void keptFileIsNotASpoolFile();
};

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

void TestSpoolFile::leftoversAreRemovedOnlyWhenNobodyHoldsThem()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // As a crash leaves them: named as SpoolFile names them, held by nobody.
    const QString crashed1 = dir.filePath(QStringLiteral("heron-spool-aB3dE9"));
    const QString crashed2 = dir.filePath(QStringLiteral("heron-spool-ZZZZZZ"));
    QVERIFY(writeFile(crashed1, "half a message"));
    QVERIFY(writeFile(crashed2, QByteArray()));
    // Not the application's own: other names, a folder, a link.
    const QStringList foreign {QStringLiteral("heron-spool-abc"),
                               QStringLiteral("heron-spool-abcdefg"),
                               QStringLiteral("heron-spool-ab.def"),
                               QStringLiteral("cache.sqlite"),
                               QStringLiteral("message-1-42.eml"),
                               QStringLiteral("my-heron-spool-abcdef")};
    for (const QString &name : foreign)
        QVERIFY(writeFile(dir.filePath(name), "keep"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("heron-spool-folder")));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("cache.sqlite")),
                        dir.filePath(QStringLiteral("heron-spool-linked"))));
    // In use: one being written, one finished and still held by its reader.
    SpoolFile writing = SpoolFile::create(dir.path());
    QVERIFY(!writing.isNull());
    QVERIFY(writing.append("arriving"));
    SpoolFile finished = SpoolFile::create(dir.path());
    QVERIFY(!finished.isNull());
    QVERIFY(finished.append("arrived"));
    QVERIFY(finished.finish());

    QCOMPARE(SpoolFile::removeStale(dir.path()), 2);
    QVERIFY(!QFileInfo::exists(crashed1));
    QVERIFY(!QFileInfo::exists(crashed2));
    for (const QString &name : foreign)
        QVERIFY2(QFileInfo::exists(dir.filePath(name)), qPrintable(name));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("heron-spool-folder"))).isDir());
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("heron-spool-linked"))).isSymLink());
    QVERIFY(QFileInfo::exists(writing.fileName()));
    QVERIFY(QFileInfo::exists(finished.fileName()));
    QCOMPARE(finished.readAll(), QByteArray("arrived"));
    QVERIFY(writing.append(" still"));
    QVERIFY(writing.finish());
    QCOMPARE(writing.readAll(), QByteArray("arriving still"));

    // Once let go, a SpoolFile removes its own file; nothing is left to clean.
    const QString name = finished.fileName();
    finished = SpoolFile();
    QVERIFY(!QFileInfo::exists(name));
    QCOMPARE(SpoolFile::removeStale(dir.path()), 0);
    // A directory that does not exist has nothing stale.
    QCOMPARE(SpoolFile::removeStale(dir.filePath(QStringLiteral("none"))), 0);
}

// A process killed with SIGKILL while it holds a spool file: its file stays (nothing removed
// it), its lock does not, and the next start removes it.
void TestSpoolFile::fileOfAKilledProcessIsRemoved()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    int ready[2];
    QCOMPARE(::pipe(ready), 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        ::close(ready[0]);
        SpoolFile spool = SpoolFile::create(dir.path());
        const bool ok = !spool.isNull() && spool.append("partial");
        const char answer = ok ? '1' : '0';
        (void) !::write(ready[1], &answer, 1);
        for (;;)
            ::pause();
    }
    ::close(ready[1]);
    char answer = 0;
    QCOMPARE(::read(ready[0], &answer, 1), ssize_t(1));
    ::close(ready[0]);
    QCOMPARE(answer, '1');
    const QStringList held = QDir(dir.path()).entryList(QDir::Files);
    QCOMPARE(held.size(), 1);
    // While the child lives, its file is in use.
    QCOMPARE(SpoolFile::removeStale(dir.path()), 0);
    QCOMPARE(::kill(child, SIGKILL), 0);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(QFileInfo::exists(dir.filePath(held.first())));
    QCOMPARE(SpoolFile::removeStale(dir.path()), 1);
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
}

// A spool file given a lasting name (the cache's copy of a large message) is no spool file.
void TestSpoolFile::keptFileIsNotASpoolFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString kept = dir.filePath(QStringLiteral("message-3-7.eml"));
    {
        SpoolFile spool = SpoolFile::create(dir.path());
        QVERIFY(spool.append("whole message"));
        QVERIFY(spool.keepAs(kept));
    }
    QCOMPARE(SpoolFile::removeStale(dir.path()), 0);
    QFile file(kept);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("whole message"));
}

QTEST_GUILESS_MAIN(TestSpoolFile)
#include "tst_spoolfile.moc"
