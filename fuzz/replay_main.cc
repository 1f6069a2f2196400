// A driver for the fuzz targets where libFuzzer is not linked (the g++ build
// of `make test`): it runs every file of the corpus folders given, then
// `-runs=N` inputs made from them by random mutations (byte changes,
// insertions of bytes the formats care about, deletions, splices of two
// inputs), from a fixed `-seed` so a failure repeats. Not coverage-guided:
// `make fuzz` runs the same targets under libFuzzer, ASan and UBSan. A broken
// property aborts, so ctest sees a failure; the input is written to
// fuzz-failure-<target> in the working folder first.
#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "fuzz/fuzz_target.h"

namespace {

// The input being run and where to keep it if a property breaks (abort).
const std::string* current_input = nullptr;
std::string failure_path;

void KeepFailingInput(int) {
  const int fd = ::open(failure_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0 && current_input) {
    ssize_t ignored = ::write(fd, current_input->data(), current_input->size());
    (void)ignored;
    ::close(fd);
  }
  std::signal(SIGABRT, SIG_DFL);
  std::raise(SIGABRT);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

std::string Mutate(std::string input, const std::vector<std::string>& corpus,
                   std::mt19937_64& random) {
  static const char kBytes[] = "\"',;\r\n\t{}[]:-+=@0123456789.eE%\\\0\xc3\xff";
  static const std::string kInteresting(kBytes, sizeof(kBytes) - 1);
  const int changes = 1 + static_cast<int>(random() % 8);
  for (int i = 0; i < changes; ++i) {
    const size_t at = input.empty() ? 0 : random() % (input.size() + 1);
    switch (random() % 5) {
      case 0:
        if (!input.empty() && at < input.size()) input[at] = static_cast<char>(random());
        break;
      case 1:
        input.insert(at, 1, kInteresting[random() % kInteresting.size()]);
        break;
      case 2:
        if (!input.empty() && at < input.size()) input.erase(at, 1 + random() % 4);
        break;
      case 3: {
        const std::string& other = corpus[random() % corpus.size()];
        if (!other.empty()) {
          const size_t from = random() % other.size();
          input.insert(at, other.substr(from, 1 + random() % 16));
        }
        break;
      }
      default:
        if (!input.empty() && at < input.size())
          input.insert(at, input.substr(at, 1 + random() % 8));
        break;
    }
  }
  return input;
}

}  // namespace

int main(int argc, char** argv) {
  long long runs = 10000;
  unsigned long long seed = 2026;
  std::vector<std::string> corpus;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument.rfind("-runs=", 0) == 0) {
      runs = std::stoll(argument.substr(6));
    } else if (argument.rfind("-seed=", 0) == 0) {
      seed = std::stoull(argument.substr(6));
    } else if (std::filesystem::is_directory(argument)) {
      for (const auto& entry : std::filesystem::directory_iterator(argument)) {
        if (entry.is_regular_file()) corpus.push_back(ReadFile(entry.path()));
      }
    } else {
      corpus.push_back(ReadFile(argument));
    }
  }
  if (corpus.empty()) corpus.emplace_back();
  const std::string target = std::filesystem::path(argv[0]).filename().string();
  failure_path = "fuzz-failure-" + target;
  std::signal(SIGABRT, KeepFailingInput);
  auto run = [](const std::string& input) {
    current_input = &input;
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  };
  for (const std::string& input : corpus) run(input);
  std::mt19937_64 random(seed);
  for (long long i = 0; i < runs; ++i)
    run(Mutate(corpus[random() % corpus.size()], corpus, random));
  std::cout << target << ": " << corpus.size() << " corpus inputs and " << runs
            << " mutations (seed " << seed << "), every property held\n";
  return 0;
}
