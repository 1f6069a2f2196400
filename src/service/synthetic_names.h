// Synthetic names and deterministic draws, shared by the demo programme
// (demo_programme.cc) and the generated datasets (synthetic_dataset.cc): demo
// and test data are made of generated names, never real people.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace vinculo::synthetic {

// --- Names -------------------------------------------------------------------
// Common given and family names of the Peruvian Andes (Spanish and Quechua)
// and of Mexico (Spanish and Nahuatl), combined at random: no combination
// stands for a real person, and the accents and Ñ exercise every screen.

inline constexpr const char* kAndeanGirls[] = {
    "Ñusta",  "Valentina", "Rosa",  "Killa",   "Sumaq",  "María",    "Lucía",
    "Chaska", "Nayra",     "Flor",  "Ángela",  "Camila", "Milagros", "Inés",
    "Wayta",  "Yessenia",  "Sofía", "Micaela", "Anahí",  "Zoila",    "Elvira"};
inline constexpr const char* kAndeanBoys[] = {
    "José",   "Inti",    "Mateo",   "Wayra",     "Amaru", "Túpac",  "Ángel",
    "Julián", "Rubén",   "Efraín",  "Sebastián", "Kusi",  "Illari", "Huáscar",
    "Martín", "Joaquín", "Nicolás", "Andrés",    "Simón", "Néstor", "Teófilo"};
inline constexpr const char* kAndeanFamilies[] = {
    "Quispe", "Huamán",  "Mamani",   "Ccori",     "Pérez", "Núñez",   "Condori",     "Yupanqui",
    "Ñaupa",  "Huillca", "Cárdenas", "Gutiérrez", "Rojas", "Vásquez", "Chávez",      "Poma",
    "Tito",   "Ayala",   "Pariona",  "Cusi",      "Muñoz", "Ortiz",   "Quintanilla", "Ccahuana"};

inline constexpr const char* kMexicanGirls[] = {
    "Xóchitl",    "Itzel",   "Citlali", "Ximena",   "Guadalupe", "Valentina",
    "Rosa",       "Yaretzi", "Regina",  "Fernanda", "Araceli",   "Nayeli",
    "María José", "Sofía",   "Lucero",  "Maricruz", "Dulce",     "Belén"};
inline constexpr const char* kMexicanBoys[] = {
    "Santiago", "Mateo",  "Emiliano", "Cuauhtémoc", "Iker",   "José Ángel", "Tonatiuh",
    "Leonardo", "Damián", "Joaquín",  "Ehécatl",    "Julián", "Sebastián",  "Uriel"};
inline constexpr const char* kMexicanFamilies[] = {
    "Hernández", "García", "López",   "Martínez", "Ramírez", "Cruz",    "Núñez",
    "Peña",      "Ibáñez", "Sánchez", "Vázquez",  "Ordóñez", "Jiménez", "Muñoz",
    "Díaz",      "Méndez", "Xolalpa", "Tlapale",  "Zúñiga",  "Gómez"};

struct NamePool {
  std::span<const char* const> girls;
  std::span<const char* const> boys;
  std::span<const char* const> families;
};
inline constexpr NamePool kAndean{kAndeanGirls, kAndeanBoys, kAndeanFamilies};
inline constexpr NamePool kMexican{kMexicanGirls, kMexicanBoys, kMexicanFamilies};

// --- Deterministic draws -----------------------------------------------------
// Only the raw mt19937_64 sequence is fixed by the C++ standard; the standard
// distributions are not, so every draw is made here from raw numbers. The
// modulo bias over 64-bit draws is far below anything a demo can show.
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : engine_(seed) {}

  std::size_t Below(std::size_t count) { return static_cast<std::size_t>(engine_() % count); }
  long long Between(long long low, long long high) {
    return low + static_cast<long long>(engine_() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool Percent(int chance) { return Below(100) < static_cast<std::size_t>(chance); }
  std::string Pick(std::span<const char* const> names) { return names[Below(names.size())]; }
  template <typename T>
  void Shuffle(std::vector<T>& items) {  // Fisher-Yates
    for (std::size_t item_idx = items.size(); item_idx > 1; --item_idx) {
      std::swap(items[item_idx - 1], items[Below(item_idx)]);
    }
  }

 private:
  std::mt19937_64 engine_;
};

// One given name, or two as often as in the field ("Rosa Elvira").
inline std::string GivenNames(Draw& draw, const NamePool& pool, bool female) {
  const auto names = female ? pool.girls : pool.boys;
  std::string first = draw.Pick(names);
  if (!draw.Percent(30)) return first;
  std::string second = draw.Pick(names);
  return second == first ? first : first + " " + second;
}

}  // namespace vinculo::synthetic
