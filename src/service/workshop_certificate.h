// The completion certificate of a parenting workshop as a one-page PDF, drawn
// with libharu in Helvetica with WinAnsiEncoding: UTF-8 text is converted to
// that single-byte encoding, so Spanish letters (á, é, í, ó, ú, ñ, ü, ¿, ¡)
// print as themselves; a character the encoding lacks prints as '?'.
// Pure apart from libharu's own allocations; thread-safe (one document per call).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace vinculo {

struct CertificateText {
  std::string language = "es";  // es | en
  std::string parent_name;
  std::string course_title;
  std::string facility;
  std::string facilitator;
  int sessions_attended = 0;
  int sessions_total = 0;
  std::string issued_on;  // YYYY-MM-DD
  std::vector<std::string> topics;
};

// The PDF bytes; kInternal if libharu fails.
Result<std::string> RenderCertificatePdf(const CertificateText& text);

// UTF-8 to Windows-1252 (WinAnsiEncoding); unmappable characters become '?'.
std::string WinAnsiFromUtf8(const std::string& text);

}  // namespace vinculo
