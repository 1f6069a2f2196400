#include "support/spreadsheet_reader.h"

#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace vinculo::testing {

std::string XlsxFirstSheetAsCsv(const std::string& xlsx_bytes, std::string* error) {
  static std::atomic<int> counter{0};
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() /
      ("vinculo_lo_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
  std::filesystem::create_directories(folder);
  const std::filesystem::path workbook = folder / "sheet.xlsx";
  std::ofstream(workbook, std::ios::binary) << xlsx_bytes;
  // 44,34,76: comma separator, '"' quotes, UTF-8.
  const std::string command = "libreoffice -env:UserInstallation=file://" + folder.string() +
                              "/profile --headless --convert-to "
                              "csv:\"Text - txt - csv (StarCalc)\":44,34,76 --outdir '" +
                              folder.string() + "' '" + workbook.string() + "' 2>&1";
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    std::array<char, 4096> buffer;
    size_t read = 0;
    while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
      output.append(buffer.data(), read);
    }
    pclose(pipe);
  }
  std::ifstream converted(folder / "sheet.csv", std::ios::binary);
  std::ostringstream text;
  text << converted.rdbuf();
  std::filesystem::remove_all(folder);
  if (error) *error = output;
  return text.str();
}

}  // namespace vinculo::testing
