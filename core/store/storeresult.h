#pragma once

#include "common/mailerror.h"

#include <utility>

// A value or the reason there is none.
template<typename T>
class StoreResult
{
public:
    StoreResult(T value)
        : m_value(std::move(value))
    { }
    StoreResult(MailError error)
        : m_error(std::move(error))
    { }

    bool isOk() const { return !m_error.isError(); }
    explicit operator bool() const { return isOk(); }

    const T &value() const & { return m_value; }
    // On a temporary the value is moved out, so `for (x : f().value())` stays valid.
    T value() && { return std::move(m_value); }
    MailError error() const { return m_error; }

private:
    T m_value {};
    MailError m_error;
};
