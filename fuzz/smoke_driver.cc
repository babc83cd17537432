// Runs a libFuzzer target without libFuzzer (GCC builds, CI): every seed in a corpus folder,
// then a fixed number of deterministic mutations of them (byte flips, insertions of
// interesting tokens, truncations, line splices). Not coverage-guided: a smoke test that keeps
// the target building and catches shallow crashes under the sanitizers. Long campaigns run
// with the clang libFuzzer build outside CI (see fuzz/README.md).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

const char* const kTokens[] = {"message repeated 4294967295 times: [ ",
                               "Failed password for invalid user ",
                               " from ",
                               " port ",
                               " ssh2",
                               "[preauth]",
                               "::ffff:",
                               "\xff\xfe",
                               "sshd[",
                               "]: ",
                               "<38>1 ",
                               "{\"MESSAGE\":",
                               "\"__REALTIME_TIMESTAMP\":\"",
                               "Feb 29 ",
                               "Dec 31 23:59:60 ",
                               "\n",
                               "\\",
                               "\"",
                               "\0",
                               "Connection closed by invalid user  ",
                               "rhost=",
                               "user=",
                               "9999999999999999999999"};

std::string Mutate(std::string input, std::mt19937_64* random) {
  const int edits = 1 + static_cast<int>((*random)() % 8);
  for (int i = 0; i < edits; ++i) {
    const size_t at = input.empty() ? 0 : (*random)() % (input.size() + 1);
    switch ((*random)() % 4) {
      case 0:
        if (!input.empty()) input[at % input.size()] = static_cast<char>((*random)());
        break;
      case 1: {
        const char* token = kTokens[(*random)() % (sizeof(kTokens) / sizeof(kTokens[0]))];
        input.insert(at, token);
        break;
      }
      case 2:
        input.resize(at);
        break;
      default:
        input.insert(at, input.substr(0, at));
        break;
    }
    if (input.size() > 64 * 1024) input.resize(64 * 1024);
  }
  return input;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [MUTATIONS]\n", argv[0]);
    return 2;
  }
  const long mutations = argc > 2 ? std::atol(argv[2]) : 20000;
  std::vector<std::string> seeds;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    std::ifstream in(entry.path(), std::ios::binary);
    seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (seeds.empty()) {
    std::fprintf(stderr, "no seeds in %s\n", argv[1]);
    return 2;
  }
  std::mt19937_64 random(20261122);
  for (const std::string& seed : seeds) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(seed.data()), seed.size());
  }
  for (long i = 0; i < mutations; ++i) {
    const std::string input = Mutate(seeds[random() % seeds.size()], &random);
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  }
  std::printf("fuzz smoke: %zu seeds, %ld mutations, no crash\n", seeds.size(), mutations);
  return 0;
}
