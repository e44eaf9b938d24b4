#include "tlscertificate.h"

#include <QDir>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace QInflux::Test {

TlsCertificate TlsCertificate::create(const QString &directory)
{
    TlsCertificate result;
    result.certificate = QDir(directory).filePath(u"cert.pem"_s);
    result.privateKey = QDir(directory).filePath(u"key.pem"_s);
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-sha256"_s,
                                 u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s,
                                 u"-addext"_s, u"subjectAltName=IP:127.0.0.1,DNS:localhost"_s,
                                 u"-keyout"_s, result.privateKey, u"-out"_s, result.certificate});
    if (!openssl.waitForFinished(60'000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0)
        result.error = u"openssl failed: "_s + openssl.errorString() + u'\n' + QString::fromLocal8Bit(openssl.readAll());
    return result;
}

} // namespace QInflux::Test
