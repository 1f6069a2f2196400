// Issue 18: the completion certificate read back by poppler (pdftotext,
// pdffonts), a program that shares nothing with libharu: names in Polish,
// Croatian and Cyrillic intact, every topic of an eight-session course on the
// page, and the fonts embedded.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "service/workshop_certificate.h"

namespace vinculo::testing {
namespace {

std::string Run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  std::array<char, 4096> buffer;
  size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), read);
  pclose(pipe);
  return out;
}

class CertificatePdf {
 public:
  explicit CertificatePdf(const std::string& pdf) {
    path_ = (std::filesystem::temp_directory_path() /
             ("vinculo_certificate_" + std::to_string(getpid()) + ".pdf"))
                .string();
    std::ofstream(path_, std::ios::binary) << pdf;
  }
  ~CertificatePdf() { std::filesystem::remove(path_); }
  // The text as pdftotext reads it, lines joined by spaces.
  std::string Text() const {
    std::string text = Run("pdftotext -enc UTF-8 " + path_ + " - 2>&1");
    for (char& c : text) {
      if (c == '\n') c = ' ';
    }
    return text;
  }
  std::string Fonts() const { return Run("pdffonts " + path_ + " 2>&1"); }
  std::string Info() const { return Run("pdfinfo " + path_ + " 2>&1"); }

 private:
  std::string path_;
};

CertificateText EightTopics(const std::string& name) {
  CertificateText text;
  text.parent_name = name;
  text.course_title = "Crianza respetuosa desde el penal";
  text.facility = "Zakład Karny Łódź (sintético)";
  text.facilitator = "Đurđica Čolić";
  text.sessions_attended = 7;
  text.sessions_total = 8;
  text.issued_on = "2026-11-30";
  text.topics = {
      "Vínculo y apego en los primeros años",      "Comunicación sin gritos ni castigos físicos",
      "Rutinas de sueño, juego y alimentación",    "Emociones del niño durante las visitas",
      "Cómo explicar la prisión según la edad",    "Límites con cariño y consecuencias justas",
      "Preparar la salida: el plan de transición", "Cierre: mi compromiso como madre o padre"};
  return text;
}

TEST(CertificatePdfTest, Issue18_PolishCroatianAndCyrillicNamesPrintIntactWithEveryTopic) {
  for (const std::string& name :
       {std::string("Zofia Żółkiewska-Gęślą"), std::string("Đurđa Čačić Šimunović"),
        std::string("Людмила Ковальчук")}) {
    auto pdf = RenderCertificatePdf(EightTopics(name));
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    CertificatePdf file(*pdf);
    const std::string text = file.Text();
    EXPECT_NE(text.find(name), std::string::npos) << text;
    EXPECT_NE(text.find("Zakład Karny Łódź"), std::string::npos) << text;
    EXPECT_NE(text.find("Đurđica Čolić"), std::string::npos) << text;
    EXPECT_NE(text.find("Certificado de finalización"), std::string::npos) << text;
    EXPECT_EQ(text.find('?'), std::string::npos) << text;
    // All eight topics, the last one whole.
    for (const std::string& topic : EightTopics(name).topics) {
      const std::string first_words = topic.substr(0, topic.find(' ', 8));
      EXPECT_NE(text.find(first_words), std::string::npos) << first_words << "\n" << text;
    }
    EXPECT_NE(text.find("mi compromiso como madre o padre"), std::string::npos) << text;
    EXPECT_TRUE(std::regex_search(file.Info(), std::regex(R"(Pages:\s+1\n)"))) << file.Info();
  }
}

TEST(CertificatePdfTest, Issue18_TheFontsAreEmbedded) {
  auto pdf = RenderCertificatePdf(EightTopics("Людмила Ковальчук"));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  const std::string fonts = CertificatePdf(*pdf).Fonts();
  // pdffonts: name, type, encoding, emb, sub, uni, object; two fonts, both
  // DejaVu, both embedded ("yes" in the emb column).
  std::istringstream lines(fonts);
  std::string line;
  int dejavu = 0;
  while (std::getline(lines, line)) {
    if (line.find("DejaVu") == std::string::npos) continue;
    ++dejavu;
    EXPECT_NE(line.find(" yes "), std::string::npos) << line;
    EXPECT_EQ(line.find("Helvetica"), std::string::npos) << line;
  }
  EXPECT_EQ(dejavu, 2) << fonts;
}

}  // namespace
}  // namespace vinculo::testing
