#include "service/workshop_certificate.h"

#include <hpdf.h>

#include <cstdio>
#include <memory>

namespace vinculo {
namespace {

struct HaruError {
  HPDF_STATUS code = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void OnHaruError(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
  auto* error = static_cast<HaruError*>(user_data);
  if (error->code == HPDF_OK) *error = {code, detail};
}

struct DocFree {
  void operator()(HPDF_Doc doc) const { HPDF_Free(doc); }
};

// DejaVu (Debian's fonts-dejavu-core) covers Latin, Greek and Cyrillic
// with every accent a name in the programmes' countries carries.
constexpr const char* kFontFolders[] = {"/usr/share/fonts/truetype/dejavu",
                                        "/usr/local/share/fonts/truetype/dejavu"};
constexpr const char* kRegularFont = "DejaVuSans.ttf";
constexpr const char* kBoldFont = "DejaVuSans-Bold.ttf";
// Left and right margin of the text inside the frame, in points.
constexpr float kTextMargin = 70;
constexpr float kTopicsFontSize = 11;

struct Labels {
  const char* heading;
  const char* certifies;
  const char* completed;
  const char* at;
  const char* attended;
  const char* of;
  const char* sessions;
  const char* topics;
  const char* facilitator;
  const char* issued;
};

constexpr Labels kSpanish = {"Certificado de finalización",
                             "Se certifica que",
                             "completó el taller",
                             "en",
                             "Asistió a",
                             "de",
                             "sesiones.",
                             "Temas:",
                             "Facilitadora o facilitador:",
                             "Emitido el"};
constexpr Labels kEnglish = {"Certificate of completion",
                             "This certifies that",
                             "completed the workshop",
                             "at",
                             "Attended",
                             "of",
                             "sessions.",
                             "Topics:",
                             "Facilitator:",
                             "Issued on"};

}  // namespace

Result<std::string> CertificateFontPath(bool bold) {
  for (const char* folder : kFontFolders) {
    const std::string path = std::string(folder) + "/" + (bold ? kBoldFont : kRegularFont);
    if (FILE* file = std::fopen(path.c_str(), "rb")) {
      std::fclose(file);
      return path;
    }
  }
  return Status(StatusCode::kUnavailable,
                std::string("the certificate font ") + (bold ? kBoldFont : kRegularFont) +
                    " is not installed; install the Debian package fonts-dejavu-core");
}

Result<std::string> RenderCertificatePdf(const CertificateText& text) {
  HaruError error;
  std::unique_ptr<_HPDF_Doc_Rec, DocFree> doc(HPDF_New(OnHaruError, &error));
  if (!doc) return Internal("libharu could not start a document");
  const Labels& labels = text.language == "en" ? kEnglish : kSpanish;
  HPDF_SetInfoAttr(doc.get(), HPDF_INFO_CREATOR, "Vinculo");
  HPDF_Page page = HPDF_AddPage(doc.get());
  HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
  // The fonts are embedded (subset by libharu) and the text is given as
  // UTF-8, so any name prints as written, whatever the reader has installed.
  VINCULO_ASSIGN_OR_RETURN(std::string regular_path, CertificateFontPath(false));
  VINCULO_ASSIGN_OR_RETURN(std::string bold_path, CertificateFontPath(true));
  HPDF_UseUTFEncodings(doc.get());
  HPDF_SetCurrentEncoder(doc.get(), "UTF-8");
  const char* regular_name = HPDF_LoadTTFontFromFile(doc.get(), regular_path.c_str(), HPDF_TRUE);
  const char* bold_name = HPDF_LoadTTFontFromFile(doc.get(), bold_path.c_str(), HPDF_TRUE);
  if (!regular_name || !bold_name) return Internal("libharu could not load the DejaVu fonts");
  HPDF_Font regular = HPDF_GetFont(doc.get(), regular_name, "UTF-8");
  HPDF_Font bold = HPDF_GetFont(doc.get(), bold_name, "UTF-8");
  if (!regular || !bold) return Internal("libharu could not use the DejaVu fonts");
  const float width = HPDF_Page_GetWidth(page);
  const float height = HPDF_Page_GetHeight(page);

  // A thin frame, then centred lines from the top down.
  HPDF_Page_SetLineWidth(page, 2);
  HPDF_Page_Rectangle(page, 30, 30, width - 60, height - 60);
  HPDF_Page_Stroke(page);
  float y = height - 110;
  auto centred = [&](HPDF_Font font, float size, const std::string& line) {
    HPDF_Page_SetFontAndSize(page, font, size);
    const float line_width = HPDF_Page_TextWidth(page, line.c_str());
    HPDF_Page_BeginText(page);
    HPDF_Page_TextOut(page, (width - line_width) / 2, y, line.c_str());
    HPDF_Page_EndText(page);
    y -= size * 1.8f;
  };
  centred(bold, 30, labels.heading);
  y -= 10;
  centred(regular, 16, labels.certifies);
  centred(bold, 24, text.parent_name);
  centred(regular, 16, labels.completed);
  centred(bold, 20, text.course_title);
  centred(regular, 14, std::string(labels.at) + " " + text.facility);
  centred(regular, 14,
          std::string(labels.attended) + " " + std::to_string(text.sessions_attended) + " " +
              labels.of + " " + std::to_string(text.sessions_total) + " " + labels.sessions);
  // Every topic, wrapped between words onto as many lines as they need.
  if (!text.topics.empty()) {
    centred(regular, 12, labels.topics);
    y += 6;
    HPDF_Page_SetFontAndSize(page, regular, kTopicsFontSize);
    std::vector<std::string> words;
    for (size_t topic_idx = 0; topic_idx < text.topics.size(); ++topic_idx) {
      std::string topic = std::to_string(topic_idx + 1) + ". " + text.topics[topic_idx];
      if (topic_idx + 1 < text.topics.size()) topic += " ·";
      size_t start = 0;
      while (start < topic.size()) {
        size_t end = topic.find(' ', start);
        if (end == std::string::npos) end = topic.size();
        if (end > start) words.push_back(topic.substr(start, end - start));
        start = end + 1;
      }
    }
    const float room = width - 2 * kTextMargin;
    std::string line;
    for (const std::string& word : words) {
      const std::string longer = line.empty() ? word : line + " " + word;
      if (!line.empty() && HPDF_Page_TextWidth(page, longer.c_str()) > room) {
        centred(regular, kTopicsFontSize, line);
        y += kTopicsFontSize * 0.4f;
        line = word;
      } else {
        line = longer;
      }
    }
    if (!line.empty()) centred(regular, kTopicsFontSize, line);
  }
  y -= 20;
  centred(regular, 12, std::string(labels.facilitator) + " " + text.facilitator);
  centred(regular, 12, std::string(labels.issued) + " " + text.issued_on);

  if (HPDF_SaveToStream(doc.get()) != HPDF_OK || error.code != HPDF_OK) {
    return Internal("libharu could not write the certificate (error " + std::to_string(error.code) +
                    ")");
  }
  std::string pdf(HPDF_GetStreamSize(doc.get()), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(pdf.size());
  HPDF_ResetStream(doc.get());
  if (HPDF_ReadFromStream(doc.get(), reinterpret_cast<HPDF_BYTE*>(pdf.data()), &size) != HPDF_OK &&
      error.code != HPDF_STREAM_EOF) {
    if (size == 0) return Internal("libharu could not read the certificate back");
  }
  pdf.resize(size);
  return pdf;
}

}  // namespace vinculo
