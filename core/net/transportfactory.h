#pragma once

#include "net/transportpolicy.h"

#include <memory>

class Transport;

// Makes the transports of an account's connections. The application hands the service layer
// one that makes SslTransports; tests hand it one that makes in-process fakes.
class TransportFactory
{
public:
    virtual ~TransportFactory() = default;
    // A new, unconnected transport following policy.
    virtual std::unique_ptr<Transport> create(const TransportPolicy &policy) = 0;
};
