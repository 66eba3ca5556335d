#include "ssltransportfactory.h"

#include "net/ssltransport.h"

std::unique_ptr<Transport> SslTransportFactory::create(const TransportPolicy &policy)
{
    auto transport = std::make_unique<SslTransport>();
    transport->setCaCertificates(policy.caCertificates);
    transport->setPinnedDigest(policy.pinnedDigest);
    transport->setConnectTimeout(policy.connectTimeoutMs);
    return transport;
}
