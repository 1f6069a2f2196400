// Internal to src/service: the one way Vínculo writes a PDF (the workshop
// certificate, the programme reports). A libharu document with DejaVu Sans
// regular and bold (Debian's fonts-dejavu-core) embedded and fed UTF-8
// through libharu's UTF-8 encoder, so any name prints as written whatever
// the reader has installed. One document per object; not thread-safe, but
// documents on different threads are independent.
#pragma once

#include <hpdf.h>

#include <memory>
#include <string>

#include "common/status.h"

namespace vinculo {

class PdfDocument {
 public:
  // kUnavailable if the DejaVu fonts are not installed (naming the Debian
  // package), kInternal if libharu fails.
  static Result<std::unique_ptr<PdfDocument>> Open();
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  HPDF_Doc doc() const { return doc_; }
  HPDF_Font regular() const { return regular_; }
  HPDF_Font bold() const { return bold_; }
  HPDF_Page AddPage(HPDF_PageSizes size, HPDF_PageDirection direction);
  // The document's bytes; kInternal naming `what` if libharu reported an error.
  Result<std::string> Bytes(const std::string& what);

 private:
  PdfDocument() = default;
  struct HaruError {
    HPDF_STATUS code = HPDF_OK;
    HPDF_STATUS detail = 0;
  };
  static void OnHaruError(HPDF_STATUS code, HPDF_STATUS detail, void* user_data);

  HaruError error_;
  HPDF_Doc doc_ = nullptr;
  HPDF_Font regular_ = nullptr;
  HPDF_Font bold_ = nullptr;
};

}  // namespace vinculo
