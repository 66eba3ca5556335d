// The core's error messages are translatable: with a translator installed, the texts of errors
// from the network, the cache, the accounts, the password file and the message builder come
// through it, under the context of the class that reports them.
#include "accounts/accountstore.h"
#include "accounts/filesecretstore.h"
#include "mime/addressformatter.h"
#include "net/ssltransport.h"
#include "store/cachedatabase.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

// Marks every text it translates with its context: "[Context] source".
class MarkingTranslator : public QTranslator
{
public:
    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override
    {
        Q_UNUSED(disambiguation);
        Q_UNUSED(n);
        return u"[%1] "_s.arg(QString::fromUtf8(context)) + QString::fromUtf8(sourceText);
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class TestCoreTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QCoreApplication::installTranslator(&m_translator); }
    void cleanupTestCase() { QCoreApplication::removeTranslator(&m_translator); }

    void addressErrors()
    {
        QByteArray out;
        const MailError error = AddressFormatter().formatMailbox({u"X"_s, u"no address"_s}, &out);
        QVERIFY(error);
        QCOMPARE(error.message(), u"[AddressFormatter] Not a valid address: no address"_s);
    }

    void accountErrors()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"heron.conf"_s), QSettings::IniFormat);
        AccountStore store(&settings);
        const MailError error = store.removeAccount(u"nobody"_s);
        QVERIFY(error);
        QCOMPARE(error.message(), u"[AccountStore] There is no account with id nobody."_s);
    }

    void passwordFileErrors()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"missing"_s);
        FileSecretStore store(path);
        QString text;
        bool answered = false;
        store.readPassword(u"alice"_s, this, [&](const SecretStore::Reply &reply) {
            text = reply.errorString;
            answered = true;
        });
        QTRY_VERIFY(answered);
        QCOMPARE(text, u"[FileSecretStore] The password file %1 does not exist."_s.arg(path));
    }

    void cacheErrors()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(u"file"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        CacheDatabase db;
        const MailError error = db.open(dir.filePath(u"file/sub/cache.sqlite"_s));
        QVERIFY(error);
        QVERIFY2(error.message().startsWith("[CacheDatabase] "_L1), qPrintable(error.message()));
    }

    void networkErrors()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now

        SslTransport transport;
        QSignalSpy errors(&transport, &Transport::errorOccurred);
        transport.connectToHost(u"127.0.0.1"_s, port, Security::ImplicitTls);
        QTRY_COMPARE(errors.size(), 1);
        const MailError error = errors.constFirst().constFirst().value<MailError>();
        QVERIFY2(error.message().startsWith("[SslTransport] "_L1), qPrintable(error.message()));
        QVERIFY(error.message().contains(u"127.0.0.1"_s));
    }

private:
    MarkingTranslator m_translator;
};

QTEST_GUILESS_MAIN(TestCoreTranslations)
#include "tst_coretranslations.moc"
