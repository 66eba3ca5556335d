#include "peoplebench.h"

#include "benchoptions.h"
#include "people/addressbook.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

#include <time.h>

namespace {

QString madeUpWord(QRandomGenerator &random)
{
    static const QStringList syllables {QStringLiteral("an"),   QStringLiteral("be"),
                                        QStringLiteral("chri"), QStringLiteral("dö"),
                                        QStringLiteral("el"),   QStringLiteral("fra"),
                                        QStringLiteral("gü"),   QStringLiteral("ha"),
                                        QStringLiteral("jo"),   QStringLiteral("ka"),
                                        QStringLiteral("lé"),   QStringLiteral("mü"),
                                        QStringLiteral("no"),   QStringLiteral("ø"),
                                        QStringLiteral("pe"),   QStringLiteral("ri"),
                                        QStringLiteral("sa"),   QStringLiteral("ße"),
                                        QStringLiteral("to"),   QStringLiteral("vi"),
                                        QStringLiteral("wa"),   QStringLiteral("zé")};
    QString word;
    const int count = 2 + random.bounded(2);
    for (int i = 0; i < count; ++i)
        word += syllables.at(random.bounded(int(syllables.size())));
    word[0] = word.at(0).toUpper();
    return word;
}

// This thread's CPU time in milliseconds: what the query cost, without the time the machine
// gave to other processes meanwhile.
double threadCpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size())));
    return values.at(index);
}

} // namespace

int runPeopleBench(const QStringList &args)
{
    const QHash<QString, QString> options = Bench::parseOptions(args);
    const int entries = options.value(QStringLiteral("entries"), QStringLiteral("10000")).toInt();
    const int queries = options.value(QStringLiteral("queries"), QStringLiteral("500")).toInt();
    QTextStream out(stdout);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("addressbook.sqlite"));
    QRandomGenerator random(1234);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    QElapsedTimer timer;
    {
        AddressBook book;
        if (MailError error = book.open(path)) {
            out << "error " << error.toString() << '\n';
            return 1;
        }
        timer.start();
        QList<MailAddress> people;
        for (int i = 0; i < entries; ++i) {
            const QString given = madeUpWord(random);
            const QString family = madeUpWord(random);
            people.append(MailAddress {given + QLatin1Char(' ') + family,
                                       QStringLiteral("p%1.").arg(i) + given.toLower()
                                               + QStringLiteral("@example.org")});
        }
        // Everyone written to once, some of them many times over the last year.
        if (MailError error = book.recordUse(people, now.addDays(-random.bounded(365)))) {
            out << "error " << error.toString() << '\n';
            return 1;
        }
        for (int round = 0; round < 20; ++round) {
            QList<MailAddress> often;
            for (int i = 0; i < entries / 10; ++i)
                often.append(people.at(random.bounded(entries)));
            book.recordUse(often, now.addDays(-random.bounded(365)));
        }
        out << "people_entries " << book.count() << '\n';
        out << "people_fill_ms " << timer.elapsed() << '\n';
    }

    AddressBook book;
    timer.start();
    if (MailError error = book.open(path)) {
        out << "error " << error.toString() << '\n';
        return 1;
    }
    out << "people_open_ms " << timer.elapsed() << '\n';

    std::vector<double> times;
    std::vector<double> cpuTimes;
    qsizetype found = 0;
    for (int i = 0; i < queries; ++i) {
        const QString word = madeUpWord(random).toLower();
        const QString typed = word.left(1 + random.bounded(4));
        const double cpuStart = threadCpuMs();
        timer.start();
        found += book.complete(typed, 10, now).size();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
        cpuTimes.push_back(threadCpuMs() - cpuStart);
    }
    out << "people_complete_queries " << queries << '\n';
    out << "people_complete_found_avg " << double(found) / std::max(1, queries) << '\n';
    out << "people_complete_median_ms " << percentile(times, 0.5) << '\n';
    out << "people_complete_p99_ms " << percentile(times, 0.99) << '\n';
    out << "people_complete_max_ms " << *std::max_element(times.begin(), times.end()) << '\n';
    out << "people_complete_cpu_median_ms " << percentile(cpuTimes, 0.5) << '\n';
    out << "people_complete_cpu_p99_ms " << percentile(cpuTimes, 0.99) << '\n';
    out << "people_complete_cpu_max_ms " << *std::max_element(cpuTimes.begin(), cpuTimes.end())
        << '\n';
    return 0;
}
