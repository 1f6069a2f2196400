// The programme report's files: PDF (libharu through PdfDocument, the one PDF
// path, with DejaVu embedded), XLSX (libxlsxwriter) and CSV (common/csv.h,
// with a byte order mark so that Excel reads it as UTF-8). Pure: a
// ProgrammeReport in, bytes out.
#include <hpdf.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>

#include "common/csv.h"
#include "service/pdf_document.h"
#include "service/programme_report.h"
#include "service/spreadsheet.h"

namespace vinculo {
namespace {

// A withheld cell prints as an em dash.
constexpr const char* kWithheld = "\u2014";

struct ReportLabels {
  const char* title;
  const char* facility_title;
  const char* visits_received_chart;
  const char* month;
  const char* in_progress;
  const char* generated;
  const char* anonymised;  // followed by the threshold - 1
  const char* nothing_withheld;
  const char* measures;
  const char* measure;
  const char* numerator;
  const char* denominator;
  const char* value;
  const char* activity;
  const char* item;
  const char* figure;
  const char* visits_chart;
  const char* mood_chart;
  const char* before;
  const char* after;
  const char* definitions;
  const char* period;
  const char* trend;
  const char* visits_attended;
  const char* visits_scored;
  const char* months[12];
  char decimal_mark;
};

constexpr ReportLabels kSpanish = {
    "Informe mensual del programa",
    "Informe mensual del establecimiento",
    "Visitas recibidas por mes",
    "Mes",
    "en curso: cifras hasta hoy",
    "Generado el",
    "Anonimizado: sin nombres, solo cifras; se omiten (\u2014) las cifras de 1 a",
    "Anonimizado: sin nombres, solo cifras; no se omite ninguna cifra.",
    "Medidas de resultado",
    "Medida",
    "Numerador",
    "Denominador",
    "Valor",
    "Actividad del mes",
    "Concepto",
    "Cifra",
    "Visitas realizadas por mes",
    "Ánimo antes y después de la visita (1-5)",
    "antes",
    "después",
    "Definiciones",
    "Periodo",
    "Tendencia",
    "Visitas realizadas",
    "Visitas con ánimo registrado",
    {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
     "octubre", "noviembre", "diciembre"},
    ',',
};
constexpr ReportLabels kEnglish = {
    "Monthly programme report",
    "Monthly facility report",
    "Visits received per month",
    "Month",
    "in progress: figures to date",
    "Generated on",
    "Anonymised: no names, counts only; counts from 1 to",
    "Anonymised: no names, counts only; no count withheld.",
    "Outcome measures",
    "Measure",
    "Numerator",
    "Denominator",
    "Value",
    "Activity of the month",
    "Item",
    "Figure",
    "Visits attended per month",
    "Mood before and after the visit (1-5)",
    "before",
    "after",
    "Definitions",
    "Period",
    "Trend",
    "Visits attended",
    "Visits with mood recorded",
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"},
    '.',
};

const ReportLabels& LabelsOf(const ProgrammeReport& report) {
  return report.language == "en" ? kEnglish : kSpanish;
}

// A measure's name and definition in the report's language.
struct MeasureTexts {
  const char* name;
  const char* numerator;
  const char* denominator;
  const char* period;
};
MeasureTexts TextsOf(const ProgrammeReport& report, const MeasureDefinition& definition) {
  if (report.language == "en") {
    return {definition.name_en, definition.numerator_en, definition.denominator_en,
            definition.period_en};
  }
  return {definition.name_es, definition.numerator_es, definition.denominator_es,
          definition.period_es};
}

std::string Fixed(double number, int decimals, char decimal_mark) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, number);
  std::string out = text;
  if (decimal_mark != '.') std::replace(out.begin(), out.end(), '.', decimal_mark);
  return out;
}

std::string MonthName(const ProgrammeReport& report, const std::string& month) {
  const ReportLabels& labels = LabelsOf(report);
  const int number = std::atoi(month.substr(5, 2).c_str());
  const std::string name = number >= 1 && number <= 12 ? labels.months[number - 1] : month;
  return report.language == "en" ? name + " " + month.substr(0, 4)
                                 : name + " de " + month.substr(0, 4);
}

