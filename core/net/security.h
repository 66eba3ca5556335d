#pragma once

// How a connection is protected. None is only ever used when the user chose it explicitly.
enum class Security { ImplicitTls, StartTls, None };
