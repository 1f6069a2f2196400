#include "service/workshop_certificate.h"

#include <memory>

#include "service/pdf_document.h"

namespace vinculo {
namespace {

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

Result<std::string> RenderCertificatePdf(const CertificateText& text) {
  VINCULO_ASSIGN_OR_RETURN(std::unique_ptr<PdfDocument> pdf, PdfDocument::Open());
  const Labels& labels = text.language == "en" ? kEnglish : kSpanish;
  HPDF_Page page = pdf->AddPage(HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
  HPDF_Font regular = pdf->regular();
  HPDF_Font bold = pdf->bold();
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

  return pdf->Bytes("certificate");
}

}  // namespace vinculo