std::string ShortMonth(const ProgrammeReport& report, const std::string& month) {
  const int number = std::atoi(month.substr(5, 2).c_str());
  std::string name = number >= 1 && number <= 12 ? LabelsOf(report).months[number - 1] : month;
  // The first three letters (every month name here starts with ASCII letters).
  return name.substr(0, 3) + " " + month.substr(2, 2);
}

// A measure's value as a reader expects it: shares in per cent, means and
// amounts with decimals, in the report's decimal mark.
std::string MeasureText(const ProgrammeReport& report, const MeasureDefinition& definition,
                        std::optional<double> value) {
  if (!value) return kWithheld;
  const char mark = LabelsOf(report).decimal_mark;
  switch (definition.unit) {
    case MeasureUnit::kShare:
      return Fixed(*value * 100, 0, mark) + (report.language == "en" ? "%" : " %");
    case MeasureUnit::kPerUnit:
    case MeasureUnit::kMeanScore:
      return Fixed(*value, 2, mark);
    case MeasureUnit::kKilometres:
      return Fixed(*value, 1, mark) + " km";
    case MeasureUnit::kMoney:
      return Fixed(*value, 2, mark);
  }
  return Fixed(*value, 2, mark);
}

std::string NumberText(const ProgrammeReport& report, std::optional<double> number, bool amount) {
  if (!number) return kWithheld;
  return Fixed(*number, amount ? 1 : 0, LabelsOf(report).decimal_mark);
}

std::string SuppressionNote(const ProgrammeReport& report) {
  const ReportLabels& labels = LabelsOf(report);
  if (report.small_cell_threshold <= 1) return labels.nothing_withheld;
  std::string note =
      std::string(labels.anonymised) + " " + std::to_string(report.small_cell_threshold - 1);
  if (report.language == "en")
    note += " are withheld (\u2014).";
  else
    note += ".";
  return note;
}

// --- PDF ---

// Writes text on a page with a font, left-aligned or right-aligned at x.
class PageWriter {
 public:
  PageWriter(HPDF_Page page, const PdfDocument& pdf) : page_(page), pdf_(pdf) {}
  void Text(float x, float y, const std::string& text, float size, bool bold = false,
            bool right = false) {
    HPDF_Page_SetFontAndSize(page_, bold ? pdf_.bold() : pdf_.regular(), size);
    const float at = right ? x - HPDF_Page_TextWidth(page_, text.c_str()) : x;
    HPDF_Page_BeginText(page_);
    HPDF_Page_TextOut(page_, at, y, text.c_str());
    HPDF_Page_EndText(page_);
  }
  void Centred(float x, float y, const std::string& text, float size) {
    HPDF_Page_SetFontAndSize(page_, pdf_.regular(), size);
    const float width = HPDF_Page_TextWidth(page_, text.c_str());
    Text(x - width / 2, y, text, size);
  }
  void Line(float x1, float y1, float x2, float y2, float width = 0.5f) {
    HPDF_Page_SetLineWidth(page_, width);
    HPDF_Page_MoveTo(page_, x1, y1);
    HPDF_Page_LineTo(page_, x2, y2);
    HPDF_Page_Stroke(page_);
  }
  void Bar(float x, float y, float width, float height, float red, float green, float blue) {
    HPDF_Page_SetRGBFill(page_, red, green, blue);
    HPDF_Page_Rectangle(page_, x, y, width, height);
    HPDF_Page_Fill(page_);
    HPDF_Page_SetRGBFill(page_, 0, 0, 0);
  }
  float Width(const std::string& text, float size) {
    HPDF_Page_SetFontAndSize(page_, pdf_.regular(), size);
    return HPDF_Page_TextWidth(page_, text.c_str());
  }

 private:
  HPDF_Page page_;
  const PdfDocument& pdf_;
};

constexpr float kMargin = 40;
constexpr float kRow = 15;
// Room a measure's definition needs at the foot of a page (name and up to
// six wrapped lines); with less, it goes on the next page.
constexpr float kDefinitionRoom = kMargin + 80;
constexpr float kTableFont = 8.5f;
// The programme's two colours in the charts (before: grey-blue, after: teal).
constexpr float kBefore[3] = {0.55f, 0.62f, 0.75f};
constexpr float kAfter[3] = {0.05f, 0.48f, 0.45f};

