#include "service/workshop_certificate.h"

#include <hpdf.h>

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

// Code points above 0x7F that Windows-1252 places in 0x80..0x9F.
struct Cp1252Extra {
  unsigned code_point;
  unsigned char byte;
};
constexpr Cp1252Extra kCp1252Extras[] = {
    {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85}, {0x2020, 0x86},
    {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A}, {0x2039, 0x8B}, {0x0152, 0x8C},
    {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95},
    {0x2013, 0x96}, {0x2014, 0x97}, {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B},
    {0x0153, 0x9C}, {0x017E, 0x9E}, {0x0178, 0x9F}};

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

std::string WinAnsiFromUtf8(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    const auto lead = static_cast<unsigned char>(text[at]);
    unsigned code_point = 0;
    size_t length = 1;
    if (lead < 0x80) {
      code_point = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      code_point = lead & 0x1F;
      length = 2;
    } else if ((lead & 0xF0) == 0xE0) {
      code_point = lead & 0x0F;
      length = 3;
    } else if ((lead & 0xF8) == 0xF0) {
      code_point = lead & 0x07;
      length = 4;
    } else {
      out += '?';
      ++at;
      continue;
    }
    if (at + length > text.size()) {
      out += '?';
      break;
    }
    for (size_t byte_idx = 1; byte_idx < length; ++byte_idx) {
      code_point = (code_point << 6) | (static_cast<unsigned char>(text[at + byte_idx]) & 0x3F);
    }
    at += length;
    if (code_point < 0x80 || (code_point >= 0xA0 && code_point <= 0xFF)) {
      out += static_cast<char>(code_point);
      continue;
    }
    char mapped = '?';
    for (const Cp1252Extra& extra : kCp1252Extras) {
      if (extra.code_point == code_point) mapped = static_cast<char>(extra.byte);
    }
    out += mapped;
  }
  return out;
}

Result<std::string> RenderCertificatePdf(const CertificateText& text) {
  HaruError error;
  std::unique_ptr<_HPDF_Doc_Rec, DocFree> doc(HPDF_New(OnHaruError, &error));
  if (!doc) return Internal("libharu could not start a document");
  const Labels& labels = text.language == "en" ? kEnglish : kSpanish;
  HPDF_SetInfoAttr(doc.get(), HPDF_INFO_CREATOR, "Vinculo");
  HPDF_Page page = HPDF_AddPage(doc.get());
  HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
  HPDF_Font regular = HPDF_GetFont(doc.get(), "Helvetica", "WinAnsiEncoding");
  HPDF_Font bold = HPDF_GetFont(doc.get(), "Helvetica-Bold", "WinAnsiEncoding");
  const float width = HPDF_Page_GetWidth(page);
  const float height = HPDF_Page_GetHeight(page);

  // A thin frame, then centred lines from the top down.
  HPDF_Page_SetLineWidth(page, 2);
  HPDF_Page_Rectangle(page, 30, 30, width - 60, height - 60);
  HPDF_Page_Stroke(page);
  float y = height - 110;
  auto centred = [&](HPDF_Font font, float size, const std::string& utf8) {
    const std::string line = WinAnsiFromUtf8(utf8);
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
  std::string topics;
  for (const std::string& topic : text.topics) topics += (topics.empty() ? "" : " · ") + topic;
  if (!topics.empty()) {
    // Long topic lists are cut to keep the page to one line of topics.
    std::string line = std::string(labels.topics) + " " + topics;
    if (line.size() > 160) line = line.substr(0, 157) + "...";
    while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) {
      line.pop_back();
    }
    centred(regular, 9, line);
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
