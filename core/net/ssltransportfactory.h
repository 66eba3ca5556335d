#pragma once

#include "net/transportfactory.h"

// Transports over QSslSocket (SslTransport).
class SslTransportFactory : public TransportFactory
{
public:
    std::unique_ptr<Transport> create(const TransportPolicy &policy) override;
};
