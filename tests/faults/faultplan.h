#pragma once

#include <QByteArray>
#include <QRandomGenerator>
#include <QString>

// What one run of heron-faultrun does to the client's submission, drawn from the run's seed:
// a fault the proxy puts on the stream at one byte, or the sending process killed, or the
// outbox on a full disk.
struct FaultPlan
{
    enum class Kind {
        None, // a clean run, for the baseline
        Cut, // both connections closed at the byte
        Stall, // nothing more forwarded for durationMs, then the rest
        Delay, // from the byte on, each piece waits durationMs
        Split, // from the byte on, pieces of one to three bytes
        Corrupt, // the byte is changed
        Kill, // kill -9 of the sending process after durationMs
        DiskFull, // the outbox on a small tmpfs with `offset` bytes left
    };
    enum class Direction { ToServer, ToClient };

    Kind kind = Kind::None;
    Direction direction = Direction::ToServer;
    qint64 offset = 0;
    int durationMs = 0;
    quint8 corruptMask = 0;

    static FaultPlan draw(quint32 seed, bool diskFullPossible)
    {
        QRandomGenerator random(seed);
        FaultPlan plan;
        const int kinds = diskFullPossible ? 8 : 7;
        plan.kind = Kind(random.bounded(kinds));
        plan.direction = random.bounded(2) ? Direction::ToServer : Direction::ToClient;
        // A submission of the test message is a few kilobytes each way, TLS included.
        plan.offset = random.bounded(6000);
        switch (plan.kind) {
        case Kind::Stall:
            plan.durationMs = 500 + random.bounded(5000); // past the client's 3 s timeouts or not
            break;
        case Kind::Delay:
            plan.durationMs = 1 + random.bounded(150);
            break;
        case Kind::Kill:
            plan.durationMs = random.bounded(1500);
            break;
        case Kind::DiskFull:
            plan.offset = random.bounded(24 * 1024);
            break;
        default:
            break;
        }
        plan.corruptMask = quint8(1 + random.bounded(255));
        return plan;
    }

    static QString kindName(Kind kind)
    {
        static const char *const names[] = {"none",  "cut",     "stall", "delay",
                                            "split", "corrupt", "kill",  "disk_full"};
        return QString::fromLatin1(names[int(kind)]);
    }
};
