// mailstack-seed: writes deterministic messages straight into a Maildir folder's cur/ directory
// (through tmp/ and a rename, so a running Dovecot never sees half a file). The file names carry
// the size (S=) and the CRLF size (W=) so Dovecot indexes 100,000 messages without reading
// them, and their timestamps grow with the index so Dovecot hands out UIDs in index order.
//
//   mailstack-seed --maildir PATH --count N [--style bulk|rich|large] [--seed S]
//                  [--start-index K] [--owner ADDR] [--owner-name NAME] [--manifest FILE]
//                  [--uid U --gid G] [--jobs J]
//   mailstack-seed --print INDEX [--style ...] [--seed S] [--owner ...]   (one message to stdout)
//
// --jobs J splits the indexes into J contiguous runs written by J processes at once; the
// manifest still lists them in index order.
#include "messages.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

[[noreturn]] void fail(const std::string &what)
{
    std::fprintf(stderr, "mailstack-seed: %s\n", what.c_str());
    std::exit(1);
}

void makeDir(const std::string &path)
{
    if (mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
        fail("cannot create " + path + ": " + std::strerror(errno));
}

void writeAll(int fd, const std::string &data, const std::string &name)
{
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail("cannot write " + name + ": " + std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
}

std::string tsvField(const std::string &s)
{
    std::string out;
    for (const char c : s)
        out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    return out;
}

struct Target
{
    int tmpFd = -1;
    int curFd = -1;
    unsigned nonce = 0;
};

// Writes the messages [first, last) into cur/ (through tmp/), their manifest lines into man
// (when given); returns the bytes written.
template<typename Generate>
long long writeRange(const Target &target, long long first, long long last,
                     const Generate &generate, std::FILE *man)
{
    const int pid = static_cast<int>(getpid());
    long long bytes = 0;
    for (long long index = first; index < last; ++index) {
        const seed::Message m = generate(index);
        std::size_t lines = 0;
        for (const char c : m.text)
            lines += c == '\n';
        char base[160];
        std::snprintf(base, sizeof base, "%lld.M%lldP%dQ%lldR%06x.mail.example.test",
                      static_cast<long long>(m.time), index % 1000000, pid, index, target.nonce);
        const std::string final = std::string(base) + ",S=" + std::to_string(m.text.size())
                                  + ",W=" + std::to_string(m.text.size() + lines) + ":2," + m.flags;
        const int fd = openat(target.tmpFd, base, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0)
            fail(std::string("cannot create tmp/") + base + ": " + std::strerror(errno));
        writeAll(fd, m.text, base);
        const struct timespec times[2] = {{static_cast<time_t>(m.time), 0},
                                          {static_cast<time_t>(m.time), 0}};
        futimens(fd, times);
        if (close(fd) != 0)
            fail(std::string("cannot write ") + base + ": " + std::strerror(errno));
        if (renameat(target.tmpFd, base, target.curFd, final.c_str()) != 0)
            fail("cannot move " + final + " into cur/: " + std::strerror(errno));
        bytes += static_cast<long long>(m.text.size());
        if (man)
            std::fprintf(man, "%lld\t%s\t%lld\t%s\t%s\t%s\n", index, m.messageId.c_str(),
                         static_cast<long long>(m.time), m.flags.c_str(), m.kind.c_str(),
                         tsvField(m.subject).c_str());
    }
    return bytes;
}

} // namespace

int main(int argc, char **argv)
{
    std::string maildir, style = "bulk", manifest;
    long long count = -1, startIndex = 0, printIndex = -1;
    long uid = -1, gid = -1;
    int jobs = 1;
    seed::Context ctx;
    ctx.owner = "alice@example.test";
    ctx.ownerName = "Alice Example";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                fail("missing value after " + arg);
            return argv[++i];
        };
        if (arg == "--maildir")
            maildir = value();
        else if (arg == "--count")
            count = std::atoll(value().c_str());
        else if (arg == "--style")
            style = value();
        else if (arg == "--seed")
            ctx.seed = std::strtoull(value().c_str(), nullptr, 10);
        else if (arg == "--start-index")
            startIndex = std::atoll(value().c_str());
        else if (arg == "--owner")
            ctx.owner = value();
        else if (arg == "--owner-name")
            ctx.ownerName = value();
        else if (arg == "--manifest")
            manifest = value();
        else if (arg == "--uid")
            uid = std::atol(value().c_str());
        else if (arg == "--gid")
            gid = std::atol(value().c_str());
        else if (arg == "--jobs")
            jobs = std::max(1, std::atoi(value().c_str()));
        else if (arg == "--print")
            printIndex = std::atoll(value().c_str());
        else
            fail("unknown argument " + arg + " (see the comment at the top of main.cpp)");
    }
    if (style != "bulk" && style != "rich" && style != "large")
        fail("--style must be bulk, rich or large");
    if (style == "large")
        ctx.baseTime = seed::largeBaseTime();
    auto generate = [&](long long index) {
        if (style == "large")
            return seed::largeMessage(ctx, index);
        return style == "rich" ? seed::richMessage(ctx, index) : seed::bulkMessage(ctx, index);
    };
    if (printIndex >= 0) {
        ctx.firstThreadIndex = std::max<long long>(startIndex,
                                                   style == "rich" ? seed::richSpecialCount() : 0);
        const seed::Message m = generate(printIndex);
        std::fwrite(m.text.data(), 1, m.text.size(), stdout);
        return 0;
    }
    ctx.firstThreadIndex = std::max<long long>(startIndex,
                                               style == "rich" ? seed::richSpecialCount() : 0);
    if (maildir.empty() || count < 0)
        fail("--maildir and --count are required");

    // The manifest is written as the caller (before giving up root); with several jobs each
    // writes its lines into a file of its own, joined in index order at the end.
    std::FILE *man = nullptr;
    if (!manifest.empty() && !(man = std::fopen(manifest.c_str(), "a")))
        fail("cannot open " + manifest + ": " + std::strerror(errno));
    jobs = static_cast<int>(std::min<long long>(jobs, std::max<long long>(1, count)));
    std::vector<std::FILE *> parts;
    for (int job = 0; man && jobs > 1 && job < jobs; ++job) {
        parts.push_back(std::tmpfile());
        if (!parts.back())
            fail(std::string("cannot make a temporary file: ") + std::strerror(errno));
    }
    // Mail files must belong to the mail user, not to root.
    if (geteuid() == 0 && uid > 0) {
        if (setgroups(0, nullptr) != 0 || setgid(static_cast<gid_t>(gid > 0 ? gid : uid)) != 0
            || setuid(static_cast<uid_t>(uid)) != 0)
            fail(std::string("cannot switch to the mail user: ") + std::strerror(errno));
    }
    umask(077);
    makeDir(maildir);
    makeDir(maildir + "/cur");
    makeDir(maildir + "/new");
    makeDir(maildir + "/tmp");
    Target target;
    target.tmpFd = open((maildir + "/tmp").c_str(), O_RDONLY | O_DIRECTORY);
    target.curFd = open((maildir + "/cur").c_str(), O_RDONLY | O_DIRECTORY);
    if (target.tmpFd < 0 || target.curFd < 0)
        fail("cannot open " + maildir + ": " + std::strerror(errno));

    const auto started = std::chrono::steady_clock::now();
    target.nonce = static_cast<unsigned>(std::chrono::system_clock::now().time_since_epoch().count()
                                         & 0xFFFFFF);
    long long bytes = 0;
    if (jobs == 1) {
        bytes = writeRange(target, startIndex, startIndex + count, generate, man);
    } else {
        // Each job's byte count comes back through a shared page.
        void *shared = mmap(nullptr, sizeof(long long) * static_cast<std::size_t>(jobs),
                            PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (shared == MAP_FAILED)
            fail(std::string("cannot share memory with the jobs: ") + std::strerror(errno));
        auto *jobBytes = static_cast<long long *>(shared);
        std::vector<pid_t> children;
        for (int job = 0; job < jobs; ++job) {
            const long long first = startIndex + count * job / jobs;
            const long long last = startIndex + count * (job + 1) / jobs;
            std::fflush(nullptr);
            const pid_t child = fork();
            if (child < 0)
                fail(std::string("cannot start a job: ") + std::strerror(errno));
            if (child == 0) {
                std::FILE *out = parts.empty() ? nullptr : parts[static_cast<std::size_t>(job)];
                jobBytes[job] = writeRange(target, first, last, generate, out);
                if (out && std::fflush(out) != 0)
                    fail("cannot write the manifest");
                _exit(0);
            }
            children.push_back(child);
        }
        bool ok = true;
        for (const pid_t child : children) {
            int status = 0;
            while (waitpid(child, &status, 0) < 0 && errno == EINTR) { }
            ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
        }
        if (!ok)
            fail("a job failed");
        for (int job = 0; job < jobs; ++job)
            bytes += jobBytes[job];
        for (std::FILE *part : parts) {
            std::rewind(part);
            char buffer[1 << 16];
            std::size_t n = 0;
            while ((n = std::fread(buffer, 1, sizeof buffer, part)) > 0)
                std::fwrite(buffer, 1, n, man);
            std::fclose(part);
        }
    }
    if (man && std::fclose(man) != 0)
        fail("cannot write " + manifest);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                                   .count();
    std::printf("mailstack-seed: wrote %lld messages (%.1f MB) into %s in %.2f s\n", count,
                static_cast<double>(bytes) / 1e6, maildir.c_str(), seconds);
    return 0;
}
