// Where tests find the project's fixtures and the shared third-party datasets.
#ifndef SPRAYTRACE_TESTS_TEST_PATHS_H_
#define SPRAYTRACE_TESTS_TEST_PATHS_H_

#include <cstdlib>
#include <filesystem>
#include <string>

namespace spraytrace::testing {

inline std::filesystem::path SourceDir() {
  if (const char* env = std::getenv("SPRAYTRACE_SOURCE_DIR")) return env;
  return SPRAYTRACE_SOURCE_DIR;
}

// ../shared/datasets beside the checkout (present in CI; a user's clone may not have it).
inline std::filesystem::path DatasetsDir() { return SourceDir() / ".." / "shared" / "datasets"; }

// The spraytrace binary of this build tree (SPRAYTRACE_BINARY in the environment overrides).
inline std::string SpraytraceBinary() {
  if (const char* env = std::getenv("SPRAYTRACE_BINARY")) return env;
  return SPRAYTRACE_BINARY;
}

}  // namespace spraytrace::testing

#endif  // SPRAYTRACE_TESTS_TEST_PATHS_H_
