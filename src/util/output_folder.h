#pragma once
/// The one rule for the folders kaava writes into (render -o, validate
/// --output): a folder is kaava's when kaava made it, found it empty, or
/// finds its marker (.kaava-output) in it. The marker lists the files each
/// command wrote, so a command can remove what it wrote before and no
/// longer produces (a renamed view's old picture), and never touches a
/// file it did not write.

#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace kaava {

/// The file that marks a folder as kaava's output.
inline constexpr std::string_view kOutputMarker = ".kaava-output";

class OutputFolder {
 public:
  /// How a command uses the folder.
  enum class Use {
    own,     ///< many files (render): the folder must be kaava's, or `force`
    single,  ///< one named file (a report): any folder; marked when new or empty
  };

  /// Opens `dir` for `command`'s files. Refuses .git, a file that is not
  /// a folder, and for Use::own a folder with files kaava did not write
  /// (the message names them) unless `force`; a subfolder with a marker of
  /// its own (kaava docs' site in render's out/) is kaava's. Creates nothing yet.
  bool open(const std::filesystem::path& dir, std::string_view command, Use use, bool force, std::string* error);

  /// Writes `name` (a relative path inside the folder) atomically.
  bool write(const std::string& name, std::string_view bytes, std::string* error);

  /// Records what was written in the marker (when the folder is kaava's).
  /// With `prune_extension`, first removes the files of this command with
  /// that extension ("*": any) which an earlier run wrote and this one did
  /// not.
  /// `removed` gets the files removed.
  bool finish(std::string_view prune_extension, std::vector<std::string>* removed, std::string* error);

  const std::filesystem::path& path() const { return dir_; }

 private:
  struct Entry {
    std::string command;
    std::string file;
    bool operator<(const Entry& other) const { return std::tie(command, file) < std::tie(other.command, other.file); }
  };
  std::filesystem::path dir_;
  std::string command_;
  bool marked_ = false;     ///< the folder is kaava's: the marker is kept up to date
  std::set<Entry> listed_;  ///< the marker's entries when opened
  std::set<std::string> written_;
};

}  // namespace kaava