// A bar chart of one or two series over the trend's months, in a box whose
// lower-left corner is (x, y).
void DrawChart(PageWriter& page, const ProgrammeReport& report, float x, float y, float width,
               float height, const std::string& title,
               const std::vector<std::vector<std::optional<double>>>& series, double top, int steps,
               const std::vector<bool>& withheld, const std::vector<std::string>& legend) {
  page.Text(x, y + height + 8, title, 10, true);
  const float plot_left = x + 22;
  const float plot_bottom = y + 18;
  const float plot_width = width - 26;
  const float plot_height = height - 26;
  page.Line(plot_left, plot_bottom, plot_left + plot_width, plot_bottom, 0.8f);
  page.Line(plot_left, plot_bottom, plot_left, plot_bottom + plot_height, 0.8f);
  // Grid lines at whole steps, with their values.
  for (int step = 1; step <= steps; ++step) {
    const float at =
        plot_bottom + plot_height * static_cast<float>(step) / static_cast<float>(steps);
    page.Line(plot_left, at, plot_left + plot_width, at, 0.2f);
    page.Text(plot_left - 3, at - 3, Fixed(top * step / steps, 0, LabelsOf(report).decimal_mark), 7,
              false, true);
  }
  const size_t months = report.trend.size();
  const float slot = plot_width / static_cast<float>(months);
  const float bar = slot * 0.7f / static_cast<float>(series.size());
  for (size_t month_idx = 0; month_idx < months; ++month_idx) {
    const float slot_left = plot_left + slot * static_cast<float>(month_idx) + slot * 0.15f;
    bool any = false;
    for (size_t series_idx = 0; series_idx < series.size(); ++series_idx) {
      const std::optional<double>& value = series[series_idx][month_idx];
      if (!value) continue;
      any = true;
      const float bar_height =
          top > 0 ? plot_height * static_cast<float>(std::min(*value, top) / top) : 0;
      const float* colour = series_idx == 0 && series.size() > 1 ? kBefore : kAfter;
      page.Bar(slot_left + bar * static_cast<float>(series_idx), plot_bottom, bar * 0.92f,
               bar_height, colour[0], colour[1], colour[2]);
    }
    const float centre = plot_left + slot * (static_cast<float>(month_idx) + 0.5f);
    if (!any && withheld[month_idx]) page.Centred(centre, plot_bottom + 3, kWithheld, 8);
    page.Centred(centre, y + 6, ShortMonth(report, report.trend[month_idx].month), 7);
  }
  // The legend under the months.
  float legend_x = plot_left;
  for (size_t series_idx = 0; series_idx < legend.size(); ++series_idx) {
    const float* colour = series_idx == 0 && legend.size() > 1 ? kBefore : kAfter;
    page.Bar(legend_x, y - 10, 8, 8, colour[0], colour[1], colour[2]);
    page.Text(legend_x + 11, y - 9, legend[series_idx], 7);
    legend_x += page.Width(legend[series_idx], 7) + 24;
  }
}

}  // namespace

