#include "service/pdf_document.h"

#include <cstdio>

namespace vinculo {
namespace {

// DejaVu (Debian's fonts-dejavu-core) covers Latin, Greek and Cyrillic
// with every accent a name in the programmes' countries carries.
constexpr const char* kFontFolders[] = {"/usr/share/fonts/truetype/dejavu",
                                        "/usr/local/share/fonts/truetype/dejavu"};
constexpr const char* kRegularFont = "DejaVuSans.ttf";
constexpr const char* kBoldFont = "DejaVuSans-Bold.ttf";

Result<std::string> FontPath(bool bold) {
  for (const char* folder : kFontFolders) {
    const std::string path = std::string(folder) + "/" + (bold ? kBoldFont : kRegularFont);
    if (FILE* file = std::fopen(path.c_str(), "rb")) {
      std::fclose(file);
      return path;
    }
  }
  return Status(StatusCode::kUnavailable,
                std::string("the PDF font ") + (bold ? kBoldFont : kRegularFont) +
                    " is not installed; install the Debian package fonts-dejavu-core");
}

}  // namespace

void PdfDocument::OnHaruError(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
  auto* error = static_cast<HaruError*>(user_data);
  if (error->code == HPDF_OK) *error = {code, detail};
}

PdfDocument::~PdfDocument() {
  if (doc_) HPDF_Free(doc_);
}

Result<std::unique_ptr<PdfDocument>> PdfDocument::Open() {
  VINCULO_ASSIGN_OR_RETURN(std::string regular_path, FontPath(false));
  VINCULO_ASSIGN_OR_RETURN(std::string bold_path, FontPath(true));
  std::unique_ptr<PdfDocument> pdf(new PdfDocument());
  pdf->doc_ = HPDF_New(OnHaruError, &pdf->error_);
  if (!pdf->doc_) return Internal("libharu could not start a document");
  HPDF_SetInfoAttr(pdf->doc_, HPDF_INFO_CREATOR, "Vinculo");
  // The fonts are embedded (subset by libharu) and the text is given as UTF-8.
  HPDF_UseUTFEncodings(pdf->doc_);
  HPDF_SetCurrentEncoder(pdf->doc_, "UTF-8");
  const char* regular_name = HPDF_LoadTTFontFromFile(pdf->doc_, regular_path.c_str(), HPDF_TRUE);
  const char* bold_name = HPDF_LoadTTFontFromFile(pdf->doc_, bold_path.c_str(), HPDF_TRUE);
  if (!regular_name || !bold_name) return Internal("libharu could not load the DejaVu fonts");
  pdf->regular_ = HPDF_GetFont(pdf->doc_, regular_name, "UTF-8");
  pdf->bold_ = HPDF_GetFont(pdf->doc_, bold_name, "UTF-8");
  if (!pdf->regular_ || !pdf->bold_) return Internal("libharu could not use the DejaVu fonts");
  return pdf;
}

HPDF_Page PdfDocument::AddPage(HPDF_PageSizes size, HPDF_PageDirection direction) {
  HPDF_Page page = HPDF_AddPage(doc_);
  HPDF_Page_SetSize(page, size, direction);
  return page;
}

Result<std::string> PdfDocument::Bytes(const std::string& what) {
  if (HPDF_SaveToStream(doc_) != HPDF_OK || error_.code != HPDF_OK) {
    return Internal("libharu could not write the " + what + " (error " +
                    std::to_string(error_.code) + ")");
  }
  std::string bytes(HPDF_GetStreamSize(doc_), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ResetStream(doc_);
  if (HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size) != HPDF_OK &&
      error_.code != HPDF_STREAM_EOF) {
    if (size == 0) return Internal("libharu could not read the " + what + " back");
  }
  bytes.resize(size);
  return bytes;
}

}  // namespace vinculo
