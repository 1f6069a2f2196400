// cpp-httplib 0.11 listens with a backlog of 5 connections and offers no
// setting for it. When more clients connect at once (64 from a load test, a
// few browsers opening six connections each), the kernel drops the extra
// SYNs and each client retries one second later. WidenListenBacklog finds
// this process's listening TCP socket on `port` and calls listen() again
// with the system maximum, which Linux applies to a socket already
// listening.
#pragma once

namespace vinculo {

// Returns true if a listening socket on `port` was found and widened.
bool WidenListenBacklog(int port);

}  // namespace vinculo