Result<std::string> RenderReportPdf(const ProgrammeReport& report) {
  const ReportLabels& labels = LabelsOf(report);
  VINCULO_ASSIGN_OR_RETURN(std::unique_ptr<PdfDocument> pdf, PdfDocument::Open());
  const bool facility = report.subject == ReportSubject::kFacility;
  const char* title = facility ? labels.facility_title : labels.title;
  HPDF_SetInfoAttr(pdf->doc(), HPDF_INFO_TITLE, title);
  HPDF_Page first = pdf->AddPage(HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  PageWriter page(first, *pdf);
  const float width = HPDF_Page_GetWidth(first);
  const float height = HPDF_Page_GetHeight(first);
  const float right = width - kMargin;
  float y = height - 55;
  page.Text(kMargin, y, title, 18, true);
  y -= 22;
  page.Text(kMargin, y, report.organisation, 12, true);
  y -= 17;
  std::string month_line = std::string(labels.month) + ": " + MonthName(report, report.month);
  if (report.month_in_progress) month_line += " (" + std::string(labels.in_progress) + ")";
  page.Text(kMargin, y, month_line, 10.5f);
  y -= 14;
  page.Text(kMargin, y, std::string(labels.generated) + " " + report.generated_at, 8);
  y -= 11;
  page.Text(kMargin, y, SuppressionNote(report), 8);
  y -= 24;

  // The measures (a facility report has none).
  if (!report.measures.empty()) {
    page.Text(kMargin, y, labels.measures, 12, true);
    y -= 16;
    const float numerator_x = right - 175;
    const float denominator_x = right - 95;
    page.Text(kMargin, y, labels.measure, kTableFont, true);
    page.Text(numerator_x, y, labels.numerator, kTableFont, true, true);
    page.Text(denominator_x, y, labels.denominator, kTableFont, true, true);
    page.Text(right, y, labels.value, kTableFont, true, true);
    page.Line(kMargin, y - 4, right, y - 4, 0.8f);
    y -= kRow;
    for (const ReportMeasure& measure : report.measures) {
      const MeasureDefinition& definition = *measure.definition;
      page.Text(kMargin, y, TextsOf(report, definition).name, kTableFont);
      page.Text(numerator_x, y,
                NumberText(report, measure.numerator, !definition.numerator_is_count), kTableFont,
                false, true);
      page.Text(denominator_x, y,
                NumberText(report,
                           measure.denominator
                               ? std::optional<double>(static_cast<double>(*measure.denominator))
                               : std::nullopt,
                           false),
                kTableFont, false, true);
      page.Text(right, y, MeasureText(report, definition, measure.value), kTableFont, true, true);
      page.Line(kMargin, y - 4, right, y - 4, 0.2f);
      y -= kRow;
    }
    y -= 14;
  }
  // The month's activity.
  page.Text(kMargin, y, labels.activity, 12, true);
  y -= 16;
  page.Text(kMargin, y, labels.item, kTableFont, true);
  page.Text(right, y, labels.figure, kTableFont, true, true);
  page.Line(kMargin, y - 4, right, y - 4, 0.8f);
  y -= kRow;
  for (const ReportCount& count : report.activity) {
    page.Text(kMargin, y, count.label, kTableFont);
    page.Text(right, y, NumberText(report, count.value, count.amount), kTableFont, false, true);
    page.Line(kMargin, y - 4, right, y - 4, 0.2f);
    y -= kRow;
  }
  y -= 16;

  // Two charts side by side: visits per month, and mood before and after.
  const float chart_height = std::min(150.0f, y - 40 - 20);
  const float chart_width = (right - kMargin - 30) / 2;
  std::vector<std::optional<double>> visits, before, after;
  std::vector<bool> visits_withheld, moods_withheld;
  double most_visits = 0;
  for (const ReportTrendPoint& point : report.trend) {
    visits_withheld.push_back(!point.visits_attended);
    moods_withheld.push_back(!point.visits_scored);
    visits.push_back(point.visits_attended ? std::optional<double>(*point.visits_attended)
                                           : std::nullopt);
    if (point.visits_attended) most_visits = std::max(most_visits, double(*point.visits_attended));
    before.push_back(point.mood_before);
    after.push_back(point.mood_after);
  }
  // A round top for the visits axis: the next multiple of 4 (at least 4).
  const double visits_top = std::max(4.0, std::ceil(most_visits / 4) * 4);
  const float chart_y = y - chart_height;
  DrawChart(page, report, kMargin, chart_y, chart_width, chart_height,
            facility ? labels.visits_received_chart : labels.visits_chart, {visits}, visits_top, 4,
            visits_withheld, {});
  DrawChart(page, report, kMargin + chart_width + 30, chart_y, chart_width, chart_height,
            labels.mood_chart, {before, after}, kMoodHighest, kMoodHighest - kMoodLowest + 1,
            moods_withheld, {labels.before, labels.after});

  // The definitions on a second page (numerator, denominator, period).
  if (report.measures.empty()) return pdf->Bytes("report");
  std::optional<PageWriter> definitions;
  definitions.emplace(pdf->AddPage(HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT), *pdf);
  y = height - 55;
  definitions->Text(kMargin, y, labels.definitions, 14, true);
  y -= 22;
  for (const ReportMeasure& measure : report.measures) {
    // A definition that would run off the page starts the next one.
    if (y < kDefinitionRoom) {
      definitions.emplace(pdf->AddPage(HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT), *pdf);
      y = height - 55;
    }
    const MeasureTexts texts = TextsOf(report, *measure.definition);
    definitions->Text(kMargin, y, texts.name, 9.5f, true);
    y -= 12;
    for (const auto& [label, text] :
         {std::pair<const char*, const char*>{labels.numerator, texts.numerator},
          {labels.denominator, texts.denominator},
          {labels.period, texts.period}}) {
      // Wrapped between words to the page's width.
      std::istringstream words(std::string(label) + ": " + text);
      std::string word, line;
      while (words >> word) {
        const std::string longer = line.empty() ? word : line + " " + word;
        if (!line.empty() && definitions->Width(longer, 8) > right - kMargin - 12) {
          definitions->Text(kMargin + 12, y, line, 8);
          y -= 10;
          line = word;
        } else {
          line = longer;
        }
      }
      if (!line.empty()) definitions->Text(kMargin + 12, y, line, 8);
      y -= 10;
    }
    y -= 6;
  }
  return pdf->Bytes("report");
}

// --- XLSX ---

Result<std::string> RenderReportXlsx(const ProgrammeReport& report) {
  const ReportLabels& labels = LabelsOf(report);
  return WriteXlsxWorkbook(false, [&](lxw_workbook* workbook) -> Status {
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    lxw_format* percent = workbook_add_format(workbook);
    format_set_num_format(percent, "0%");
    lxw_format* decimals = workbook_add_format(workbook);
    format_set_num_format(decimals, "0.00");
    const bool english = report.language == "en";

    lxw_worksheet* measures = workbook_add_worksheet(workbook, english ? "Measures" : "Medidas");
    worksheet_write_string(
        measures, 0, 0,
        report.subject == ReportSubject::kFacility ? labels.facility_title : labels.title, bold);
    worksheet_write_string(measures, 1, 0, report.organisation.c_str(), nullptr);
    worksheet_write_string(measures, 2, 0,
                           (std::string(labels.month) + ": " + report.month).c_str(), nullptr);
    worksheet_write_string(measures, 3, 0, SuppressionNote(report).c_str(), nullptr);
    const char* headers[] = {"code",
                             labels.measure,
                             labels.numerator,
                             labels.denominator,
                             labels.value,
                             english ? "Numerator definition" : "Definición del numerador",
                             english ? "Denominator definition" : "Definición del denominador",
                             labels.period};
    for (int column = 0; column < 8; ++column) {
      worksheet_write_string(measures, 5, static_cast<lxw_col_t>(column), headers[column], bold);
    }
    lxw_row_t row = 6;
    for (const ReportMeasure& measure : report.measures) {
      const MeasureDefinition& definition = *measure.definition;
      worksheet_write_string(measures, row, 0, definition.code, nullptr);
      const MeasureTexts texts = TextsOf(report, definition);
      worksheet_write_string(measures, row, 1, texts.name, nullptr);
      if (measure.numerator) worksheet_write_number(measures, row, 2, *measure.numerator, nullptr);
      if (measure.denominator) {
        worksheet_write_number(measures, row, 3, static_cast<double>(*measure.denominator),
                               nullptr);
      }
      if (measure.value) {
        worksheet_write_number(measures, row, 4, *measure.value,
                               definition.unit == MeasureUnit::kShare ? percent : decimals);
      }
      worksheet_write_string(measures, row, 5, texts.numerator, nullptr);
      worksheet_write_string(measures, row, 6, texts.denominator, nullptr);
      worksheet_write_string(measures, row, 7, texts.period, nullptr);
      ++row;
    }
    worksheet_set_column(measures, 0, 0, 30, nullptr);
    worksheet_set_column(measures, 1, 1, 50, nullptr);
    worksheet_set_column(measures, 2, 4, 13, nullptr);
    worksheet_set_column(measures, 5, 7, 60, nullptr);

    lxw_worksheet* activity = workbook_add_worksheet(workbook, english ? "Activity" : "Actividad");
    worksheet_write_string(activity, 0, 0, "code", bold);
    worksheet_write_string(activity, 0, 1, labels.item, bold);
    worksheet_write_string(activity, 0, 2, labels.figure, bold);
    row = 1;
    for (const ReportCount& count : report.activity) {
      worksheet_write_string(activity, row, 0, count.code.c_str(), nullptr);
      worksheet_write_string(activity, row, 1, count.label.c_str(), nullptr);
      if (count.value) {
        worksheet_write_number(activity, row, 2, *count.value, count.amount ? decimals : nullptr);
      }
      ++row;
    }
    worksheet_set_column(activity, 0, 0, 30, nullptr);
    worksheet_set_column(activity, 1, 1, 45, nullptr);
    worksheet_set_column(activity, 2, 2, 12, nullptr);

    lxw_worksheet* trend = workbook_add_worksheet(workbook, english ? "Trend" : "Tendencia");
    const char* trend_headers[] = {labels.month, labels.visits_attended, labels.visits_scored,
                                   labels.before, labels.after};
    for (int column = 0; column < 5; ++column) {
      worksheet_write_string(trend, 0, static_cast<lxw_col_t>(column), trend_headers[column], bold);
    }
    row = 1;
    for (const ReportTrendPoint& point : report.trend) {
      worksheet_write_string(trend, row, 0, point.month.c_str(), nullptr);
      if (point.visits_attended) {
        worksheet_write_number(trend, row, 1, static_cast<double>(*point.visits_attended), nullptr);
      }
      if (point.visits_scored) {
        worksheet_write_number(trend, row, 2, static_cast<double>(*point.visits_scored), nullptr);
      }
      if (point.mood_before) worksheet_write_number(trend, row, 3, *point.mood_before, decimals);
      if (point.mood_after) worksheet_write_number(trend, row, 4, *point.mood_after, decimals);
      ++row;
    }
    worksheet_set_column(trend, 0, 4, 16, nullptr);
    // A native chart of the visits per month, beside the table.
    lxw_chart* chart = workbook_add_chart(workbook, LXW_CHART_COLUMN);
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, english ? "Trend" : "Tendencia", 1, 0,
                                static_cast<lxw_row_t>(report.trend.size()), 0);
    chart_series_set_values(series, english ? "Trend" : "Tendencia", 1, 1,
                            static_cast<lxw_row_t>(report.trend.size()), 1);
    chart_series_set_name(series, labels.visits_attended);
    chart_title_set_name(chart, labels.visits_chart);
    worksheet_insert_chart(trend, 1, 6, chart);
    return Status::Ok();
  });
}

