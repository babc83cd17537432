#include "ingest/input_set.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "ingest/rotation_name.h"

namespace spraytrace::ingest {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kStdin = "-";

bool IsHidden(const fs::path& path) { return path.filename().string().starts_with('.'); }

void ReportUnreadable(const std::string& path, const std::error_code& error,
                      Diagnostics* diagnostics) {
  diagnostics->Report(DiagnosticKind::kUnreadableFile, path, 0,
                      "cannot read '" + path + "': " + error.message());
}

// True if the directory entry is a regular file or a symlink to one.
bool IsFileEntry(const fs::directory_entry& entry) {
  std::error_code error;
  return entry.is_regular_file(error);  // follows symlinks; a broken one is just not a file
}

// True if the entry is a real directory (a symlink to one is not followed).
bool IsDirectoryEntry(const fs::directory_entry& entry) {
  std::error_code error;
  return fs::is_directory(entry.symlink_status(error));
}

// Lists one directory: files into files, subdirectories into pending.
void ListDirectory(const fs::path& directory, std::vector<std::string>* files,
                   std::vector<fs::path>* pending, Diagnostics* diagnostics) {
  std::error_code error;
  fs::directory_iterator it(directory, error);
  for (; !error && it != fs::directory_iterator(); it.increment(error)) {
    if (IsHidden(it->path())) continue;
    if (IsDirectoryEntry(*it)) {
      pending->push_back(it->path());
    } else if (IsFileEntry(*it)) {
      files->push_back(it->path().string());
    }
  }
  if (error) ReportUnreadable(directory.string(), error, diagnostics);
}

std::vector<std::string> WalkDirectory(const std::string& root, Diagnostics* diagnostics) {
  std::vector<std::string> files;
  std::vector<fs::path> pending = {fs::path(root)};
  while (!pending.empty()) {
    const fs::path directory = std::move(pending.back());
    pending.pop_back();
    ListDirectory(directory, &files, &pending, diagnostics);
  }
  std::sort(files.begin(), files.end(), RotationOrderLess);
  return files;
}

// Removes later occurrences of a file already in the list (same device and inode).
void RemoveDuplicateFiles(std::vector<std::string>* inputs) {
  std::set<std::pair<dev_t, ino_t>> seen;
  std::erase_if(*inputs, [&seen](const std::string& path) {
    struct stat info {};
    if (path == kStdin || ::stat(path.c_str(), &info) != 0) return false;
    return !seen.emplace(info.st_dev, info.st_ino).second;
  });
}

// The rotation family a path belongs to: its directory and family name.
std::pair<fs::path, std::string> FamilyOf(const std::string& path) {
  const fs::path p(path);
  const std::string name = p.filename().string();
  fs::path directory = p.parent_path().lexically_normal();
  if (directory.empty()) directory = ".";
  return {directory, std::string(ParseRotationName(name).family)};
}

// Refills the positions each family occupies with its members, oldest first.
void OrderFamilies(std::vector<std::string>* inputs) {
  std::map<std::pair<fs::path, std::string>, std::vector<size_t>> positions;
  for (size_t i = 0; i < inputs->size(); ++i) {
    if ((*inputs)[i] != kStdin) positions[FamilyOf((*inputs)[i])].push_back(i);
  }
  for (const auto& [family, slots] : positions) {
    if (slots.size() < 2) continue;
    std::vector<std::string> members;
    for (size_t slot : slots) members.push_back(std::move((*inputs)[slot]));
    std::sort(members.begin(), members.end(), RotationOrderLess);
    for (size_t k = 0; k < slots.size(); ++k) (*inputs)[slots[k]] = std::move(members[k]);
  }
}

}  // namespace

bool RotationOrderLess(const std::string& a, const std::string& b) {
  const fs::path x(a);
  const fs::path y(b);
  const int directory_order = x.parent_path().compare(y.parent_path());
  if (directory_order != 0) return directory_order < 0;
  return RotationNameLess(x.filename().native(), y.filename().native());
}

std::vector<std::string> ExpandInputs(const std::vector<std::string>& paths,
                                      Diagnostics* diagnostics) {
  std::vector<std::string> inputs;
  for (const std::string& path : paths) {
    if (path == kStdin) {
      inputs.push_back(path);
      continue;
    }
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      if (!error) error = std::make_error_code(std::errc::no_such_file_or_directory);
      ReportUnreadable(path, error, diagnostics);
    } else if (fs::is_directory(status)) {
      std::vector<std::string> files = WalkDirectory(path, diagnostics);
      inputs.insert(inputs.end(), std::make_move_iterator(files.begin()),
                    std::make_move_iterator(files.end()));
    } else {
      inputs.push_back(path);
    }
  }
  RemoveDuplicateFiles(&inputs);
  OrderFamilies(&inputs);
  return inputs;
}

}  // namespace spraytrace::ingest
