// The baseline for the API benchmark: a bare cpp-httplib server, configured
// like ApiServer (thread pool, TCP_NODELAY), answering a fixed JSON body of the
// size of a child record. What it serves per second is the ceiling the HTTP
// library allows on this machine; the ratio to Vínculo's figure is the cost
// of authentication, the database, scoping, auditing and encoding.
#include <httplib.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "http/listen_backlog.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_bare_server PORT [THREADS]\n";
    return 64;
  }
  const int port = std::atoi(argv[1]);
  const int threads = argc > 2 ? std::atoi(argv[2]) : 96;
  httplib::Server server;
  server.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));
  };
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(10000);
  const std::string body(620, 'x');
  const std::string json = "{\"padding\":\"" + body + "\"}";
  server.Get("/child", [&json](const httplib::Request&, httplib::Response& response) {
    response.set_content(json, "application/json");
  });
  server.Get("/health", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("{}", "application/json");
  });
  if (!server.bind_to_port("127.0.0.1", port)) return 69;
  vinculo::WidenListenBacklog(port);  // as ApiServer::Bind does
  return server.listen_after_bind() ? 0 : 69;
}