// --- CSV ---

std::string RenderReportCsv(const ProgrammeReport& report) {
  CsvDialect dialect;
  dialect.byte_order_mark = true;
  std::string out = CsvDocumentStart(dialect);
  const auto number = [](std::optional<double> value) -> std::string {
    if (!value) return "";
    char text[64];
    std::snprintf(text, sizeof text, "%.6g", *value);
    return text;
  };
  const bool english = report.language == "en";
  AppendCsvRow(out,
               {"section", "code", "label", "numerator", "denominator", "value", "month",
                report.subject == ReportSubject::kFacility ? "facility_id" : "organisation_id",
                "small_cell_threshold"},
               dialect);
  const std::string organisation = std::to_string(report.organisation_id);
  const std::string threshold = std::to_string(report.small_cell_threshold);
  for (const ReportMeasure& measure : report.measures) {
    const MeasureDefinition& definition = *measure.definition;
    AppendCsvRow(
        out,
        {"measure", definition.code, TextsOf(report, definition).name, number(measure.numerator),
         number(measure.denominator
                    ? std::optional<double>(static_cast<double>(*measure.denominator))
                    : std::nullopt),
         number(measure.value), report.month, organisation, threshold},
        dialect);
  }
  for (const ReportCount& count : report.activity) {
    AppendCsvRow(out,
                 {"activity", count.code, count.label, "", "", number(count.value), report.month,
                  organisation, threshold},
                 dialect);
  }
  for (const ReportTrendPoint& point : report.trend) {
    const auto count = [](std::optional<long long> value) {
      return value ? std::optional<double>(static_cast<double>(*value)) : std::nullopt;
    };
    AppendCsvRow(out,
                 {"trend", "visits_attended", LabelsOf(report).visits_attended, "", "",
                  number(count(point.visits_attended)), point.month, organisation, threshold},
                 dialect);
    AppendCsvRow(out,
                 {"trend", "mood_before_mean", LabelsOf(report).before, "",
                  number(count(point.visits_scored)), number(point.mood_before), point.month,
                  organisation, threshold},
                 dialect);
    AppendCsvRow(
        out,
        {"trend", "mood_after_mean", LabelsOf(report).after, "", number(count(point.visits_scored)),
         number(point.mood_after), point.month, organisation, threshold},
        dialect);
  }
  return out;
}

}  // namespace vinculo
