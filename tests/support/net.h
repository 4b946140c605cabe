// Loopback networking helpers for tests.
#pragma once

namespace sic::test {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then
// released). Nothing listens on it, so connecting is refused until someone binds
// it. Throws std::runtime_error when no socket can be bound.
int free_loopback_port();

// True when something accepts TCP connections on 127.0.0.1:port right now (the
// connection is closed at once). Use with poll_until to wait for a server.
bool loopback_port_accepts(int port);

}  // namespace sic::test
