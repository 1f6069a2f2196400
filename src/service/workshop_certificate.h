// The completion certificate of a parenting workshop as a one-page PDF, drawn
// with libharu in DejaVu Sans (Debian's fonts-dejavu-core), embedded and fed
// UTF-8 through libharu's UTF-8 encoder: Polish, Croatian, Cyrillic and
// Spanish names print as written, and every topic of the course is on the
// page, wrapped onto as many lines as it needs.
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

// The PDF bytes; kUnavailable if the DejaVu fonts are not installed,
// kInternal if libharu fails.
Result<std::string> RenderCertificatePdf(const CertificateText& text);

}  // namespace vinculo
